package org.wte.timedtask;

/** What came of one attempt at a timed action, as its history shows it. */
public enum RunOutcome {
    /** Started and not finished yet (or its runner died: see ABANDONED). */
    RUNNING,
    DONE,
    /** Done without effect: a later change-status action of the same part had already been applied. */
    SUPERSEDED,
    /** Failed this time; it will be tried again after a back-off. */
    RETRY,
    FAILED,
    /** Its runner stopped (killed, host down) before finishing; the lease expired and another run took over. */
    ABANDONED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
