package org.wte.timedtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wte.CompositionRoot;
import org.wte.config.SettingsLoader;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.db.DataSources;
import org.wte.db.Database;
import org.wte.db.SqlDialect;
import org.wte.db.UtcColumns;
import org.wte.testing.Launcher;
import org.wte.web.LocalTimes;

/**
 * Time correctness of timed actions (issue 4, "Time"), on H2 and on MariaDB, with this JVM in Europe/Berlin
 * (failsafe sets it) and the runner in Pacific/Auckland: times entered in Europe/London around both DST changes
 * and at midnight UTC are stored as the exact UTC wall time and read back as the same instant; an action runs
 * at its instant, not before; and the configured zone changes what people see, never the instant.
 */
class DueInstantIT {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String RUNNER_ZONE = "Pacific/Auckland";
    /** How far ahead of the database's clock the action is due: far more than a runner's start takes. */
    private static final long LEAD_SECONDS = 5;
    /** How long after its due time the action must have run (cron would run every minute; we run back to back). */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** A date and time as a teacher enters them, and the UTC wall time the database must hold. */
    private record Entered(String what, String date, String time, String offset, ZoneId zone, String utcWall) {
        Instant instant() {
            return Instant.parse(utcWall.replace(' ', 'T') + "Z");
        }
    }

    private static final List<Entered> ENTERED = List.of(
            // London springs forward on Sunday 28 March 2027 at 01:00 GMT, to 02:00 BST.
            new Entered("before the spring gap", "2027-03-28", "00:30", null, LONDON, "2027-03-28 00:30:00"),
            new Entered("after the spring gap", "2027-03-28", "02:30", null, LONDON, "2027-03-28 01:30:00"),
            // London falls back on Sunday 25 October 2026 at 02:00 BST, to 01:00 GMT: 01:30 happens twice.
            new Entered("the first 01:30 (BST)", "2026-10-25", "01:30", "+01:00", LONDON, "2026-10-25 00:30:00"),
            new Entered("the second 01:30 (GMT)", "2026-10-25", "01:30", "+00:00", LONDON, "2026-10-25 01:30:00"),
            new Entered("midnight UTC", "2026-12-31", "00:00", null, ZoneId.of("UTC"), "2026-12-31 00:00:00"));

    // ---------------------------------------------------------------------------------------------- H2

