package org.wte.quiz;

/** An answer that cannot be taken, with the HTTP status and the message to show (never a stack trace). */
public final class AnswerRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public AnswerRefused(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
