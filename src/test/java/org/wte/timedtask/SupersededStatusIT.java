package org.wte.timedtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wte.config.Settings;
import org.wte.db.DataSources;
import org.wte.mail.OutboxSender;
import org.wte.mail.SmtpMailer;

/**
 * DESIGN §7.3: an action older than one already applied to its part changes nothing and is marked done,
 * "superseded by #n"; a later one still applies. (Here the older one is armed after the newer one ran, the
 * order two runners can also produce.)
 */
class SupersededStatusIT {
    private static final Settings.TimedTasks LIMITS = new Settings.TimedTasks(10, 3, 60, 1, 50);

    @TempDir
    Path dir;

    @Test
    void anOlderStatusChangeClaimedLaterIsSupersededAndChangesNothing() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.h2(dir, "");
             var pool = DataSources.createForRunner(new Settings.Database("jdbc:h2:file:" + dir.toAbsolutePath()
                     + "/wte;MODE=MariaDB;AUTO_SERVER=TRUE", "sa", "", 3))) {
            TimedTaskRunner runner = new TimedTaskRunner(pool, TimedTaskTypes.standard(), null, new OutboxSender(pool,
                    new SmtpMailer(new Settings.Email("", 25, "none", "", "", "WTE <w@x>")), LIMITS), LIMITS, null);
            Instant now = Instant.now();
            long module = db.part(null, "MODULE", "UNAVAILABLE");
            long older = db.action(module, ChangeStatusTask.NAME, "{\"status\":\"available\"}",
                    now.minus(2, ChronoUnit.HOURS));
            long newer = db.action(module, ChangeStatusTask.NAME, "{\"status\":\"archived\"}",
                    now.minus(1, ChronoUnit.HOURS));
            db.execute("UPDATE timed_task SET status = 'DRAFT' WHERE id = " + older);

            assertEquals(1, runner.run(System.nanoTime() + 60_000_000_000L).done());
            assertEquals("ARCHIVED", db.value("SELECT status FROM part WHERE id = " + module));

            db.execute("UPDATE timed_task SET status = 'SCHEDULED' WHERE id = " + older);
            assertEquals(1, runner.run(System.nanoTime() + 60_000_000_000L).done());
            assertEquals("ARCHIVED", db.value("SELECT status FROM part WHERE id = " + module),
                    "the older action did not undo the newer one");
            assertEquals("DONE", db.value("SELECT status FROM timed_task WHERE id = " + older));
            assertTrue(db.value("SELECT last_result FROM timed_task WHERE id = " + older)
                    .startsWith("superseded by #" + newer), db.value("SELECT last_result FROM timed_task"));
            assertEquals(List.of("SUPERSEDED"), db.column("SELECT outcome FROM timed_task_run WHERE task_id = " + older));

            long latest = db.action(module, ChangeStatusTask.NAME, "{\"status\":\"available\"}",
                    now.minus(1, ChronoUnit.MINUTES));
            assertEquals(1, runner.run(System.nanoTime() + 60_000_000_000L).done());
            assertEquals("AVAILABLE", db.value("SELECT status FROM part WHERE id = " + module));
            assertEquals(String.valueOf(latest), db.value("SELECT status_task_id FROM part WHERE id = " + module));
        }
    }
}
