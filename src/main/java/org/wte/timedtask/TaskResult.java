package org.wte.timedtask;

/** What a type's run came to: done with a message, or done without effect because something later won. */
public record TaskResult(RunOutcome outcome, String message) {
    public static TaskResult done(String message) {
        return new TaskResult(RunOutcome.DONE, message);
    }

    public static TaskResult superseded(String message) {
        return new TaskResult(RunOutcome.SUPERSEDED, message);
    }
}