    @Test
    void enteredTimesAreStoredAsTheirUtcInstantOnH2() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.h2(dir, "")) {
            enteredTimesAreStoredAsTheirUtcInstant(db);
        }
    }

    @Test
    void anActionRunsAtItsInstantInANonUtcRunnerOnH2() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.h2(dir, "")) {
            anActionRunsAtItsInstantInANonUtcRunner(db);
        }
    }

    @Test
    void theConfiguredZoneChangesTheDisplayNeverTheInstantOnH2() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.h2(dir, "")) {
            theConfiguredZoneChangesTheDisplayNeverTheInstant(db);
        }
    }

    // ---------------------------------------------------------------------------------------------- MariaDB

    @Test
    void enteredTimesAreStoredAsTheirUtcInstantOnMariaDb() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.mariaDb(dir, "")) {
            enteredTimesAreStoredAsTheirUtcInstant(db);
        }
    }

    @Test
    void anActionRunsAtItsInstantInANonUtcRunnerOnMariaDb() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.mariaDb(dir, "")) {
            anActionRunsAtItsInstantInANonUtcRunner(db);
        }
    }

    @Test
    void theConfiguredZoneChangesTheDisplayNeverTheInstantOnMariaDb() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.mariaDb(dir, "")) {
            theConfiguredZoneChangesTheDisplayNeverTheInstant(db);
        }
    }

    // ---------------------------------------------------------------------------------------------- the checks

    private void enteredTimesAreStoredAsTheirUtcInstant(RunnerDatabase db) {
        assertJvmZoneIsNotUtc();
        // The times that cannot be stored as they are: a gap is refused, an overlap asks.
        LocalTimes.Gap gap = assertInstanceOf(LocalTimes.Gap.class,
                LocalTimes.parse("2027-03-28", "01:30", null, LONDON));
        assertTrue(gap.message().contains("does not exist in Europe/London")
                && gap.message().contains("from 01:00 to 02:00"), gap.message());
        assertInstanceOf(LocalTimes.Gap.class, LocalTimes.parse("2027-03-28", "01:30", "+00:00", LONDON),
                "an offset does not make a time in the gap exist");
        LocalTimes.Overlap overlap = assertInstanceOf(LocalTimes.Overlap.class,
                LocalTimes.parse("2026-10-25", "01:30", null, LONDON));
        assertEquals(List.of("+01:00", "+00:00"), overlap.choices().stream().map(LocalTimes.Choice::offset).toList(),
                "both readings are offered, the earlier instant first");
        assertTrue(overlap.choices().get(0).label().contains("BST")
                && overlap.choices().get(1).label().contains("GMT"), overlap.toString());

        try (Database database = new Database(db.dataSource, CompositionRoot.ENTITIES)) {
            Part part = database.inTransaction(s -> {
                Part p = new Part(null, PartType.MODULE, "Due instants", PartStatus.UNAVAILABLE, Instant.now());
                s.persist(p);
                return p;
            });
            List<Long> ids = new ArrayList<>();
            for (Entered e : ENTERED) {
                LocalTimes.Exact exact = assertInstanceOf(LocalTimes.Exact.class,
                        LocalTimes.parse(e.date(), e.time(), e.offset(), e.zone()), e.what());
                assertEquals(e.instant(), exact.instant(), e.what() + ": the instant of " + e.date() + " "
                        + e.time() + " " + e.zone());
                ids.add(database.inTransaction(s -> {
                    TimedTask task = new TimedTask(s.getReference(Part.class, part.getId()), ChangeStatusTask.NAME,
                            "{\"status\":\"available\"}", TimedTaskStatus.SCHEDULED, exact.instant(), null,
                            Instant.now());
                    s.persist(task);
                    return task.getId();
                }));
            }
            for (int i = 0; i < ENTERED.size(); i++) {
                Entered e = ENTERED.get(i);
                long id = ids.get(i);
                assertEquals(e.utcWall(), dueAtText(db.dataSource, id), e.what() + ": due_at as the database shows it");
                assertEquals(e.instant(), dueAtViaJdbc(db.dataSource, id), e.what() + ": due_at read with UtcColumns");
                // A fresh session: nothing from the first-level cache.
                database.run(s -> {
                    assertEquals(e.instant(), s.get(TimedTask.class, id).getDueAt(),
                            e.what() + ": due_at read through Hibernate");
                    assertEquals(List.of(id), s.createQuery("select t.id from TimedTask t where t.dueAt = :due",
                            Long.class).setParameter("due", e.instant()).list(),
                            e.what() + ": the instant as a query parameter finds that action");
                });
            }
        }
    }

    /**
     * Due 5 s after the database's clock: a runner started at once (in Pacific/Auckland, far from this JVM's
     * Europe/Berlin and from UTC) leaves it scheduled; runs after its instant carry it out, with a history that
     * starts at or after due_at.
     */
    private void anActionRunsAtItsInstantInANonUtcRunner(RunnerDatabase db) throws Exception {
        Instant dbNow = db.now();
        assertTrue(Duration.between(Instant.now(), dbNow).abs().compareTo(Duration.ofMinutes(1)) < 0,
                "the database's UTC clock (" + SqlDialect.class.getSimpleName() + ".utcNow() = " + dbNow
                        + ") is the real UTC time (" + Instant.now() + "), not a local wall time");
        long part = db.part(null, "MODULE", "UNAVAILABLE");
        Instant due = dbNow.plusSeconds(LEAD_SECONDS).truncatedTo(ChronoUnit.MILLIS);
        long action = db.action(part, ChangeStatusTask.NAME, "{\"status\":\"available\"}", due);

        ProcessBuilder first = runner(db);
        first.environment().put("JAVA_OPTS", "-Duser.timezone=" + RUNNER_ZONE + " -XshowSettings:properties");
        Launcher.Result early = Launcher.start(first).finish(Duration.ofMinutes(1));
        assertEquals(0, early.exit(), early.toString());
        assertTrue(early.err().contains("user.timezone = " + RUNNER_ZONE), "the runner's JVM runs in " + RUNNER_ZONE
                + ": " + early);
        assertTrue(early.out().contains("claimed 0,"), early.toString());
        assertEquals("SCHEDULED", db.value("SELECT status FROM timed_task WHERE id = " + action),
                "a run before the action's instant leaves it alone: " + early);
        assertEquals(0, db.count("SELECT COUNT(*) FROM timed_task_run"));
        assertEquals("UNAVAILABLE", db.value("SELECT status FROM part WHERE id = " + part));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(LEAD_SECONDS)).plus(DEADLINE);
        List<String> runs = new ArrayList<>();
        while (!"DONE".equals(db.value("SELECT status FROM timed_task WHERE id = " + action))) {
            assertTrue(Instant.now().isBefore(deadline), "the action did not run within " + DEADLINE + " of its time; "
                    + "runs:\n" + String.join("\n", runs));
            Launcher.Result r = Launcher.start(runner(db)).finish(Duration.ofMinutes(1));
            assertEquals(0, r.exit(), r.toString());
            runs.add(r.out().strip());
            Thread.sleep(200);
        }

        assertEquals("AVAILABLE", db.value("SELECT status FROM part WHERE id = " + part));
        assertEquals(1, db.count("SELECT COUNT(*) FROM timed_task_run WHERE task_id = " + action), "one attempt");
        assertEquals(1, db.count("SELECT COUNT(*) FROM timed_task_run r JOIN timed_task t ON t.id = r.task_id "
                + "WHERE t.id = " + action + " AND r.outcome = 'DONE' AND r.started_at >= t.due_at"),
                "its history starts at or after due_at, as the database compares them");
        try (Connection c = db.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT t.due_at, r.started_at, r.late_seconds, t.finished_at FROM timed_task t "
                        + "JOIN timed_task_run r ON r.task_id = t.id WHERE t.id = ?")) {
            ps.setLong(1, action);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(due, UtcColumns.get(rs, 1), "due_at is still the instant it was given");
                Instant started = UtcColumns.get(rs, 2);
                long late = rs.getLong(3);
                Instant finished = UtcColumns.get(rs, 4);
                assertTrue(!started.isBefore(due), "started " + started + ", due " + due);
                assertTrue(started.isBefore(due.plus(DEADLINE)), "started " + started + " (written by a runner in "
                        + RUNNER_ZONE + "), due " + due + ": a wrong zone would shift it by hours");
                assertTrue(late >= 0 && late <= DEADLINE.getSeconds(), "late_seconds " + late);
                assertTrue(!finished.isBefore(started), "finished " + finished + ", started " + started);
            }
            c.rollback();
        }
        System.out.println("DueInstantIT: due " + due + ", runs until done:\n" + String.join("\n", runs));
    }

    /**
     * The same stored instant shows as different local times in Europe/London and America/New_York; a form that
     * shows it in another zone and is saved back (in a JVM restarted in yet another zone) leaves the instant and
     * the column's UTC wall time as they were.
     */
    private void theConfiguredZoneChangesTheDisplayNeverTheInstant(RunnerDatabase db) throws Exception {
        Instant afterGap = ENTERED.get(1).instant();
        Instant secondOverlap = ENTERED.get(3).instant();
        assertEquals("Sun 28 Mar 2027, 02:30 BST (UTC+01:00)", LocalTimes.format(afterGap, LONDON));
        assertEquals("Sat 27 Mar 2027, 21:30 EDT (UTC-04:00)", LocalTimes.format(afterGap, NEW_YORK));
        assertEquals("Sun 25 Oct 2026, 01:30 GMT (UTC+00:00)", LocalTimes.format(secondOverlap, LONDON));
        assertEquals("Sat 24 Oct 2026, 21:30 EDT (UTC-04:00)", LocalTimes.format(secondOverlap, NEW_YORK));

        long part = db.part(null, "MODULE", "UNAVAILABLE");
        long a = db.action(part, ChangeStatusTask.NAME, "{\"status\":\"available\"}", afterGap);
        long b = db.action(part, ChangeStatusTask.NAME, "{\"status\":\"available\"}", secondOverlap);
        String versions = db.column("SELECT version FROM timed_task WHERE id IN (" + a + ", " + b + ") ORDER BY id")
                .toString();

        // Edited through forms in New York (a) and London (b), by a web app whose JVM runs in New York.
        TimeZone jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(NEW_YORK));
        try (HikariDataSource pool = DataSources.create(SettingsLoader.load(db.ini).database(), "new-york");
             Database database = new Database(pool, CompositionRoot.ENTITIES)) {
            saveThroughForm(database, a, NEW_YORK, new String[] {"2027-03-27", "21:30", "-04:00"});
            saveThroughForm(database, b, LONDON, new String[] {"2026-10-25", "01:30", "+00:00"});
        } finally {
            TimeZone.setDefault(jvmZone);
        }

        assertNotEquals(versions, db.column("SELECT version FROM timed_task WHERE id IN (" + a + ", " + b
                + ") ORDER BY id").toString(), "both actions were saved");
        assertEquals(ENTERED.get(1).utcWall(), dueAtText(db.dataSource, a), "due_at unchanged by the New York form");
        assertEquals(ENTERED.get(3).utcWall(), dueAtText(db.dataSource, b), "due_at unchanged by the London form");
        assertEquals(afterGap, dueAtViaJdbc(db.dataSource, a));
        assertEquals(secondOverlap, dueAtViaJdbc(db.dataSource, b));
        try (Database database = new Database(db.dataSource, CompositionRoot.ENTITIES)) {
            database.run(s -> {
                assertEquals(afterGap, s.get(TimedTask.class, a).getDueAt());
                assertEquals(secondOverlap, s.get(TimedTask.class, b).getDueAt());
            });
        }
    }

    /** Loads the action, shows its time in {@code zone} as the edit form does, reads the form back and saves. */
    private static void saveThroughForm(Database database, long id, ZoneId zone, String[] expectedFields) {
        database.run(s -> {
            TimedTask task = s.get(TimedTask.class, id);
            String[] fields = LocalTimes.fields(task.getDueAt(), zone);
            assertEquals(List.of(expectedFields), List.of(fields), "the form's date, time and offset in " + zone);
            LocalTimes.Exact read = assertInstanceOf(LocalTimes.Exact.class,
                    LocalTimes.parse(fields[0], fields[1], fields[2], zone));
            task.setDueAt(read.instant());
            task.setLastResult("edited in " + zone);
            task.touch(Instant.now());
        });
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private ProcessBuilder runner(RunnerDatabase db) {
        ProcessBuilder pb = Launcher.command(dir, "run-timed-tasks", "--verbose", db.ini.toString());
        // After Launcher.command, which removes JAVA_OPTS.
        pb.environment().put("JAVA_OPTS", "-Duser.timezone=" + RUNNER_ZONE);
        return pb;
    }

    private static void assertJvmZoneIsNotUtc() {
        ZoneId zone = TimeZone.getDefault().toZoneId();
        for (Entered e : ENTERED) {
            assertNotEquals(ZoneOffset.UTC, zone.getRules().getOffset(e.instant()), "the JVM runs in " + zone
                    + ", which is UTC at " + e.instant() + ": run the ITs with -Duser.timezone=Europe/Berlin (mvn does)");
        }
    }

    /** due_at as text, formatted by the database itself: no driver conversion can hide a wrong value. */
    private static String dueAtText(DataSource dataSource, long id) {
        try (Connection c = dataSource.getConnection()) {
            String text = SqlDialect.of(c) == SqlDialect.H2 ? "CAST(due_at AS VARCHAR)" : "CAST(due_at AS CHAR)";
            try (PreparedStatement ps = c.prepareStatement("SELECT " + text + " FROM timed_task WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    String value = rs.getString(1);
                    // MariaDB shows DATETIME(6) with its six (zero) fractional digits, H2 without.
                    assertTrue(value.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.0+)?"), value);
                    return value.replaceFirst("\\.0+$", "");
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static Instant dueAtViaJdbc(DataSource dataSource, long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT due_at FROM timed_task WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return UtcColumns.get(rs, 1);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
