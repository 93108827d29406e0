package org.wte.timedtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wte.testing.Launcher;

/**
 * Bad data never blocks the others (DESIGN §7.8), through the real launcher: an unknown type, broken options,
 * a status the part cannot take, a part deleted under the action and an e-mail action to no valid role each
 * fail at once with a message that says why, while the good action beside them is done.
 */
class RunnerBadDataIT {
    @TempDir
    Path dir;

    @Test
    void onMariaDb() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.mariaDb(dir, "")) {
            badActionsFailAndTheGoodOneRuns(db);
        }
    }

    @Test
    void onH2() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.h2(dir, "")) {
            badActionsFailAndTheGoodOneRuns(db);
        }
    }

    private void badActionsFailAndTheGoodOneRuns(RunnerDatabase db) throws Exception {
        Instant due = Instant.now().minus(5, ChronoUnit.MINUTES);
        long module = db.part(null, "MODULE", "UNAVAILABLE");
        long part = db.part(module, "PART", "UNAVAILABLE");
        long page = db.part(part, "PAGE", "UNAVAILABLE");
        long doomed = db.part(module, "PART", "UNAVAILABLE");

        long unknown = db.action(module, "teleport", "{}", due);
        long broken = db.action(module, ChangeStatusTask.NAME, "{not json", due.plusSeconds(1));
        long archivePage = db.action(page, ChangeStatusTask.NAME, "{\"status\":\"archived\"}", due.plusSeconds(2));
        long vanished = db.action(doomed, ChangeStatusTask.NAME, "{\"status\":\"available\"}", due.plusSeconds(3));
        long noRoles = db.action(module, EmailMembersTask.NAME, "{\"roles\":\"wizard\",\"subject\":\"Hi\",\"body\":\"x\"}",
                due.plusSeconds(4));
        long good = db.action(module, ChangeStatusTask.NAME, "{\"status\":\"available\"}", due.plusSeconds(5));
        db.execute("DELETE FROM part WHERE id = " + doomed);

        Launcher.Result r = Launcher.run(dir, Duration.ofMinutes(2), "run-timed-tasks", "--verbose", db.ini.toString());
        assertEquals(0, r.exit(), "bad actions are the actions' failures, not the run's: " + r);
        assertTrue(r.out().contains("claimed 6, done 1, failed 5, retried 0"), r.toString());

        assertFailed(db, unknown, "unknown action type \"teleport\"");
        assertFailed(db, broken, "options are not valid");
        assertFailed(db, archivePage, "Only a module can be archived");
        assertFailed(db, vanished, "its part was deleted");
        assertFailed(db, noRoles, "Choose at least one of");
        assertEquals("DONE", db.value("SELECT status FROM timed_task WHERE id = " + good));
        assertEquals("AVAILABLE", db.value("SELECT status FROM part WHERE id = " + module));
        assertEquals("UNAVAILABLE", db.value("SELECT status FROM part WHERE id = " + page), "the page was not touched");
        assertTrue(r.out().contains("#" + unknown + " teleport on part " + module + ": failed: unknown action type"),
                r.toString());

        Launcher.Result again = Launcher.run(dir, Duration.ofMinutes(2), "run-timed-tasks", db.ini.toString());
        assertTrue(again.out().contains("claimed 0"), "failed actions are not retried: " + again);
    }

    private static void assertFailed(RunnerDatabase db, long id, String message) throws Exception {
        assertEquals("FAILED", db.value("SELECT status FROM timed_task WHERE id = " + id), "#" + id);
        String result = db.value("SELECT last_result FROM timed_task WHERE id = " + id);
        assertTrue(result.contains(message), "#" + id + " says why: " + result);
        assertEquals(List.of("1 FAILED"), db.column("SELECT CONCAT(attempt, ' ', outcome) FROM timed_task_run "
                + "WHERE task_id = " + id), "#" + id + "'s history");
        assertTrue(db.value("SELECT message FROM timed_task_run WHERE task_id = " + id).contains(message));
    }
}
