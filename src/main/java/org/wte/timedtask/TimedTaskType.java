package org.wte.timedtask;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import org.wte.content.PartType;
import org.wte.web.FormErrors;

/**
 * One kind of timed action. Adding a kind is one class implementing this and one template
 * ({@link #formTemplate()}) with its option fields, registered in {@link TimedTaskTypes}.
 */
public interface TimedTaskType {

    /** DATABASE: applied in the claim's transaction, exactly once. OUTSIDE: leased, acted, then marked done. */
    enum Effect { DATABASE, OUTSIDE }

    /** Stored in timed_task.type: never rename one that has been used. */
    String name();

    /** For the menu of types: "Change status". */
    String label();

    Effect effect();

    /** May an action of this type belong to a part of this level? */
    default boolean appliesTo(PartType partType) {
        return true;
    }

    /** The template with this type's fields, included in the action's form; it reads {@code options}. */
    default String formTemplate() {
        return "timedtask/types/" + name() + ".ftlh";
    }

    /** The option values a new action of this type starts with. */
    Map<String, String> defaults(PartType partType);

    /** The submitted form → options; a problem goes to {@code errors} under the field's name. */
    Map<String, String> readOptions(MultivaluedMap<String, String> form, PartType partType, FormErrors errors);

    /**
     * What the action will do, in one line ("Make it available"); must not throw: broken options are described
     * as such.
     */
    String describe(Map<String, String> options);

    /**
     * Carries the action out; returns the result to keep and show. Throw {@link TaskFailure} for what retrying
     * cannot mend; any other exception is retried with back-off.
     */
    TaskResult run(TaskExecution execution) throws Exception;

    /** The choices of a multi-valued option, for the form. */
    default List<String> values(MultivaluedMap<String, String> form, String field) {
        List<String> v = form.get(field);
        return v == null ? List.of() : v;
    }
}
