package org.wte.timedtask;

/** draft → scheduled → running → done | failed | cancelled (DESIGN §7). */
public enum TimedTaskStatus {
    DRAFT, SCHEDULED, RUNNING, DONE, FAILED, CANCELLED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Has it run, or will it never run? Editing such an action makes a new one. */
    public boolean finished() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    /** Still to come: the runner will (or may, once scheduled) carry it out. */
    public boolean upcoming() {
        return this == SCHEDULED || this == RUNNING;
    }
}
