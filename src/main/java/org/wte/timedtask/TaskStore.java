package org.wte.timedtask;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.wte.db.LeaseOwner;
import org.wte.db.LockedClaim;
import org.wte.db.SqlDialect;
import org.wte.db.UtcColumns;

/**
 * The runner's native SQL on timed_task and timed_task_run (DESIGN §7): claim, read, lease, and record each
 * outcome with its history row. Every change bumps {@code version}, so the web app's optimistic lock sees it.
 */
final class TaskStore {
    /** Longer messages are cut to fit the columns. */
    private static final int MESSAGE_MAX = 1000;

    private final SqlDialect d;
    private final LeaseOwner owner;

    TaskStore(SqlDialect dialect, LeaseOwner owner) {
        this.d = dialect;
        this.owner = owner;
    }

    /** Scheduled and due (and past any retry back-off), or running with an expired lease. */
    static String due(SqlDialect d) {
        return "(" + scheduled(d) + ") OR (" + expired(d) + ")";
    }

    private static String scheduled(SqlDialect d) {
        String now = d.utcNow();
        return "status = 'SCHEDULED' AND due_at <= " + now + " AND (retry_at IS NULL OR retry_at <= " + now + ")";
    }

    private static String expired(SqlDialect d) {
        return "status = 'RUNNING' AND lease_until < " + d.utcNow();
    }

    /**
     * Locks up to {@code limit} due actions, skipping those other runners hold: expired leases first, then
     * scheduled actions, oldest due first. Two claims, not one with OR: only a condition that walks the
     * (status, due_at) index in order spares MariaDB a filesort, and a locking filesort locks every due row.
     */
    List<ClaimedTask> claim(Connection c, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>(LockedClaim.claim(c, d, "timed_task", expired(d), "lease_until, id", limit));
        if (ids.size() < limit) {
            ids.addAll(LockedClaim.claim(c, d, "timed_task", scheduled(d), "due_at, id", limit - ids.size()));
        }
        return ids.isEmpty() ? List.of() : read(c, ids);
    }

