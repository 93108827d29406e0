package org.wte.timedtask;

import java.time.Duration;
import java.time.Instant;

/** A timed_task row as the runner read it under its lock, with the database's clock at that moment. */
record ClaimedTask(long id, Long partId, String type, String options, TimedTaskStatus status, Instant dueAt,
                   int attempt, String leaseOwner, Instant now) {

    /** How late this attempt starts, in seconds (never negative). */
    long lateSeconds() {
        return dueAt == null ? 0 : Math.max(0, Duration.between(dueAt, now).getSeconds());
    }

    /** The attempt this run makes. */
    int nextAttempt() {
        return attempt + 1;
    }
}
