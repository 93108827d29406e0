package org.wte.timedtask;

/**
 * A failure that retrying cannot mend (broken options, a vanished part, a status the part cannot take): the
 * action fails at once with this message. Any other exception is retried with back-off.
 */
public final class TaskFailure extends RuntimeException {
    public TaskFailure(String message) {
        super(message);
    }
}