    /** The rows as they are now (under the caller's lock, or to check a lease before finishing). */
    List<ClaimedTask> read(Connection c, List<Long> ids) throws SQLException {
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        List<ClaimedTask> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, part_id, type, options, status, due_at, attempt, "
                + "lease_owner, " + d.utcNow() + " FROM timed_task WHERE id IN (" + in + ") ORDER BY due_at, id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long part = rs.getLong(2);
                    Long partId = rs.wasNull() ? null : part;
                    rows.add(new ClaimedTask(rs.getLong(1), partId, rs.getString(3),
                            rs.getString(4), TimedTaskStatus.valueOf(rs.getString(5)), UtcColumns.get(rs, 6),
                            rs.getInt(7), rs.getString(8), UtcColumns.get(rs, 9)));
                }
            }
        }
        return rows;
    }

    /** Locks the parts' rows in id order: one order for every runner, so that they never deadlock. */
    List<Long> lockParts(Connection c, List<Long> partIds) throws SQLException {
        if (partIds.isEmpty()) {
            return List.of();
        }
        String in = partIds.stream().sorted().distinct().map(String::valueOf).collect(Collectors.joining(","));
        List<Long> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM part WHERE id IN (" + in
                + ") ORDER BY id FOR UPDATE")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
        }
        return found;
    }

    /** The earlier attempt's runner died with the lease: its history row says so. */
    void abandonEarlierAttempt(Connection c, ClaimedTask t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE timed_task_run SET outcome = 'ABANDONED', ended_at = "
                + d.utcNow() + ", message = ? WHERE task_id = ? AND outcome = 'RUNNING'")) {
            ps.setString(1, cut("its runner (" + t.leaseOwner() + ") stopped before finishing; the lease expired "
                    + "and another run took over"));
            ps.setLong(2, t.id());
            ps.executeUpdate();
        }
    }

    /** An action and what came of it. */
    record Outcome(ClaimedTask task, TaskResult result) {}

    /**
     * Marks these done (or superseded) in the caller's transaction, with their history rows: two batched
     * statements for the whole claim rather than two round trips per action.
     */
    void done(Connection c, List<Outcome> done) throws SQLException {
        if (done.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(finishSql())) {
            for (Outcome o : done) {
                bindFinish(ps, o.task(), "DONE", o.result().message());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(historySql(true))) {
            for (Outcome o : done) {
                bindHistory(ps, o.task(), o.result().outcome(), o.result().message());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void fail(Connection c, ClaimedTask t, String message) throws SQLException {
        finish(c, t, "FAILED", message);
        history(c, t, RunOutcome.FAILED, message, true);
    }

    /** Scheduled again, not before {@code backoffSeconds} from now; due_at keeps the teacher's time. */
    void retry(Connection c, ClaimedTask t, String message, long backoffSeconds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE timed_task SET status = 'SCHEDULED', attempt = ?, "
                + "retry_at = " + d.plusSeconds(d.utcNow()) + ", last_result = ?, lease_owner = NULL, "
                + "lease_until = NULL, updated_at = " + d.utcNow() + ", version = version + 1 WHERE id = ?")) {
            ps.setInt(1, t.nextAttempt());
            ps.setLong(2, backoffSeconds);
            ps.setString(3, cut("attempt " + t.nextAttempt() + " failed, will be retried: " + message));
            ps.setLong(4, t.id());
            ps.executeUpdate();
        }
        history(c, t, RunOutcome.RETRY, message, true);
    }

    /** Takes the lease for an outside effect; the caller commits before acting. */
    void lease(Connection c, ClaimedTask t, int leaseSeconds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE timed_task SET status = 'RUNNING', attempt = ?, "
                + "lease_owner = ?, lease_until = " + d.plusSeconds(d.utcNow()) + ", retry_at = NULL, updated_at = "
                + d.utcNow() + ", version = version + 1 WHERE id = ?")) {
            ps.setInt(1, t.nextAttempt());
            ps.setString(2, owner.id());
            ps.setInt(3, leaseSeconds);
            ps.setLong(4, t.id());
            ps.executeUpdate();
        }
        history(c, t, RunOutcome.RUNNING, null, false);
    }

    /** Is the lease still ours, on the attempt we took? (0 rows when another runner fenced us out.) */
    boolean stillOurs(Connection c, ClaimedTask t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM timed_task WHERE id = ? AND status = 'RUNNING' "
                + "AND lease_owner = ? AND attempt = ?")) {
            ps.setLong(1, t.id());
            ps.setString(2, owner.id());
            ps.setInt(3, t.nextAttempt());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Ends a leased attempt, fenced: only while the lease is still ours. Returns false (and changes nothing)
     * when another runner has taken over.
     */
    boolean finishLeased(Connection c, ClaimedTask t, RunOutcome outcome, String message, long backoffSeconds)
            throws SQLException {
        boolean retry = outcome == RunOutcome.RETRY;
        String set = retry
                ? "status = 'SCHEDULED', retry_at = " + d.plusSeconds(d.utcNow()) + ", finished_at = NULL"
                : "status = '" + (outcome == RunOutcome.FAILED ? "FAILED" : "DONE") + "', finished_at = " + d.utcNow();
        int n;
        try (PreparedStatement ps = c.prepareStatement("UPDATE timed_task SET " + set + ", last_result = ?, "
                + "lease_owner = NULL, lease_until = NULL, updated_at = " + d.utcNow() + ", version = version + 1 "
                + "WHERE id = ? AND lease_owner = ? AND attempt = ?")) {
            int i = 1;
            if (retry) {
                ps.setLong(i++, backoffSeconds);
            }
            ps.setString(i++, cut(retry ? "attempt " + t.nextAttempt() + " failed, will be retried: " + message
                    : message));
            ps.setLong(i++, t.id());
            ps.setString(i++, owner.id());
            ps.setInt(i, t.nextAttempt());
            n = ps.executeUpdate();
        }
        if (n == 0) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE timed_task_run SET outcome = ?, ended_at = "
                + d.utcNow() + ", message = ? WHERE task_id = ? AND attempt = ? AND outcome = 'RUNNING'")) {
            ps.setString(1, outcome.name());
            ps.setString(2, cut(message));
            ps.setLong(3, t.id());
            ps.setInt(4, t.nextAttempt());
            ps.executeUpdate();
        }
        return true;
    }

    private void finish(Connection c, ClaimedTask t, String status, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(finishSql())) {
            bindFinish(ps, t, status, message);
            ps.executeUpdate();
        }
    }

    private String finishSql() {
        return "UPDATE timed_task SET status = ?, attempt = ?, finished_at = " + d.utcNow() + ", last_result = ?, "
                + "lease_owner = NULL, lease_until = NULL, retry_at = NULL, updated_at = " + d.utcNow()
                + ", version = version + 1 WHERE id = ?";
    }

    private static void bindFinish(PreparedStatement ps, ClaimedTask t, String status, String message)
            throws SQLException {
        ps.setString(1, status);
        ps.setInt(2, t.nextAttempt());
        ps.setString(3, cut(message));
        ps.setLong(4, t.id());
    }

    private void history(Connection c, ClaimedTask t, RunOutcome outcome, String message, boolean ended)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(historySql(ended))) {
            bindHistory(ps, t, outcome, message);
            ps.executeUpdate();
        }
    }

    private String historySql(boolean ended) {
        return "INSERT INTO timed_task_run (task_id, attempt, host, pid, started_at, ended_at, late_seconds, outcome, "
                + "message) VALUES (?, ?, ?, ?, ?, " + (ended ? d.utcNow() : "NULL") + ", ?, ?, ?)";
    }

    private void bindHistory(PreparedStatement ps, ClaimedTask t, RunOutcome outcome, String message)
            throws SQLException {
        ps.setLong(1, t.id());
        ps.setInt(2, t.nextAttempt());
        ps.setString(3, owner.host());
        ps.setLong(4, owner.pid());
        UtcColumns.set(ps, 5, t.now());
        ps.setLong(6, t.lateSeconds());
        ps.setString(7, outcome.name());
        ps.setString(8, message == null ? null : cut(message));
    }

    static String cut(String message) {
        if (message == null) {
            return null;
        }
        return message.length() > MESSAGE_MAX ? message.substring(0, MESSAGE_MAX - 1) + "…" : message;
    }
}
