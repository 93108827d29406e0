package org.wte.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wte.CompositionRoot;
import org.wte.account.Permission;
import org.wte.account.PermissionGroup;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.config.Settings;

/**
 * Instants survive Hibernate and the database unchanged, and are stored as UTC wall time, even when the JVM
 * runs in a zone with DST (surefire sets Europe/Berlin). The checks are shared with {@link MariaDbIT}.
 */
class InstantRoundTripTest {

    /**
     * Around Europe/Berlin's transitions of 2026 (spring forward at 01:00Z, fall back at 01:00Z), including UTC
     * wall times that do not exist (02:30 on 29 March) or exist twice (02:30 on 25 October) in Berlin local time:
     * any conversion through the JVM's zone shifts or mangles at least one of them.
     */
    static final List<Instant> DST_INSTANTS = List.of(
            Instant.parse("2026-03-29T00:59:59.999999Z"),
            Instant.parse("2026-03-29T01:30:00Z"),
            Instant.parse("2026-03-29T02:30:00Z"),
            Instant.parse("2026-10-25T00:30:00.123456Z"),
            Instant.parse("2026-10-25T01:30:00.5Z"),
            Instant.parse("2026-10-25T02:30:00Z"));

    @TempDir
    static Path dir;

    private static HikariDataSource dataSource;
    private static Database database;
    private static int pendingAtStart;
    private static int firstMigrate;

