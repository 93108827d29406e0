package org.wte.timedtask;

import java.sql.Connection;
import java.time.Instant;
import java.util.Map;

import org.wte.db.SqlDialect;

/**
 * What a type needs to carry out one claimed action. For a DATABASE effect, {@link #connection()} is the claim's
 * transaction with the part's row locked; for an OUTSIDE effect it is a fresh transaction that commits after
 * {@link TimedTaskType#run}, and {@link #services()} holds the full stack (built only when such work exists).
 */
public interface TaskExecution {
    long taskId();

    long partId();

    Instant dueAt();

    Map<String, String> options();

    Connection connection();

    SqlDialect dialect();

    TaskServices services();
}
