package org.wte.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/**
 * The database's UTC clock on H2, in a JVM that is not on UTC (surefire sets Europe/Berlin): it is UTC, and a
 * UTC DATETIME column compares with it as an instant. (MariaDB's UTC_TIMESTAMP is checked by the MariaDB ITs.)
 */
class SqlDialectTest {
    @Test
    void h2sUtcNowIsUtcWhateverTheJvmsZone() throws Exception {
        assertNotEquals(ZoneOffset.UTC, ZoneId.systemDefault().getRules().getOffset(Instant.now()),
                "this test needs a JVM zone that is not UTC now (surefire sets Europe/Berlin)");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:dialect;MODE=MariaDB")) {
            assertEquals(SqlDialect.H2, SqlDialect.of(c));
            Instant now;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT " + SqlDialect.H2.utcNow())) {
                rs.next();
                now = UtcColumns.get(rs, 1);
            }
            assertTrue(Duration.between(now, Instant.now()).abs().toSeconds() < 5, "H2's UTC now was " + now
                    + " at " + Instant.now());

            c.createStatement().execute("CREATE TABLE due (id INT, due_at DATETIME(6))");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO due VALUES (?, ?)")) {
                ps.setInt(1, 1);
                UtcColumns.set(ps, 2, Instant.now().minus(Duration.ofMinutes(20)));
                ps.executeUpdate();
                ps.setInt(1, 2);
                UtcColumns.set(ps, 2, Instant.now().plus(Duration.ofMinutes(20)));
                ps.executeUpdate();
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT id FROM due WHERE due_at <= "
                    + SqlDialect.H2.utcNow() + " ORDER BY id")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1), "twenty minutes ago is due");
                assertTrue(!rs.next(), "in twenty minutes is not due yet");
            }
        }
    }
}