    @BeforeAll
    static void migrateAFreshDatabase() {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath() + "/wte;MODE=MariaDB;AUTO_SERVER=TRUE";
        dataSource = DataSources.create(new Settings.Database(url, "sa", "", 4), "instant-test");
        Migrations migrations = new Migrations(dataSource);
        assertEquals("empty", migrations.currentVersion());
        pendingAtStart = migrations.pendingCount();
        firstMigrate = migrations.migrate();
        database = new Database(dataSource, CompositionRoot.ENTITIES);
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Test
    void theJvmDoesNotRunInUtc() {
        assertJvmZoneIsNotUtc();
    }

    @Test
    void migrationsRunOnceAndASecondMigrateDoesNothing() {
        assertMigrationsIdempotent(dataSource, pendingAtStart, firstMigrate);
    }

    @Test
    void instantsAtDstBoundariesRoundTripAndAreStoredAsUtc() {
        assertInstantsRoundTrip(database, dataSource);
    }

    @Test
    void theSeededPermissionGroupsExistWithTheirPermissions() {
        assertSeededGroups(database);
    }

    // ---------------------------------------------------------------------------------------------- shared checks

    static void assertJvmZoneIsNotUtc() {
        ZoneId zone = TimeZone.getDefault().toZoneId();
        for (Instant t : DST_INSTANTS) {
            assertNotEquals(ZoneOffset.UTC, zone.getRules().getOffset(t), "the JVM runs in " + zone
                    + ", which is UTC at " + t + ": this test would pass in UTC whatever the code does; "
                    + "run it with -Duser.timezone=Europe/Berlin (mvn does)");
        }
    }

    static void assertMigrationsIdempotent(DataSource dataSource, int pendingAtStart, int firstMigrate) {
        assertTrue(pendingAtStart >= 2, "the build has migrations: " + pendingAtStart);
        assertEquals(pendingAtStart, firstMigrate, "a fresh database runs every migration");
        Migrations again = new Migrations(dataSource);
        assertEquals(0, again.pendingCount());
        assertEquals(0, again.migrate(), "a second migrate() runs nothing");
        assertNotEquals("empty", again.currentVersion());
        again.requireCurrent();
    }

    static void assertInstantsRoundTrip(Database database, DataSource dataSource) {
        assertJvmZoneIsNotUtc();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < DST_INSTANTS.size(); i++) {
            Instant t = DST_INSTANTS.get(i);
            String email = "dst-" + run + "-" + i + "@example.org";
            ids.add(database.inTransaction(session -> {
                User user = new User(email, "DST " + t, UserStatus.ACTIVE, t);
                user.setLastLoginAt(t.plusSeconds(3600));
                session.persist(user);
                return user.getId();
            }));
        }

        // A fresh session: nothing comes from the first-level cache.
        database.run(session -> {
            for (int i = 0; i < ids.size(); i++) {
                Instant t = DST_INSTANTS.get(i);
                User user = session.get(User.class, ids.get(i));
                assertNotNull(user);
                assertEquals(t, user.getCreatedAt(), "created_at read back through Hibernate");
                assertEquals(t.plusSeconds(3600), user.getLastLoginAt(), "last_login_at read back through Hibernate");
                // The instant as a query parameter finds exactly that row.
                List<Long> found = session.createQuery(
                                "select u.id from User u where u.createdAt = :t and u.email like :run", Long.class)
                        .setParameter("t", t).setParameter("run", "dst-" + run + "-%").list();
                assertEquals(List.of(ids.get(i)), found, "query by created_at = " + t);
            }
        });

        // Plain JDBC: the column holds the UTC wall time, whatever the JVM's zone. The database formats it
        // itself (CAST to text), so no driver conversion can hide a wrong stored value.
        // Beware: MariaDB Connector/J 3.5 decodes DATETIME for getString, getObject(LocalDateTime / Instant /
        // OffsetDateTime) through the JVM's zone, ignoring connectionTimeZone=UTC: getObject(Instant.class) is
        // off by the zone's offset, and wall times in a DST gap come back an hour late. Native SQL must read
        // DATETIME columns with getTimestamp(column, UTC calendar), which this check holds to the right instant.
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC));
        try (Connection c = dataSource.getConnection()) {
            String text = SqlDialect.of(c) == SqlDialect.H2 ? "CAST(%s AS VARCHAR)" : "CAST(%s AS CHAR)";
            try (PreparedStatement ps = c.prepareStatement("SELECT " + text.formatted("created_at") + ", "
                    + text.formatted("last_login_at") + ", created_at, last_login_at FROM app_user WHERE id = ?")) {
                for (int i = 0; i < ids.size(); i++) {
                    Instant t = DST_INSTANTS.get(i);
                    LocalDateTime utcWall = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
                    ps.setLong(1, ids.get(i));
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(utcWall, LocalDateTime.parse(rs.getString(1).replace(' ', 'T')),
                                "created_at as the database shows it, for " + t + ": " + rs.getString(1));
                        assertEquals(utcWall.plusHours(1), LocalDateTime.parse(rs.getString(2).replace(' ', 'T')),
                                "last_login_at as the database shows it, for " + t + ": " + rs.getString(2));
                        assertEquals(t, rs.getTimestamp(3, utc).toInstant(), "created_at read with a UTC calendar");
                        assertEquals(t.plusSeconds(3600), rs.getTimestamp(4, utc).toInstant(),
                                "last_login_at read with a UTC calendar");
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    static void assertSeededGroups(Database database) {
        Map<String, Set<String>> groups = database.inTransaction(session -> session
                .createQuery("from PermissionGroup", PermissionGroup.class).list().stream()
                .collect(Collectors.toMap(PermissionGroup::getName, g -> Set.copyOf(g.getPermissions()))));
        Set<String> modules = Set.of(Permission.MODULES_CREATE, Permission.MODULES_VIEW_ALL,
                Permission.MODULES_EDIT_ALL, Permission.MODULES_DELETE_ALL);
        Set<String> all = new java.util.HashSet<>(modules);
        all.addAll(Set.of(Permission.ADMIN_USERS, Permission.ADMIN_OUTBOX, Permission.ADMIN_SYSTEM));
        assertEquals(Map.of(
                PermissionGroup.ADMINISTRATOR, all,
                "content_administrator", modules,
                "teacher", Set.of(Permission.MODULES_CREATE)), groups);

        // The groups work through the user_group mapping.
        String email = "teacher-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        long id = database.inTransaction(session -> {
            User user = new User(email, "Teacher", UserStatus.ACTIVE, Instant.now());
            user.getGroups().add(session.createQuery("from PermissionGroup where name = 'teacher'",
                    PermissionGroup.class).getSingleResult());
            session.persist(user);
            return user.getId();
        });
        database.run(session -> {
            User user = session.get(User.class, id);
            assertTrue(user.hasPermission(Permission.MODULES_CREATE));
            assertFalse(user.hasPermission(Permission.MODULES_EDIT_ALL));
            assertFalse(user.hasPermission(Permission.ADMIN_USERS));
            assertFalse(user.isAdministrator());
        });
    }
}
