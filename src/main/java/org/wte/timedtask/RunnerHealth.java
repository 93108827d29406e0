package org.wte.timedtask;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wte.db.SqlDialect;
import org.wte.db.UtcColumns;

/**
 * Is cron doing its job? "Actions are due but no run has finished for 5 minutes": a scheduled action is due and
 * either no `wte run-timed-tasks` has ever finished, or the last one finished more than 5 minutes ago. Measured
 * with the database's clock, which the runner also uses, so that a skewed web server cannot raise a false alarm.
 * The banner's answer is kept for 30 seconds: every page an administrator opens asks, and must stay cheap.
 */
public final class RunnerHealth {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerHealth.class);
    static final Duration STALL = Duration.ofMinutes(5);
    static final Duration KEEP = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final Object lock = new Object();
    private Remembered remembered;
    private boolean asking;

    public RunnerHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What is wrong: actions have been due since {@code oldestDue} and the last run finished {@code minutes} ago
     * (null: no run has ever finished).
     */
    public record Stall(Long minutes, Instant oldestDue) {
        public boolean neverRan() {
            return minutes == null;
        }
    }

    /** The database's time, the oldest due scheduled action (or null) and the end of the last finished run. */
    public record Snapshot(Instant now, Instant oldestDue, Instant lastFinished) {
        /** Null when all is well. */
        public Stall stall() {
            if (oldestDue == null || (lastFinished != null && !lastFinished.isBefore(now.minus(STALL)))) {
                return null;
            }
            return new Stall(lastFinished == null ? null : Duration.between(lastFinished, now).toMinutes(), oldestDue);
        }
    }

    private record Remembered(long atNanos, Stall stall) {}

    /** Asks the database now (the admin page), and remembers the answer for the banner. */
    public Snapshot check() {
        Snapshot snapshot = query();
        remember(snapshot.stall());
        return snapshot;
    }

    /**
     * The banner's answer, at most 30 seconds old; null when all is well. One request asks the database when the
     * answer is old, the others meanwhile take the old answer rather than wait for it (a slow database must not
     * hold every administrator's page). When the database cannot answer, there is no banner (the page itself
     * will say what is wrong) and the failure is logged.
     */
    public Stall stall() {
        Remembered known;
        synchronized (lock) {
            known = remembered;
            boolean fresh = known != null && System.nanoTime() - known.atNanos() < KEEP.toNanos();
            if (fresh || asking) {
                return known == null ? null : known.stall();
            }
            asking = true;
        }
        Stall stall = null;
        try {
            stall = query().stall();
        } catch (RuntimeException e) {
            LOG.warn("could not check the timed-action runners' health: {}", e.toString());
        } finally {
            remember(stall);
        }
        return stall;
    }

    private void remember(Stall stall) {
        synchronized (lock) {
            remembered = new Remembered(System.nanoTime(), stall);
            asking = false;
        }
    }

    private Snapshot query() {
        try (Connection c = dataSource.getConnection()) {
            String now = SqlDialect.of(c).utcNow();
            // Both sub-queries follow an index: (status, due_at) and (ended_at).
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT MIN(due_at) FROM timed_task "
                    + "WHERE status = 'SCHEDULED' AND due_at <= " + now + "), (SELECT MAX(ended_at) FROM runner_run), "
                    + now);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Snapshot(UtcColumns.get(rs, 3), UtcColumns.get(rs, 1), UtcColumns.get(rs, 2));
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the runners' health: " + e.getMessage(), e);
        }
    }
}
