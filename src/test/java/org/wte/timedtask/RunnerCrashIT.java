package org.wte.timedtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wte.testing.Launcher;

/**
 * A runner killed with SIGKILL in the middle of a batch of e-mail actions (DESIGN §7.4): after its lease
 * expires, the next run completes them, and a real SMTP server (GreenMail) receives each recipient's mail of
 * each action exactly once. The kill lands at a known point: the runner pauses after writing the first
 * action's mails to the outbox and before marking it done (WTE_TEST_PAUSE_AFTER_ACT), with every action of
 * the batch leased.
 */
class RunnerCrashIT {
    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final int ACTIONS = 5;
    private static final int STUDENTS = 6;
    private static final int LEASE_SECONDS = 10;

    @TempDir
    Path dir;

    @Test
    void onMariaDbAKilledRunnersActionsAreFinishedLaterWithEveryMailSentOnce() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.mariaDb(dir, ini())) {
            killedRunnerIsTakenOver(db);
        }
    }

    @Test
    void onH2AKilledRunnersActionsAreFinishedLaterWithEveryMailSentOnce() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.h2(dir, ini())) {
            killedRunnerIsTakenOver(db);
        }
    }

    private String ini() {
        return "[email]\nhost = 127.0.0.1\nport = " + smtp.getSmtp().getPort() + "\nfrom = WTE <wte@localhost>\n"
                + "[timed_tasks]\nlease_seconds = " + LEASE_SECONDS + "\nbatch_size = 10\n";
    }

    private void killedRunnerIsTakenOver(RunnerDatabase db) throws Exception {
        long module = db.part(null, "MODULE", "AVAILABLE");
        for (int i = 1; i <= STUDENTS; i++) {
            long user = db.user("student" + i + "@example.org");
            db.execute("INSERT INTO module_role (module_id, user_id, role, blocked, created_at) VALUES (" + module + ", "
                    + user + ", 'STUDENT', FALSE, CURRENT_TIMESTAMP)");
        }
        long tutor = db.user("tutor@example.org");
        db.execute("INSERT INTO module_role (module_id, user_id, role, blocked, created_at) VALUES (" + module + ", "
                + tutor + ", 'TUTOR', FALSE, CURRENT_TIMESTAMP)");
        List<Long> actions = new ArrayList<>();
        Instant due = Instant.now().minus(1, ChronoUnit.MINUTES);
        for (int a = 1; a <= ACTIONS; a++) {
            actions.add(db.action(module, EmailMembersTask.NAME, "{\"roles\":\"student\",\"subject\":\"Week " + a
                    + "\",\"body\":\"Read *chapter " + a + "*.\"}", due.plusSeconds(a)));
        }

        ProcessBuilder first = Launcher.command(dir, "run-timed-tasks", "--verbose", db.ini.toString());
        first.environment().put("WTE_TEST_PAUSE_AFTER_ACT", "1");
        Launcher.Running running = Launcher.start(first);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.readString(running.err()).contains("paused after acting")) {
            assertTrue(running.process().isAlive(), "the runner ended before its pause: " + Files.readString(running.out())
                    + Files.readString(running.err()));
            assertTrue(System.nanoTime() < deadline, "the runner did not reach its pause within 60 s");
            Thread.sleep(50);
        }
        running.process().destroyForcibly(); // SIGKILL on Linux
        running.process().waitFor();

        // What the killed runner left: every action leased, the first one's mails queued, nothing sent.
        assertEquals(ACTIONS, db.count("SELECT COUNT(*) FROM timed_task WHERE status = 'RUNNING'"));
        assertEquals(STUDENTS, db.count("SELECT COUNT(*) FROM mail_outbox WHERE status = 'PENDING'"));
        assertEquals(0, smtp.getReceivedMessages().length);
        assertEquals("RUNNING", db.value("SELECT outcome FROM runner_run"), "its run never finished");

        // A run before the lease expires sends the queued mails but leaves the leased actions alone.
        Launcher.Result early = Launcher.run(dir, Duration.ofMinutes(2), "run-timed-tasks", db.ini.toString());
        assertEquals(0, early.exit(), early.toString());
        assertEquals(ACTIONS, db.count("SELECT COUNT(*) FROM timed_task WHERE status = 'RUNNING'"), early.toString());
        assertEquals(STUDENTS, smtp.getReceivedMessages().length, early.toString());

        // After the lease: the next run takes the actions over, writes only the missing mails and sends them.
        long leaseEnd = System.nanoTime() + Duration.ofSeconds(LEASE_SECONDS + 30).toNanos();
        Launcher.Result later;
        do {
            Thread.sleep(1000);
            later = Launcher.run(dir, Duration.ofMinutes(2), "run-timed-tasks", "--verbose", db.ini.toString());
            assertEquals(0, later.exit(), later.toString());
        } while (db.count("SELECT COUNT(*) FROM timed_task WHERE status = 'DONE'") < ACTIONS
                && System.nanoTime() < leaseEnd);
        assertEquals(ACTIONS, db.count("SELECT COUNT(*) FROM timed_task WHERE status = 'DONE' AND attempt = 2"),
                later.toString());

        MimeMessage[] received = smtp.getReceivedMessages();
        Map<String, Integer> perRecipientAndSubject = new HashMap<>();
        for (MimeMessage m : received) {
            String key = m.getAllRecipients()[0] + " / " + m.getSubject();
            perRecipientAndSubject.merge(key, 1, Integer::sum);
        }
        assertEquals(ACTIONS * STUDENTS, received.length, "every student got every action's mail: "
                + perRecipientAndSubject);
        perRecipientAndSubject.forEach((key, n) -> assertEquals(1, n, key + " was received " + n + " times"));
        assertTrue(perRecipientAndSubject.keySet().stream().noneMatch(k -> k.startsWith("tutor@")),
                "the actions were for students only");
        // The teacher's Markdown arrives as text and as HTML.
        jakarta.mail.internet.MimeMultipart parts = (jakarta.mail.internet.MimeMultipart) received[0].getContent();
        assertTrue(parts.getContentType().startsWith("multipart/alternative"), parts.getContentType());
        assertTrue(((String) parts.getBodyPart(0).getContent()).contains("Read *chapter "));
        assertTrue(((String) parts.getBodyPart(1).getContent()).contains("Read <em>chapter "));

        for (long action : actions) {
            assertEquals(List.of("1 ABANDONED", "2 DONE"), db.column("SELECT CONCAT(attempt, ' ', outcome) FROM "
                    + "timed_task_run WHERE task_id = " + action + " ORDER BY id"), "history of #" + action);
        }
        assertTrue(db.value("SELECT message FROM timed_task_run WHERE outcome = 'ABANDONED'").contains("lease expired"));
    }
}
