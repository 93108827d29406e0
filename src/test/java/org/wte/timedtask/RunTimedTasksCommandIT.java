package org.wte.timedtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wte.testing.Launcher;
import org.wte.testing.ScratchMariaDb;

/**
 * `wte run-timed-tasks` as cron and admins run it: the distribution's real launcher as its own process, on H2
 * (held open by this test's pool, as `wte serve` would) and on MariaDB. Its one summary line, exit codes and
 * messages for bad settings and databases, --quiet, --dry-run, --max-seconds and --verbose, and a week-late
 * action.
 */
class RunTimedTasksCommandIT {
    private static final Pattern SUMMARY = Pattern.compile("wte run-timed-tasks: claimed (\\d+), done (\\d+), "
            + "failed (\\d+), retried (\\d+), late (\\d+), mails sent (\\d+), \\d+\\.\\d\\d s");
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    @TempDir
    Path dir;

    private RunnerDatabase database(String kind) throws Exception {
        return kind.equals("h2") ? RunnerDatabase.h2(dir, "") : RunnerDatabase.mariaDb(dir, "");
    }

    private Launcher.Result run(String... args) throws Exception {
        return Launcher.run(dir, TIMEOUT, args);
    }

    // ---------------------------------------------------------------------------------------------- nothing due

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "mariadb"})
    void nothingDueIsOneSummaryLineAndARecordedRun(String kind) throws Exception {
        try (RunnerDatabase db = database(kind)) {
            long part = db.part(null, "MODULE", "UNAVAILABLE");
            db.action(part, ChangeStatusTask.NAME, "{\"status\":\"available\"}", db.now().plus(1, ChronoUnit.HOURS));

            Launcher.Result r = run("run-timed-tasks", db.ini.toString());
            assertEquals(0, r.exit(), r.toString());
            assertEquals("", r.err(), r.toString());
            assertEquals(List.of(0, 0, 0, 0, 0, 0), counts(r.out()), r.toString());
            assertEquals(1, r.out().lines().count(), "exactly one line: " + r);

            assertEquals(1, db.count("SELECT COUNT(*) FROM runner_run"), "one run recorded for the health page");
            assertEquals(1, db.count("SELECT COUNT(*) FROM runner_run WHERE outcome = 'OK' AND ended_at IS NOT NULL "
                    + "AND ended_at >= started_at AND claimed = 0 AND done = 0"));
            assertEquals("SCHEDULED", db.value("SELECT status FROM timed_task"), "the action due later waits");
        }
    }

    @Test
    void quietPrintsNothingWhenNothingIsDueButTheSummaryWhenSomethingRan() throws Exception {
        try (RunnerDatabase db = database("h2")) {
            Launcher.Result idle = run("run-timed-tasks", "--quiet", db.ini.toString());
            assertEquals(0, idle.exit(), idle.toString());
            assertEquals("", idle.out(), idle.toString());
            assertEquals("", idle.err(), idle.toString());
            assertEquals(1, db.count("SELECT COUNT(*) FROM runner_run WHERE outcome = 'OK' AND ended_at IS NOT NULL"),
                    "a quiet run is still recorded: the health page must see that cron runs");

            long part = db.part(null, "MODULE", "UNAVAILABLE");
            db.action(part, ChangeStatusTask.NAME, "{\"status\":\"available\"}", db.now().minusSeconds(30));
            Launcher.Result busy = run("run-timed-tasks", "-q", db.ini.toString());
            assertEquals(0, busy.exit(), busy.toString());
            assertEquals(1, summary(busy.out())[1], "done 1: " + busy);
            assertEquals(1, busy.out().lines().count(), busy.toString());
        }
    }

    // ---------------------------------------------------------------------------------------------- bad settings

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown key | [timed_tasks]\\nbatch_sise = 10        | [timed_tasks] batch_sise: unknown key",
        "bad value   | [timed_tasks]\\nbatch_size = 0         | [timed_tasks] batch_size: must be between 1 and 1000",
        "not number  | [timed_tasks]\\nmax_seconds = a minute | [timed_tasks] max_seconds: must be a whole number",
        "bad url     | [database]\\nurl = jdbc:postgresql://x/y | [database] url: must be a jdbc:mariadb: or jdbc:h2: URL",
    })
    void aBadIniExits2WithOneLineNamingTheKey(String what, String section, String expected) throws Exception {
        Path ini = dir.resolve("bad.ini");
        Files.writeString(ini, "[app]\nurl = http://localhost:8080/wte\nsecret = " + RunnerDatabase.SECRET + "\n"
                + section.replace("\\n", "\n") + "\n");
        Launcher.Result r = run("run-timed-tasks", ini.toString());
        assertEquals(2, r.exit(), r.toString());
        assertEquals("", r.out(), r.toString());
        assertEquals(1, r.err().lines().count(), "one line: " + r);
        assertTrue(r.err().contains(ini.toString()) && r.err().contains(expected), r.toString());
        assertNoStackTrace(r);
        assertFalse(Files.exists(dir.resolve("data")), "nothing was created beside it");
    }

    @Test
    void maxSecondsBelowOneExits2AndRunsNothing() throws Exception {
        try (RunnerDatabase db = database("h2")) {
            long part = db.part(null, "MODULE", "UNAVAILABLE");
            long action = db.action(part, ChangeStatusTask.NAME, "{\"status\":\"available\"}", db.now().minusSeconds(60));
            Launcher.Result r = run("run-timed-tasks", "--max-seconds", "0", db.ini.toString());
            assertEquals(2, r.exit(), r.toString());
            assertEquals("", r.out(), r.toString());
            assertEquals(1, r.err().lines().count(), "one line: " + r);
            assertTrue(r.err().contains("--max-seconds must be at least 1 (it was 0)"), r.toString());
            assertNoStackTrace(r);
            assertEquals("SCHEDULED", db.value("SELECT status FROM timed_task WHERE id = " + action));
            assertEquals(0, db.count("SELECT COUNT(*) FROM runner_run"));

            Launcher.Result word = run("run-timed-tasks", "--max-seconds", "soon", db.ini.toString());
            assertEquals(2, word.exit(), word.toString());
            assertTrue(word.err().contains("--max-seconds"), word.toString());
            assertNoStackTrace(word);
            assertEquals("SCHEDULED", db.value("SELECT status FROM timed_task WHERE id = " + action));
        }
    }

    // ---------------------------------------------------------------------------------------------- bad databases

    @Test
    void anUnreachableMariaDbExits3AndSaysWhatToCheck() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path ini = dir.resolve("down.ini");
        String url = "jdbc:mariadb://127.0.0.1:" + closed + "/x";
        Files.writeString(ini, "[app]\nurl = http://localhost:8080/wte\nsecret = " + RunnerDatabase.SECRET + "\n"
                + "[database]\nurl = " + url + "\nuser = wte\npassword = not-printed-anywhere\n");
        Launcher.Result r = run("run-timed-tasks", ini.toString());
        assertEquals(3, r.exit(), r.toString());
        assertEquals("", r.out(), r.toString());
        assertEquals(1, r.err().lines().count(), "one line: " + r);
        String line = r.err().strip();
        assertTrue(line.startsWith("wte run-timed-tasks: cannot reach the database " + url), line);
        assertTrue(line.contains("Check that the database server runs and [database] url, user and password in "
                + ini), line);
        assertFalse(line.contains("not-printed-anywhere"), "the password is not printed: " + line);
        assertNoStackTrace(r);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "mariadb"})
    void anEmptyDatabaseExits4AndSaysToInitialiseIt(String kind) throws Exception {
        ScratchMariaDb scratch = kind.equals("mariadb") ? ScratchMariaDb.create("empty database") : null;
        try {
            String url = scratch == null ? "jdbc:h2:file:" + dir.toAbsolutePath() + "/empty/wte;MODE=MariaDB;"
                    + "AUTO_SERVER=TRUE" : scratch.url();
            Path ini = dir.resolve("empty.ini");
            Files.writeString(ini, "[app]\nurl = http://localhost:8080/wte\nsecret = " + RunnerDatabase.SECRET + "\n"
                    + "[database]\nurl = " + url + "\n" + (scratch == null ? ""
                    : "user = " + ScratchMariaDb.USER + "\npassword = " + ScratchMariaDb.PASSWORD + "\n"));
            Launcher.Result r = run("run-timed-tasks", ini.toString());
            assertEquals(4, r.exit(), r.toString());
            assertEquals("", r.out(), r.toString());
            assertEquals(1, r.err().lines().count(), "one line: " + r);
            assertTrue(r.err().contains("run `wte initialise-database " + ini + "` first"), r.toString());
            assertNoStackTrace(r);
            if (scratch != null) {
                try (Connection c = DriverManager.getConnection(scratch.url(), ScratchMariaDb.USER,
                        ScratchMariaDb.PASSWORD); ResultSet rs = c.getMetaData().getTables(scratch.name(), null, "%",
                        null)) {
                    assertFalse(rs.next(), "the runner created nothing in the empty database");
                }
            }
        } finally {
            if (scratch != null) {
                scratch.close();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- --dry-run

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "mariadb"})
    void dryRunListsWhatIsDueAndChangesNothing(String kind) throws Exception {
        try (RunnerDatabase db = database(kind)) {
            long part = db.part(null, "MODULE", "UNAVAILABLE");
            Instant now = db.now().truncatedTo(ChronoUnit.SECONDS);
            List<Long> ids = db.actions(List.of(
                    new RunnerDatabase.NewAction(part, ChangeStatusTask.NAME, "{\"status\":\"available\"}",
                            now.minus(3, ChronoUnit.HOURS)),
                    new RunnerDatabase.NewAction(part, ChangeStatusTask.NAME, "{\"status\":\"archived\"}",
                            now.minus(5, ChronoUnit.MINUTES)),
                    new RunnerDatabase.NewAction(part, "no-such-type", "{}", now.minus(2, ChronoUnit.DAYS)),
                    new RunnerDatabase.NewAction(part, ChangeStatusTask.NAME, "{\"status\":\"available\"}",
                            now.plus(1, ChronoUnit.HOURS))));
            db.execute("INSERT INTO mail_outbox (recipient, subject, body_text, status, attempts, created_at, "
                    + "next_attempt_at) VALUES ('student@example.org', 'Hello', 'Body', 'PENDING', 0, "
                    + "TIMESTAMP '2020-01-01 00:00:00', TIMESTAMP '2020-01-01 00:00:00')");
            String before = snapshot(db);

            Launcher.Result r = run("run-timed-tasks", "--dry-run", db.ini.toString());
            assertEquals(0, r.exit(), r.toString());
            assertEquals("", r.err(), r.toString());
            List<String> lines = r.out().lines().toList();
            assertEquals(4, lines.size(), "three due actions and the closing line: " + r);
            // Oldest first, each with its type, part, due instant and how long ago.
            assertEquals("due: #" + ids.get(2) + " no-such-type on part " + part + ", due "
                    + now.minus(2, ChronoUnit.DAYS) + " (2 days ago)", lines.get(0));
            assertTrue(lines.get(1).startsWith("due: #" + ids.get(0) + " change-status on part " + part + ", due "
                    + now.minus(3, ChronoUnit.HOURS) + " (3 hours"), lines.get(1));
            assertTrue(lines.get(2).startsWith("due: #" + ids.get(1) + " change-status on part " + part + ", due "
                    + now.minus(5, ChronoUnit.MINUTES) + " (5 minutes"), lines.get(2));
            assertEquals("wte run-timed-tasks --dry-run: 3 action(s) due, 1 mail(s) due; nothing was changed",
                    lines.get(3));
            assertFalse(r.out().contains("#" + ids.get(3) + " "), "the action due later is not listed");

            assertEquals(before, snapshot(db), "no row changed (status, attempt, version, times)");
            assertEquals(0, db.count("SELECT COUNT(*) FROM runner_run"), "a dry run records no run");
            assertEquals(0, db.count("SELECT COUNT(*) FROM timed_task_run"));
        }
    }

    /** Every column the runner could change, of every action, mail and part. */
    private static String snapshot(RunnerDatabase db) throws Exception {
        return db.column("SELECT CONCAT(id, '|', status, '|', attempt, '|', version, '|', "
                + "COALESCE(lease_owner, '-'), '|', CAST(updated_at AS CHAR(40)), '|', "
                + "COALESCE(CAST(retry_at AS CHAR(40)), '-'), '|', COALESCE(last_result, '-')) FROM timed_task ORDER BY id")
                + "\n" + db.column("SELECT CONCAT(id, '|', status, '|', attempts, '|', COALESCE(lease_owner, '-')) "
                + "FROM mail_outbox ORDER BY id")
                + "\n" + db.column("SELECT CONCAT(id, '|', status, '|', version) FROM part ORDER BY id");
    }

    // ---------------------------------------------------------------------------------------------- --verbose

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "mariadb"})
    void verbosePrintsOneLinePerAction(String kind) throws Exception {
        try (RunnerDatabase db = database(kind)) {
            long module = db.part(null, "MODULE", "UNAVAILABLE");
            long page = db.part(module, "PART", "AVAILABLE");
            Instant now = db.now();
            long a = db.action(module, ChangeStatusTask.NAME, "{\"status\":\"archived\"}", now.minusSeconds(50));
            long b = db.action(page, ChangeStatusTask.NAME, "{\"status\":\"unavailable\"}", now.minusSeconds(40));
            long c = db.action(page, ChangeStatusTask.NAME, "{\"status\":\"archived\"}", now.minusSeconds(30));

            Launcher.Result r = run("run-timed-tasks", "--verbose", db.ini.toString());
            assertEquals(0, r.exit(), r.toString());
            assertEquals("", r.err(), r.toString());
            List<String> lines = r.out().lines().toList();
            assertEquals(4, lines.size(), "one line per action and the summary: " + r);
            assertEquals(List.of(3, 2, 1, 0, 0, 0), counts(r.out()), "claimed 3, done 2, failed 1: " + r);
            assertTrue(lines.get(3).startsWith("wte run-timed-tasks: claimed 3,"), "the summary comes last: " + r);
            assertEquals(1, lines.stream().filter(l -> l.equals("#" + a + " change-status on part " + module
                    + ": done: Status set to archived (was unavailable).")).count(), r.toString());
            assertEquals(1, lines.stream().filter(l -> l.equals("#" + b + " change-status on part " + page
                    + ": done: Status set to unavailable (was available).")).count(), r.toString());
            assertEquals(1, lines.stream().filter(l -> l.startsWith("#" + c + " change-status on part " + page
                    + ": failed: Only a module can be archived")).count(), r.toString());

            assertEquals("ARCHIVED", db.value("SELECT status FROM part WHERE id = " + module));
            assertEquals("UNAVAILABLE", db.value("SELECT status FROM part WHERE id = " + page));
            assertEquals("FAILED", db.value("SELECT status FROM timed_task WHERE id = " + c));
        }
    }

    // ---------------------------------------------------------------------------------------------- a week late

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "mariadb"})
    void anActionAWeekLateRunsOnceAndSaysHowLate(String kind) throws Exception {
        try (RunnerDatabase db = database(kind)) {
            long part = db.part(null, "MODULE", "UNAVAILABLE");
            long week = Duration.ofDays(7).toSeconds();
            long action = db.action(part, ChangeStatusTask.NAME, "{\"status\":\"available\"}",
                    db.now().minusSeconds(week));

            Launcher.Result r = run("run-timed-tasks", "--verbose", db.ini.toString());
            assertEquals(0, r.exit(), r.toString());
            int[] counts = summary(r.out());
            assertEquals(1, counts[0], "claimed 1: " + r);
            assertEquals(1, counts[1], "done 1: " + r);
            assertEquals(1, counts[4], "late 1: " + r);
            assertTrue(r.out().contains("#" + action + " change-status on part " + part + ": done: Status set to "
                    + "available (was unavailable). (ran 7 days late)"), r.toString());

            assertEquals("DONE", db.value("SELECT status FROM timed_task WHERE id = " + action));
            assertEquals("AVAILABLE", db.value("SELECT status FROM part WHERE id = " + part));
            long late = Long.parseLong(db.value("SELECT late_seconds FROM timed_task_run WHERE task_id = " + action));
            assertTrue(late >= week && late < week + 300, "late_seconds is about 7 days: " + late);
            assertEquals(1, db.count("SELECT COUNT(*) FROM runner_run WHERE late = 1 AND done = 1"));

            Launcher.Result again = run("run-timed-tasks", db.ini.toString());
            assertEquals(0, again.exit(), again.toString());
            assertEquals(0, summary(again.out())[0], "nothing left to claim: " + again);
            assertEquals(1, db.count("SELECT COUNT(*) FROM timed_task_run WHERE task_id = " + action), "it ran once");
            assertEquals("1", db.value("SELECT attempt FROM timed_task WHERE id = " + action));
        }
    }

    // ---------------------------------------------------------------------------------------------- embedded H2

    /**
     * No INI: the embedded default (./data/wte, AUTO_SERVER) while this test's pool holds that file open, as a
     * running `wte serve` does. The runner joins through H2's automatic server instead of failing on the lock.
     */
    @Test
    void theEmbeddedDefaultWorksWhileAnotherProcessHoldsTheDatabase() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.h2(dir.resolve("data"), "")) {
            long part = db.part(null, "MODULE", "UNAVAILABLE");
            long action = db.action(part, ChangeStatusTask.NAME, "{\"status\":\"available\"}", db.now().minusSeconds(90));

            Launcher.Result r = run("run-timed-tasks", "--verbose");
            assertEquals(0, r.exit(), r.toString());
            assertNoStackTrace(r);
            assertTrue(r.out().contains("#" + action + " change-status on part " + part + ": done:"), r.toString());
            int[] counts = summary(r.out());
            assertEquals(1, counts[0], r.toString());
            assertEquals(1, counts[1], r.toString());
            assertEquals("AVAILABLE", db.value("SELECT status FROM part WHERE id = " + part),
                    "the runner worked on the file this process holds open");
            assertEquals(1, db.count("SELECT COUNT(*) FROM runner_run WHERE outcome = 'OK'"));

            // And this process still owns its database afterwards.
            long next = db.action(part, ChangeStatusTask.NAME, "{\"status\":\"unavailable\"}", db.now().minusSeconds(1));
            Launcher.Result second = run("run-timed-tasks");
            assertEquals(0, second.exit(), second.toString());
            assertEquals("DONE", db.value("SELECT status FROM timed_task WHERE id = " + next));
            assertEquals("UNAVAILABLE", db.value("SELECT status FROM part WHERE id = " + part));
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** The counts of the one summary line: claimed, done, failed, retried, late, mails sent. */
    private static int[] summary(String out) {
        List<String> lines = out.lines().filter(l -> l.startsWith("wte run-timed-tasks:")).toList();
        assertEquals(1, lines.size(), "one summary line:\n" + out);
        Matcher m = SUMMARY.matcher(lines.get(0));
        assertTrue(m.matches(), "summary line: " + lines.get(0));
        int[] counts = new int[6];
        for (int i = 0; i < 6; i++) {
            counts[i] = Integer.parseInt(m.group(i + 1));
        }
        return counts;
    }

    private static List<Integer> counts(String out) {
        return java.util.Arrays.stream(summary(out)).boxed().toList();
    }

    private static void assertNoStackTrace(Launcher.Result r) {
        String all = r.out() + r.err();
        assertFalse(all.contains("\tat ") || all.contains("at org.") || all.contains("at java."),
                "stack trace in output:\n" + r);
        assertFalse(all.contains("Exception"), "exception in output:\n" + r);
    }
}
