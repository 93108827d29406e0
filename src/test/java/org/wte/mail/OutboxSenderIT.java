package org.wte.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wte.CompositionRoot;
import org.wte.config.Settings;
import org.wte.db.DataSources;
import org.wte.db.Database;
import org.wte.db.Migrations;

/**
 * The outbox against a real SMTP server (GreenMail, fresh for every test) and a migrated H2 file database:
 * mails go out once, failures back off and are retried, give up after max_attempts, and two senders at once
 * never send a mail twice.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
class OutboxSenderIT {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    /** back-off 1 s (then 2 s, 4 s ...), 3 attempts. */
    private static final Settings.TimedTasks LIMITS = new Settings.TimedTasks(10, 3, 300, 1, 50);

    @TempDir
    static Path dir;

    private static HikariDataSource dataSource;
    private static Database database;
    /** Writes mails without sending them after commit (its sender has no SMTP host), so each test drives sendDue. */
    private static Outbox quietOutbox;

    /** H2 here; {@link MariaDbOutboxSenderIT} runs every test on MariaDB (its SKIP LOCKED claim). */
    Settings.Database database() throws Exception {
        return new Settings.Database("jdbc:h2:file:" + dir.toAbsolutePath() + "/wte;MODE=MariaDB;AUTO_SERVER=TRUE",
                "sa", "", 10);
    }

    @BeforeAll
    void migrateAFreshDatabase() throws Exception {
        dataSource = DataSources.create(database(), "outbox-it");
        new Migrations(dataSource).migrate();
        database = new Database(dataSource, CompositionRoot.ENTITIES);
        quietOutbox = new Outbox(sender(new Settings.Email("", 25, "none", "", "", "WTE <wte@localhost>"), LIMITS));
    }

    @AfterAll
    void close() throws Exception {
        if (quietOutbox != null) {
            quietOutbox.close();
        }
        if (database != null) {
            database.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @BeforeEach
    void emptyTheOutbox() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM mail_outbox");
            c.commit();
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static OutboxSender sender(Settings.Email email, Settings.TimedTasks limits) {
        return new OutboxSender(dataSource, new SmtpMailer(email), limits);
    }

    private static Settings.Email greenMailSmtp() {
        return new Settings.Email(greenMail.getSmtp().getBindTo(), greenMail.getSmtp().getPort(), "none", "", "",
                "WTE <wte@localhost>");
    }

    /** A port nothing listens on: connections are refused, as with a stopped mail server. */
    private static Settings.Email deadSmtp() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return new Settings.Email("127.0.0.1", port, "none", "", "", "WTE <wte@localhost>");
    }

    private static void enqueue(List<Mail> mails) {
        database.run(session -> mails.forEach(mail -> quietOutbox.enqueue(session, mail)));
    }

    private record Row(String recipient, String status, int attempts, String lastError, boolean sent,
                       String leaseOwner) {}

    private static List<Row> rows() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT recipient, status, attempts, last_error, sent_at, "
                     + "lease_owner FROM mail_outbox ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getObject(5) != null, rs.getString(6)));
            }
            c.rollback();
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static Row onlyRow() {
        List<Row> rows = rows();
        assertEquals(1, rows.size(), "rows: " + rows);
        return rows.get(0);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Integer> receivedPerRecipient() {
        Map<String, Integer> counts = new TreeMap<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            counts.merge(recipient(m), 1, Integer::sum);
        }
        return counts;
    }

    // ---------------------------------------------------------------------------------------------- tests

    @Test
    void enqueuedMailsAreSentOnce() throws Exception {
        enqueue(List.of(
                new Mail("ann@example.org", "Grüße an Ann", "Hallo Ann,\nschöne Grüße.\n"),
                new Mail("bob@example.org", "Hello Bob", "Hello Bob.\n"),
                new Mail("cat@example.org", "Hello Cat", "Hello Cat.\n")));
        for (Row row : rows()) {
            assertEquals("PENDING", row.status());
            assertEquals(0, row.attempts());
        }
        assertEquals(0, greenMail.getReceivedMessages().length, "enqueueing alone sends nothing");

        OutboxSender sender = sender(greenMailSmtp(), LIMITS);
        assertEquals(3, sender.dueCount());
        assertEquals(new OutboxSender.Result(3, 0), sender.sendDue(100));

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(3, received.length);
        Map<String, MimeMessage> byRecipient = new TreeMap<>();
        for (MimeMessage m : received) {
            byRecipient.put(recipient(m), m);
        }
        MimeMessage ann = byRecipient.get("ann@example.org");
        assertNotNull(ann, "received: " + byRecipient.keySet());
        assertEquals("Grüße an Ann", ann.getSubject());
        // SMTP folds the final line break into its end-of-data marker.
        assertEquals("Hallo Ann,\nschöne Grüße.", ((String) ann.getContent()).replace("\r\n", "\n").stripTrailing());
        assertEquals("wte@localhost", ((jakarta.mail.internet.InternetAddress) ann.getFrom()[0]).getAddress());

        for (Row row : rows()) {
            assertEquals("SENT", row.status(), row.toString());
            assertEquals(1, row.attempts(), row.toString());
            assertTrue(row.sent(), row.toString());
            assertNull(row.lastError(), row.toString());
            assertNull(row.leaseOwner(), row.toString());
        }

        // Sent is sent: another run, by this sender or another, sends nothing again.
        assertEquals(0, sender.dueCount());
        assertEquals(new OutboxSender.Result(0, 0), sender.sendDue(100));
        assertEquals(new OutboxSender.Result(0, 0), sender(greenMailSmtp(), LIMITS).sendDue(100));
        assertEquals(3, greenMail.getReceivedMessages().length);
    }

    @Test
    void sendDueStopsAtItsMaximum() {
        List<Mail> mails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mails.add(new Mail("m" + i + "@example.org", "Mail " + i, "Body " + i));
        }
        enqueue(mails);
        OutboxSender sender = sender(greenMailSmtp(), LIMITS);
        assertEquals(new OutboxSender.Result(2, 0), sender.sendDue(2));
        assertEquals(2, greenMail.getReceivedMessages().length);
        assertEquals(3, sender.dueCount());
        assertEquals(new OutboxSender.Result(3, 0), sender.sendDue(100));
        assertEquals(5, greenMail.getReceivedMessages().length);
    }

    @Test
    void aRolledBackTransactionLeavesNoMail() {
        assertThrows(IllegalStateException.class, () -> database.run(session -> {
            quietOutbox.enqueue(session, new Mail("ann@example.org", "Never", "Never sent."));
            throw new IllegalStateException("the change fails after writing its mail");
        }));
        assertEquals(List.of(), rows());
        assertEquals(new OutboxSender.Result(0, 0), sender(greenMailSmtp(), LIMITS).sendDue(100));
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void aDedupKeyWritesOneMailPerKey() {
        database.run(session -> quietOutbox.enqueue(session, new Mail("ann@example.org", "Once", "Once."), "cause-1:ann"));
        database.run(session -> quietOutbox.enqueue(session, new Mail("ann@example.org", "Twice", "Twice."), "cause-1:ann"));
        database.run(session -> quietOutbox.enqueue(session, new Mail("bob@example.org", "Once", "Once."), "cause-1:bob"));
        assertEquals(2, rows().size());
        assertEquals(new OutboxSender.Result(2, 0), sender(greenMailSmtp(), LIMITS).sendDue(100));
        assertEquals(Map.of("ann@example.org", 1, "bob@example.org", 1), receivedPerRecipient());
    }

    @Test
    void afterCommitTheOutboxSendsByItself() throws Exception {
        Outbox outbox = new Outbox(sender(greenMailSmtp(), LIMITS));
        try {
            database.run(session -> outbox.enqueue(session, new Mail("ann@example.org", "Soon", "Sent after commit.")));
            assertTrue(greenMail.waitForIncomingEmail(10_000, 1), "the commit triggers a send");
            await("the row to be marked SENT", Duration.ofSeconds(10), () -> onlyRow().status().equals("SENT"));
            assertEquals(1, greenMail.getReceivedMessages().length);
        } finally {
            outbox.close();
        }
    }

    @Test
    void aFailedAttemptStaysPendingThenIsSentAfterTheBackOff() throws Exception {
        enqueue(List.of(new Mail("ann@example.org", "Retry", "Sent on the second attempt.")));
        OutboxSender broken = sender(deadSmtp(), LIMITS);
        OutboxSender working = sender(greenMailSmtp(), LIMITS);

        assertEquals(new OutboxSender.Result(0, 1), broken.sendDue(100));
        Row failed = onlyRow();
        assertEquals("PENDING", failed.status());
        assertEquals(1, failed.attempts());
        assertNotNull(failed.lastError(), "the error is kept");
        assertTrue(failed.lastError().length() > 10, failed.lastError());
        assertNull(failed.leaseOwner(), "the lease is released");
        assertFalse(failed.sent());

        // Within the back-off (1 s) the mail is not due, for any sender.
        assertEquals(0, working.dueCount());
        assertEquals(new OutboxSender.Result(0, 0), working.sendDue(100));
        assertEquals(0, greenMail.getReceivedMessages().length);

        await("the back-off to pass", Duration.ofSeconds(10), () -> working.dueCount() == 1);
        assertEquals(new OutboxSender.Result(1, 0), working.sendDue(100));
        Row sent = onlyRow();
        assertEquals("SENT", sent.status());
        assertEquals(2, sent.attempts());
        assertNull(sent.lastError(), "a sent mail has no error left");
        assertTrue(sent.sent());
        assertEquals(Map.of("ann@example.org", 1), receivedPerRecipient());
    }

    @Test
    void afterMaxAttemptsTheMailIsFailedAndNeverSent() throws Exception {
        enqueue(List.of(new Mail("ann@example.org", "Doomed", "Never arrives.")));
        OutboxSender broken = sender(deadSmtp(), LIMITS);
        OutboxSender working = sender(greenMailSmtp(), LIMITS);

        assertEquals(new OutboxSender.Result(0, 1), broken.sendDue(100));
        assertEquals("PENDING", onlyRow().status());
        await("the first back-off (1 s) to pass", Duration.ofSeconds(10), () -> broken.dueCount() == 1);

        assertEquals(new OutboxSender.Result(0, 1), broken.sendDue(100));
        long secondFailure = System.nanoTime();
        Row second = onlyRow();
        assertEquals("PENDING", second.status());
        assertEquals(2, second.attempts());
        // The back-off doubles: 2 s now, so the mail is still not due 1.3 s after the second failure.
        Thread.sleep(Math.max(0, 1300 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - secondFailure)));
        assertEquals(0, broken.dueCount(), "the second back-off is longer than the first");
        await("the second back-off (2 s) to pass", Duration.ofSeconds(10), () -> broken.dueCount() == 1);

        assertEquals(new OutboxSender.Result(0, 1), broken.sendDue(100));
        Row dead = onlyRow();
        assertEquals("FAILED", dead.status());
        assertEquals(LIMITS.maxAttempts(), dead.attempts());
        assertNotNull(dead.lastError());
        assertNull(dead.leaseOwner());

        // Well past any back-off, a working server still gets nothing: failed is final.
        Thread.sleep(4500);
        assertEquals(0, working.dueCount());
        assertEquals(new OutboxSender.Result(0, 0), working.sendDue(100));
        assertEquals(0, greenMail.getReceivedMessages().length);
        assertEquals("FAILED", onlyRow().status());
    }

    /** A mailer that takes a little time per mail, so that two senders really overlap. */
    private static final class SlowMailer extends SmtpMailer {
        SlowMailer(Settings.Email settings) {
            super(settings);
        }

        @Override
        public void send(String recipient, String subject, String body) throws MessagingException {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.send(recipient, subject, body);
        }
    }

    /**
     * Round 0: each sender makes one sendDue call for everything, as the runner and the web app do. Rounds 1
     * and 2: each sender claims 1 or 3 mails per call and calls again until nothing is due, so that the two
     * interleave claim by claim. Either way every mail goes out exactly once and is claimed exactly once.
     */
    @Test
    void twoConcurrentSendersDeliverEachMailExactlyOnce() throws Exception {
        int[] perCall = {Integer.MAX_VALUE, 1, 3};
        int mailsPerRound = 30;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < perCall.length; round++) {
                List<Mail> mails = new ArrayList<>();
                Map<String, Integer> expected = new TreeMap<>();
                for (int i = 0; i < mailsPerRound; i++) {
                    String to = String.format("r%d-%02d@example.org", round, i);
                    mails.add(new Mail(to, "Mail " + i, "Round " + round + ", mail " + i));
                    expected.put(to, 1);
                }
                enqueue(mails);

                OutboxSender a = new OutboxSender(dataSource, new SlowMailer(greenMailSmtp()), LIMITS);
                OutboxSender b = new OutboxSender(dataSource, new SlowMailer(greenMailSmtp()), LIMITS);
                CountDownLatch start = new CountDownLatch(1);
                int max = perCall[round];
                boolean once = round == 0;
                Future<OutboxSender.Result> ra = pool.submit(() -> drain(a, max, once, start));
                Future<OutboxSender.Result> rb = pool.submit(() -> drain(b, max, once, start));
                start.countDown();
                OutboxSender.Result resultA = ra.get(120, TimeUnit.SECONDS);
                OutboxSender.Result resultB = rb.get(120, TimeUnit.SECONDS);
                System.out.println("OutboxSenderIT concurrent round " + round + " (" + (once ? "one call each"
                        : max + " per call") + "): sender A " + resultA + ", sender B " + resultB);

                assertEquals(0, resultA.failed() + resultB.failed());
                assertEquals(mailsPerRound, resultA.sent() + resultB.sent(), "A " + resultA + ", B " + resultB);

                Map<String, Integer> received = new TreeMap<>();
                String prefix = "r" + round + "-";
                receivedPerRecipient().forEach((to, n) -> {
                    if (to.startsWith(prefix)) {
                        received.put(to, n);
                    }
                });
                assertEquals(expected, received, "each recipient gets exactly one mail");
                for (Row row : rows()) {
                    assertEquals("SENT", row.status(), row.toString());
                    assertEquals(1, row.attempts(), "claimed once: " + row);
                }
                emptyTheOutbox();
            }
            assertEquals(perCall.length * mailsPerRound, greenMail.getReceivedMessages().length);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One sendDue call, or calls until the sender finds nothing to do and nothing is due. */
    private static OutboxSender.Result drain(OutboxSender sender, int max, boolean once, CountDownLatch start)
            throws InterruptedException {
        start.await();
        int sent = 0;
        int failed = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            OutboxSender.Result r = sender.sendDue(max);
            sent += r.sent();
            failed += r.failed();
            if (once || (r.sent() + r.failed() == 0 && sender.dueCount() == 0)) {
                break;
            }
        }
        return new OutboxSender.Result(sent, failed);
    }
}
