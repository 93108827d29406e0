package org.wte.timedtask;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.wte.db.LeaseOwner;
import org.wte.db.SqlDialect;

/** The runner_run row of this run: written at the start, completed at the end (DESIGN §7.9). */
final class RunRecord {
    /** Older runs are deleted; the health page needs the recent ones only. */
    private static final long KEEP_SECONDS = 30L * 86_400;

    private final DataSource dataSource;
    private final LeaseOwner owner;
    private long id;

    RunRecord(DataSource dataSource, LeaseOwner owner) {
        this.dataSource = dataSource;
        this.owner = owner;
    }

    void start() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            SqlDialect d = SqlDialect.of(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO runner_run (host, pid, started_at, outcome) "
                    + "VALUES (?, ?, " + d.utcNow() + ", 'RUNNING')", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, owner.host());
                ps.setLong(2, owner.pid());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            c.commit();
        }
    }

    void finish(RunSummary s, String outcome, String message) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            SqlDialect d = SqlDialect.of(c);
            try (PreparedStatement ps = c.prepareStatement("UPDATE runner_run SET ended_at = " + d.utcNow()
                    + ", outcome = ?, claimed = ?, done = ?, failed = ?, retried = ?, late = ?, mails_sent = ?, "
                    + "message = ? WHERE id = ?")) {
                ps.setString(1, outcome);
                ps.setInt(2, s.claimed);
                ps.setInt(3, s.done);
                ps.setInt(4, s.failed);
                ps.setInt(5, s.retried);
                ps.setInt(6, s.late);
                ps.setInt(7, s.mailsSent);
                ps.setString(8, TaskStore.cut(message));
                ps.setLong(9, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM runner_run WHERE ended_at < "
                    + d.plusSeconds(d.utcNow()))) {
                ps.setLong(1, -KEEP_SECONDS);
                ps.executeUpdate();
            }
            c.commit();
        }
    }
}
