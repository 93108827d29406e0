package org.wte.timedtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wte.config.Settings;
import org.wte.content.PartType;
import org.wte.db.DataSources;
import org.wte.mail.OutboxSender;
import org.wte.mail.SmtpMailer;
import org.wte.web.FormErrors;

/**
 * Errors back off and are retried up to max_attempts, then fail with the error kept (DESIGN §7.8), for database
 * and outside effects; a failing action's partial writes are rolled back while the good action claimed with it
 * keeps its effect. In-process runner with types that fail on purpose, on a real H2 database.
 */
class RunnerRetryIT {
    /** batch 10, 3 attempts, lease 60 s, back-off 1 s (then 2 s). */
    private static final Settings.TimedTasks LIMITS = new Settings.TimedTasks(10, 3, 60, 1, 50);

    @TempDir
    Path dir;

    private RunnerDatabase db;
    private com.zaxxer.hikari.HikariDataSource runnerPool;
    private TimedTaskRunner runner;

    /** Writes to the part, then fails: its write must not survive. */
    static final class FlakyStatusTask extends Flaky {
        FlakyStatusTask() {
            super("flaky-db", Effect.DATABASE);
        }

        @Override
        public TaskResult run(TaskExecution x) throws Exception {
            try (PreparedStatement ps = x.connection().prepareStatement("UPDATE part SET title = 'half done' WHERE id = ?")) {
                ps.setLong(1, x.partId());
                ps.executeUpdate();
            }
            throw new IllegalStateException("the moon is in the wrong phase");
        }
    }

    static final class FlakyOutsideTask extends Flaky {
        FlakyOutsideTask() {
            super("flaky-outside", Effect.OUTSIDE);
        }

        @Override
        public TaskResult run(TaskExecution x) {
            throw new IllegalStateException("the mail server said 421");
        }
    }

    abstract static class Flaky implements TimedTaskType {
        private final String name;
        private final Effect effect;

        Flaky(String name, Effect effect) {
            this.name = name;
            this.effect = effect;
        }

        @Override public String name() { return name; }
        @Override public String label() { return name; }
        @Override public Effect effect() { return effect; }
        @Override public Map<String, String> defaults(PartType partType) { return Map.of(); }
        @Override public Map<String, String> readOptions(MultivaluedMap<String, String> f, PartType t, FormErrors e) {
            return Map.of();
        }
        @Override public String describe(Map<String, String> options) { return name; }
    }

    @BeforeEach
    void start() throws Exception {
        db = RunnerDatabase.h2(dir, "");
        Settings.Database settings = new Settings.Database("jdbc:h2:file:" + dir.toAbsolutePath()
                + "/wte;MODE=MariaDB;AUTO_SERVER=TRUE", "sa", "", 3);
        runnerPool = DataSources.createForRunner(settings);
        runner = new TimedTaskRunner(runnerPool, new TimedTaskTypes(List.of(new ChangeStatusTask(),
                new FlakyStatusTask(), new FlakyOutsideTask())), null,
                new OutboxSender(runnerPool, new SmtpMailer(new Settings.Email("", 25, "none", "", "", "WTE <w@x>")),
                        LIMITS), LIMITS, System.out);
    }

    @AfterEach
    void stop() throws Exception {
        runnerPool.close();
        db.close();
    }

    @Test
    void failuresBackOffAreRetriedThenFailWithTheErrorKeptAndNeverStopTheOthers() throws Exception {
        Instant due = Instant.now().minus(1, ChronoUnit.MINUTES);
        long module = db.part(null, "MODULE", "UNAVAILABLE");
        long flakyDb = db.action(module, "flaky-db", "{}", due);
        long flakyOutside = db.action(module, "flaky-outside", "{}", due.plusSeconds(1));
        long good = db.action(module, ChangeStatusTask.NAME, "{\"status\":\"available\"}", due.plusSeconds(2));

        String dueText = db.value("SELECT CAST(due_at AS VARCHAR(40)) FROM timed_task WHERE id = " + flakyDb);
        RunSummary first = runner.run(far());
        assertEquals(3, first.claimed());
        assertEquals(1, first.done());
        assertEquals(2, first.retried());
        assertEquals("AVAILABLE", db.value("SELECT status FROM part WHERE id = " + module), "the good one ran");
        assertEquals("part for the runner".replace("part", "module"), db.value("SELECT title FROM part WHERE id = "
                + module), "the failing action's write was rolled back");
        for (long id : List.of(flakyDb, flakyOutside)) {
            assertEquals("SCHEDULED", db.value("SELECT status FROM timed_task WHERE id = " + id));
            assertEquals("1", db.value("SELECT attempt FROM timed_task WHERE id = " + id));
            assertTrue(db.value("SELECT last_result FROM timed_task WHERE id = " + id)
                    .contains("attempt 1 failed, will be retried"));
        }
        assertEquals(dueText, db.value("SELECT CAST(due_at AS VARCHAR(40)) FROM timed_task WHERE id = " + flakyDb),
                "due_at keeps the teacher's time; the back-off goes to retry_at");

        assertEquals(0, runner.run(far()).claimed(), "nothing is claimed during the back-off");
        awaitRetry(flakyDb, flakyOutside);
        RunSummary second = runner.run(far());
        assertEquals(2, second.retried(), "second attempt, backing off 2 s");
        awaitRetry(flakyDb, flakyOutside);
        RunSummary third = runner.run(far());
        assertEquals(2, third.failed(), "third attempt is the last (max_attempts = 3)");

        assertEquals("FAILED", db.value("SELECT status FROM timed_task WHERE id = " + flakyDb));
        assertTrue(db.value("SELECT last_result FROM timed_task WHERE id = " + flakyDb)
                .contains("gave up after 3 attempts: IllegalStateException: the moon is in the wrong phase"));
        assertTrue(db.value("SELECT last_result FROM timed_task WHERE id = " + flakyOutside)
                .contains("gave up after 3 attempts: IllegalStateException: the mail server said 421"));
        for (long id : List.of(flakyDb, flakyOutside)) {
            assertEquals(List.of("1 RETRY", "2 RETRY", "3 FAILED"), db.column("SELECT CONCAT(attempt, ' ', outcome) "
                    + "FROM timed_task_run WHERE task_id = " + id + " ORDER BY id"));
        }
        assertEquals(0, runner.run(far()).claimed(), "a failed action is never picked up again");
    }

    private void awaitRetry(long... ids) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (long id : ids) {
            while (db.count("SELECT COUNT(*) FROM timed_task WHERE id = " + id + " AND retry_at <= "
                    + org.wte.db.SqlDialect.H2.utcNow()) == 0) {
                assertTrue(System.nanoTime() < deadline, "retry_at never came");
                Thread.sleep(100);
            }
        }
    }

    private static long far() {
        return System.nanoTime() + 60_000_000_000L;
    }
}
