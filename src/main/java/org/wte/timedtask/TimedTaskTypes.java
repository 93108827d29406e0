package org.wte.timedtask;

import java.util.List;
import java.util.Optional;

/** The kinds of timed action this build knows; an action of any other kind fails with a message. */
public final class TimedTaskTypes {
    private final List<TimedTaskType> types;

    public TimedTaskTypes(List<TimedTaskType> types) {
        this.types = List.copyOf(types);
    }

    public static TimedTaskTypes standard() {
        return new TimedTaskTypes(List.of(new ChangeStatusTask(), new EmailMembersTask()));
    }

    public List<TimedTaskType> all() {
        return types;
    }

    public Optional<TimedTaskType> find(String name) {
        return types.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
