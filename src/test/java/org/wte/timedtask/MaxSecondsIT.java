package org.wte.timedtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wte.testing.Launcher;

/** `--max-seconds N` stops claiming in time, so that a run never piles onto the next; the next run goes on. */
class MaxSecondsIT {
    @TempDir
    Path dir;

    @Test
    void aRunStopsClaimingAfterMaxSecondsAndTheNextRunFinishesTheWork() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.h2(dir, "")) {
            long module = db.part(null, "MODULE", "UNAVAILABLE");
            Instant due = Instant.now().minus(1, ChronoUnit.DAYS);
            List<RunnerDatabase.NewAction> actions = new ArrayList<>();
            int total = 10_000;
            for (int i = 0; i < total; i++) {
                actions.add(new RunnerDatabase.NewAction(module, ChangeStatusTask.NAME,
                        "{\"status\":\"" + (i % 2 == 0 ? "available" : "unavailable") + "\"}", due.plusMillis(i)));
            }
            db.actions(actions);

            long start = System.nanoTime();
            Launcher.Result limited = Launcher.run(dir, Duration.ofMinutes(2), "run-timed-tasks", "--max-seconds", "1",
                    db.ini.toString());
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(0, limited.exit(), limited.toString());
            Matcher m = Pattern.compile("claimed (\\d+), done (\\d+)").matcher(limited.out());
            assertTrue(m.find(), limited.toString());
            int claimed = Integer.parseInt(m.group(1));
            assertTrue(claimed > 0 && claimed < total, "stopped part-way: " + limited);
            assertTrue(seconds < 20, "a 1-second run ended soon after its limit, not after all the work: " + seconds);
            assertEquals(total - claimed, db.count("SELECT COUNT(*) FROM timed_task WHERE status = 'SCHEDULED'"),
                    "what it did not claim waits, untouched");

            Launcher.Result rest = Launcher.run(dir, Duration.ofMinutes(10), "run-timed-tasks", "--max-seconds", "600",
                    db.ini.toString());
            assertTrue(rest.out().contains("claimed " + (total - claimed) + ","), rest.toString());
            assertEquals(total, db.count("SELECT COUNT(*) FROM timed_task WHERE status = 'DONE'"));
            assertEquals("UNAVAILABLE", db.value("SELECT status FROM part WHERE id = " + module), "the latest won");
        }
    }
}
