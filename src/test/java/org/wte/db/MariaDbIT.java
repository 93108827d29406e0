package org.wte.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.CompositionRoot;
import org.wte.config.Settings;
import org.wte.testing.ScratchMariaDb;

/**
 * The same checks as {@link InstantRoundTripTest}, on MariaDB (127.0.0.1:3306, root, empty password), in a
 * database of its own that it creates and drops. Skipped with a printed reason when MariaDB is not reachable,
 * unless -Dwte.requireServices=true (CI), where that fails.
 */
class MariaDbIT {
    private static final String USER = ScratchMariaDb.USER;
    private static final String PASSWORD = ScratchMariaDb.PASSWORD;

    private static ScratchMariaDb scratch;
    private static HikariDataSource dataSource;
    private static Database database;
    private static int pendingAtStart;
    private static int firstMigrate;

    @BeforeAll
    static void createAndMigrateAFreshDatabase() {
        scratch = ScratchMariaDb.create("MariaDbIT");
        dataSource = DataSources.create(new Settings.Database(scratch.url(), USER, PASSWORD, 4), "mariadb-it");
        Migrations migrations = new Migrations(dataSource);
        assertEquals("empty", migrations.currentVersion());
        pendingAtStart = migrations.pendingCount();
        firstMigrate = migrations.migrate();
        database = new Database(dataSource, CompositionRoot.ENTITIES);
    }

    @AfterAll
    static void dropTheDatabase() throws SQLException {
        try {
            if (database != null) {
                database.close();
            }
            if (dataSource != null) {
                dataSource.close();
            }
        } finally {
            if (scratch != null) {
                scratch.close();
            }
        }
    }

    @Test
    void theJvmDoesNotRunInUtc() {
        InstantRoundTripTest.assertJvmZoneIsNotUtc();
    }

    @Test
    void migrationsRunOnceAndASecondMigrateDoesNothing() {
        InstantRoundTripTest.assertMigrationsIdempotent(dataSource, pendingAtStart, firstMigrate);
    }

    @Test
    void instantsAtDstBoundariesRoundTripAndAreStoredAsUtc() {
        InstantRoundTripTest.assertInstantsRoundTrip(database, dataSource);
    }

    @Test
    void theSeededPermissionGroupsExistWithTheirPermissions() {
        InstantRoundTripTest.assertSeededGroups(database);
    }

    @Test
    void poolSessionsRunInUtc() throws SQLException {
        try (Connection c = dataSource.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT NOW(6) = UTC_TIMESTAMP(6), @@session.time_zone")) {
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(1), "the session's NOW() is UTC; session time_zone = " + rs.getString(2));
            c.rollback();
        }
    }

    /** DESIGN §7.5: UTC in DATETIME(6), never TIMESTAMP (2038, ON UPDATE surprises). */
    @Test
    void timestampColumnsAreDatetime6() throws SQLException {
        List<String> wrong = new ArrayList<>();
        int datetimes = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, DATETIME_PRECISION "
                     + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? "
                     + "AND DATA_TYPE IN ('datetime', 'timestamp', 'date', 'time') AND TABLE_NAME <> 'flyway_schema_history'")) {
            ps.setString(1, scratch.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    datetimes++;
                    if (!rs.getString(3).equalsIgnoreCase("datetime") || rs.getInt(4) != 6) {
                        wrong.add(rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3) + "(" + rs.getInt(4) + ")");
                    }
                }
            }
            c.rollback();
        }
        assertTrue(datetimes > 0, "the schema has time columns");
        assertEquals(List.of(), wrong, "time columns that are not DATETIME(6)");
    }
}
