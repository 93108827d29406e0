package org.wte.exchange;

/** A file that cannot be imported, with the message the teacher (or the CLI's user) reads: what and where. */
public final class ImportProblem extends RuntimeException {
    public ImportProblem(String message) {
        super(message);
    }
}
