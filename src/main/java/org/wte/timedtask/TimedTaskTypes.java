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

    /**
     * What a stored action will do, in one line, for any action the database holds: one of a type this build
     * does not know, or with options that no longer read, is described as such instead of failing the page.
     */
    public String describe(TimedTask task) {
        Optional<TimedTaskType> type = find(task.getType());
        if (type.isEmpty()) {
            return "An action of a kind this version of WTE does not know (\u201c" + task.getType() + "\u201d)";
        }
        try {
            return type.get().describe(TaskOptions.read(task.getOptions()));
        } catch (TaskFailure broken) {
            return type.get().label() + " (broken: " + broken.getMessage() + ")";
        }
    }
}
