package org.wte.timedtask;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.wte.config.Settings;
import org.wte.db.DataSources;
import org.wte.db.Migrations;
import org.wte.db.SqlDialect;
import org.wte.db.UtcColumns;
import org.wte.testing.ScratchMariaDb;

/**
 * A migrated database for runner tests (an H2 file, or a scratch MariaDB database) with the INI file that
 * `wte run-timed-tasks` reads, and plain-JDBC seeding and reading. The test's own pool keeps an H2 file open,
 * as `wte serve` would, so that runner processes share it through H2's AUTO_SERVER.
 */
final class RunnerDatabase implements AutoCloseable {
    static final String SECRET = "runner-test-secret-runner-test-secret-0123456789";

    final HikariDataSource dataSource;
    final Path ini;
    private final ScratchMariaDb mariaDb;

    private RunnerDatabase(Settings.Database db, Path dir, ScratchMariaDb mariaDb, String extraIni) throws Exception {
        this.mariaDb = mariaDb;
        this.dataSource = DataSources.create(db, "runner-test");
        new Migrations(dataSource).migrate();
        this.ini = dir.resolve("wte.ini");
        Files.writeString(ini, "[app]\nurl = http://localhost:8080/wte\nsecret = " + SECRET + "\n"
                + "[database]\nurl = " + db.url() + "\nuser = " + db.user() + "\npassword = " + db.password() + "\n"
                + "[logging]\nlevel = WARN\n" + extraIni);
    }

    static RunnerDatabase h2(Path dir, String extraIni) throws Exception {
        return new RunnerDatabase(new Settings.Database("jdbc:h2:file:" + dir.toAbsolutePath()
                + "/wte;MODE=MariaDB;AUTO_SERVER=TRUE", "sa", "", 10), dir, null, extraIni);
    }

    static RunnerDatabase mariaDb(Path dir, String extraIni) throws Exception {
        ScratchMariaDb scratch = ScratchMariaDb.create("runner test");
        return new RunnerDatabase(new Settings.Database(scratch.url(), ScratchMariaDb.USER, ScratchMariaDb.PASSWORD,
                10), dir, scratch, extraIni);
    }

    /** A new row of the content tree; returns its id. */
    long part(Long parentId, String type, String status) throws SQLException {
        Instant now = Instant.now();
        return insert("INSERT INTO part (parent_id, type, title, status, content, compiled, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, '', '', ?, ?)", parentId, type, type.toLowerCase() + " for the runner", status,
                now, now);
    }

    /** An active account; returns its id. */
    long user(String email) throws SQLException {
        return insert("INSERT INTO app_user (email, display_name, status, created_at) VALUES (?, ?, 'ACTIVE', ?)",
                email, email.substring(0, email.indexOf('@')), Instant.now());
    }

    /** One row (values: Long, String or Instant; null as NULL); returns its generated id. */
    private long insert(String sql, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v instanceof Instant t) {
                    UtcColumns.set(ps, i + 1, t);
                } else {
                    ps.setObject(i + 1, v);
                }
            }
            ps.executeUpdate();
            long id;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            c.commit();
            return id;
        }
    }

    /** A scheduled action; returns its id. */
    long action(Long partId, String type, String options, Instant due) throws SQLException {
        return actions(List.of(new NewAction(partId, type, options, due))).get(0);
    }

    record NewAction(Long partId, String type, String options, Instant due) {}

    List<Long> actions(List<NewAction> actions) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO timed_task (part_id, type, options, status, due_at, created_at, updated_at) "
                        + "VALUES (?, ?, ?, 'SCHEDULED', ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            for (NewAction a : actions) {
                if (a.partId() == null) {
                    ps.setNull(1, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(1, a.partId());
                }
                ps.setString(2, a.type());
                ps.setString(3, a.options());
                UtcColumns.set(ps, 4, a.due());
                UtcColumns.set(ps, 5, Instant.now());
                UtcColumns.set(ps, 6, Instant.now());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    ids.add(keys.getLong(1));
                }
            }
            c.commit();
        }
        return ids;
    }

    /** The database's own UTC clock, which the runner compares due times with (DESIGN §7.5). */
    Instant now() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + SqlDialect.of(c).utcNow())) {
            rs.next();
            Instant now = UtcColumns.get(rs, 1);
            c.rollback();
            return now;
        }
    }

    /** Runs a statement (set-up, or a change behind the runner's back) and commits. */
    void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
            c.commit();
        }
    }

    /** The first column of every row, as strings. */
    List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            c.rollback();
        }
        return values;
    }

    String value(String sql) throws SQLException {
        List<String> values = column(sql);
        return values.isEmpty() ? null : values.get(0);
    }

    long count(String sql) throws SQLException {
        return Long.parseLong(value(sql));
    }

    @Override
    public void close() throws Exception {
        dataSource.close();
        if (mariaDb != null) {
            mariaDb.close();
        }
    }
}
