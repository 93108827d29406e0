package org.wte.timedtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wte.testing.Launcher;

/**
 * DESIGN §7's promise, with real processes on real databases: 8 `wte run-timed-tasks` started together on
 * 5,000 due change-status actions over 500 parts apply every action exactly once, leave every part in the
 * status of its latest action, and let no deadlock escape.
 */
class RunnerConcurrencyIT {
    private static final int PARTS = 500;
    private static final int PER_PART = 10;
    private static final int RUNNERS = 8;
    private static final String[] STATUSES = {"available", "unavailable", "archived"};

    @TempDir
    Path dir;

    @Test
    void eightRunnersOnMariaDbApplyEveryActionOnce() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.mariaDb(dir, "[timed_tasks]\nmax_seconds = 240\n")) {
            eightRunnersApplyEveryActionOnce(db);
        }
    }

    @Test
    void eightRunnersOnH2ShareTheBacklogAndApplyEveryActionOnce() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.h2(dir, "[timed_tasks]\nmax_seconds = 240\n")) {
            eightRunnersApplyEveryActionOnce(db);
        }
    }

    private void eightRunnersApplyEveryActionOnce(RunnerDatabase db) throws Exception {
        Random random = new Random(42);
        Instant base = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<Long> parts = new ArrayList<>();
        for (int p = 0; p < PARTS; p++) {
            parts.add(db.part(null, "MODULE", "UNAVAILABLE"));
        }
        // Each part's actions at distinct times, inserted out of time order, so that "latest" means latest due
        // and not highest id.
        List<RunnerDatabase.NewAction> actions = new ArrayList<>();
        Map<Long, Integer> latestMinute = new HashMap<>();
        Map<Long, String> expected = new HashMap<>();
        for (long part : parts) {
            List<Integer> minutes = new ArrayList<>();
            for (int k = 0; k < PER_PART; k++) {
                minutes.add(k * 3);
            }
            java.util.Collections.shuffle(minutes, random);
            for (int minute : minutes) {
                String status = STATUSES[random.nextInt(STATUSES.length)];
                actions.add(new RunnerDatabase.NewAction(part, ChangeStatusTask.NAME, "{\"status\":\"" + status + "\"}",
                        base.plus(minute, ChronoUnit.MINUTES)));
                if (minute >= latestMinute.getOrDefault(part, -1)) {
                    latestMinute.put(part, minute);
                    expected.put(part, status.toUpperCase());
                }
            }
        }
        java.util.Collections.shuffle(actions, random);
        db.actions(actions);

        List<Launcher.Running> runners = new ArrayList<>();
        for (int r = 0; r < RUNNERS; r++) {
            runners.add(Launcher.start(Launcher.command(dir, "run-timed-tasks", db.ini.toString())));
        }
        int claimed = 0;
        for (Launcher.Running runner : runners) {
            Launcher.Result result = runner.finish(Duration.ofMinutes(5));
            assertEquals(0, result.exit(), result.toString());
            assertFalse(result.err().toLowerCase().contains("deadlock"), result.toString());
            assertFalse(result.err().contains("Exception"), result.toString());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("claimed (\\d+), done (\\d+), failed 0, "
                    + "retried 0").matcher(result.out());
            assertTrue(m.find(), "one summary line, nothing failed or retried: " + result);
            assertEquals(m.group(1), m.group(2), "everything claimed was done: " + result);
            claimed += Integer.parseInt(m.group(1));
            System.out.println("runner: " + result.out().strip());
        }

        int total = PARTS * PER_PART;
        assertEquals(total, claimed, "the runners' claims add up to every action, none twice");
        assertEquals(total, db.count("SELECT COUNT(*) FROM timed_task WHERE status = 'DONE' AND attempt = 1"));
        assertEquals(total, db.count("SELECT COUNT(*) FROM timed_task_run"), "one history row per action");
        assertEquals(total, db.count("SELECT COUNT(DISTINCT task_id) FROM timed_task_run "
                + "WHERE outcome IN ('DONE', 'SUPERSEDED')"));
        assertTrue(db.count("SELECT COUNT(DISTINCT pid) FROM timed_task_run") >= 2,
                "the runners shared the work (SKIP LOCKED), rather than one doing it all while the others waited");
        for (long part : parts) {
            assertEquals(expected.get(part), db.value("SELECT status FROM part WHERE id = " + part),
                    "part " + part + " ends in the status of its latest action");
        }
        assertEquals(RUNNERS, db.count("SELECT COUNT(*) FROM runner_run WHERE outcome = 'OK' AND ended_at IS NOT NULL"));
    }
}
