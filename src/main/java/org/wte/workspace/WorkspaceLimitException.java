package org.wte.workspace;

/**
 * A change the workspace refuses, with the message the student sees: {@code status} is 413 for a file
 * too large, 400 for anything else (a bad name, too many files, a name in use).
 */
public final class WorkspaceLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public WorkspaceLimitException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
