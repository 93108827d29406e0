package org.wte.timedtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.wte.CompositionRoot;
import org.wte.config.Settings;
import org.wte.config.SettingsLoader;
import org.wte.db.DataSources;
import org.wte.db.Database;
import org.wte.db.LockedClaim;
import org.wte.db.SqlDialect;
import org.wte.mail.OutboxSender;
import org.wte.mail.SmtpMailer;

/**
 * DESIGN §7.1: the claims really send {@code … LIMIT ? FOR UPDATE SKIP LOCKED}, on H2 and on MariaDB (Hibernate
 * 6.6 would silently drop SKIP LOCKED on H2, so the SQL is captured on its way to the driver, not read from the
 * source), and the claim works: two connections claiming at once get disjoint rows, and neither waits.
 */
class ClaimSqlIT {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Pattern FOR_UPDATE = Pattern.compile("(?i)\\bfor\\s+update\\b");
    private static final Pattern FROM = Pattern.compile("(?i)\\bfrom\\s+(\\w+)");

    @TempDir
    Path dir;

    // ---------------------------------------------------------------------------------------------- the SQL sent

    @Test
    void theRunnersClaimsSendSkipLockedOnH2() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.h2(dir, smtpIni())) {
            List<String> claims = claimsOfARun(db);
            for (String sql : claims) {
                // DESIGN §7.11: on H2 an ORDER BY in the locking select locks every due row; the order comes from
                // an unlocked window read before it.
                assertFalse(sql.toLowerCase(Locale.ROOT).contains("order by"),
                        "H2's locking claim must not sort (it would lock every due row): " + sql);
            }
        }
    }

    @Test
    void theRunnersClaimsSendSkipLockedAfterLimitOnMariaDb() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.mariaDb(dir, smtpIni())) {
            List<String> claims = claimsOfARun(db);
            for (String sql : claims) {
                String s = sql.toLowerCase(Locale.ROOT).strip();
                assertTrue(Pattern.compile("\\border by\\b.*\\blimit\\s+\\?\\s+for\\s+update\\s+skip\\s+locked$")
                        .matcher(s).find(), "MariaDB claims oldest first, with LIMIT before FOR UPDATE SKIP LOCKED "
                        + "in one statement: " + sql);
            }
        }
    }

    private static String smtpIni() {
        return "[email]\nhost = " + greenMail.getSmtp().getBindTo() + "\nport = " + greenMail.getSmtp().getPort()
                + "\nsecurity = none\n";
    }

    /**
     * Runs an in-process runner on one due change-status action and one due outbox mail, through a pool whose
     * every statement is recorded; checks what it did and the SQL of its claims, and returns the locking claims
     * on timed_task and mail_outbox.
     */
    private List<String> claimsOfARun(RunnerDatabase db) throws Exception {
        Settings settings = SettingsLoader.load(db.ini);
        assertTrue(settings.email().configured(), "the run sends its mail, so that the outbox claim runs too");
        long part = db.part(null, "MODULE", "UNAVAILABLE");
        long action = db.action(part, ChangeStatusTask.NAME, "{\"status\":\"available\"}",
                Instant.now().minus(1, ChronoUnit.MINUTES));
        db.execute("INSERT INTO mail_outbox (recipient, subject, body_text, status, attempts, created_at, "
                + "next_attempt_at) VALUES ('student@example.org', 'Claimed', 'Body', 'PENDING', 0, "
                + "TIMESTAMP '2020-01-01 00:00:00', TIMESTAMP '2020-01-01 00:00:00')");

        SqlRecorder recorder = new SqlRecorder();
        RunSummary summary;
        try (HikariDataSource pool = DataSources.createForRunner(settings.database());
             LazyTaskServices services = new LazyTaskServices(() -> new Database(pool, CompositionRoot.ENTITIES),
                     settings)) {
            DataSource recorded = recorder.wrap(pool);
            OutboxSender outbox = new OutboxSender(recorded, new SmtpMailer(settings.email()), settings.timedTasks());
            TimedTaskRunner runner = new TimedTaskRunner(recorded, TimedTaskTypes.standard(), services, outbox,
                    settings.timedTasks(), null);
            assertTrue(runner.due().tasks() && runner.due().mails(), "an action and a mail are due");
            summary = runner.run(System.nanoTime() + Duration.ofSeconds(60).toNanos());
        }

        // The run did its work: otherwise the SQL below proves nothing.
        assertEquals(1, summary.claimed());
        assertEquals(1, summary.done());
        assertEquals(1, summary.mailsSent());
        assertEquals("DONE", db.value("SELECT status FROM timed_task WHERE id = " + action));
        assertEquals("AVAILABLE", db.value("SELECT status FROM part WHERE id = " + part));
        assertEquals("SENT", db.value("SELECT status FROM mail_outbox"));
        assertEquals(1, greenMail.getReceivedMessages().length);

        List<String> sent = recorder.statements();
        List<String> locking = sent.stream().filter(s -> FOR_UPDATE.matcher(s).find()).toList();
        List<String> claims = new ArrayList<>();
        boolean taskClaim = false;
        boolean mailClaim = false;
        boolean partLock = false;
        for (String sql : locking) {
            String table = table(sql);
            String lower = sql.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
            switch (table) {
                case "timed_task", "mail_outbox" -> {
                    assertTrue(lower.endsWith("for update skip locked"),
                            "a claim on " + table + " must skip rows other runners hold: " + sql);
                    assertTrue(lower.contains(" limit ? for update skip locked"),
                            "LIMIT comes before FOR UPDATE SKIP LOCKED: " + sql);
                    taskClaim |= table.equals("timed_task");
                    mailClaim |= table.equals("mail_outbox");
                    claims.add(sql);
                }
                case "part" -> {
                    // The part's lock must be waited for, never skipped (the effect would be lost), and taken in
                    // id order by every runner (DESIGN §7.3).
                    assertTrue(lower.endsWith("order by id for update"), "parts are locked in id order: " + sql);
                    partLock = true;
                }
                default -> throw new AssertionError("unexpected locking statement on " + table + ": " + sql);
            }
        }
        assertTrue(taskClaim, "the run claimed timed_task rows with a locking select; it sent:\n" + join(sent));
        assertTrue(mailClaim, "the run claimed mail_outbox rows with a locking select; it sent:\n" + join(sent));
        assertTrue(partLock, "the change-status effect locked its part; it sent:\n" + join(sent));
        claims.forEach(sql -> System.out.println("ClaimSqlIT claim sent: " + sql));
        return claims;
    }

    private static String table(String sql) {
        Matcher m = FROM.matcher(sql);
        if (!m.find()) {
            throw new AssertionError("no FROM in " + sql);
        }
        return m.group(1).toLowerCase(Locale.ROOT);
    }

    private static String join(List<String> statements) {
        return String.join("\n", statements);
    }

    // ---------------------------------------------------------------------------------------------- the claim works

    @Test
    void twoClaimsAtOnceTakeDisjointRowsWithoutWaitingOnH2() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.h2(dir, "")) {
            twoClaimsAtOnceTakeDisjointRowsWithoutWaiting(db);
        }
    }

    @Test
    void twoClaimsAtOnceTakeDisjointRowsWithoutWaitingOnMariaDb() throws Exception {
        try (RunnerDatabase db = RunnerDatabase.mariaDb(dir, "")) {
            twoClaimsAtOnceTakeDisjointRowsWithoutWaiting(db);
        }
    }

    /**
     * 20 due actions (and 5 not yet due): A claims 5 in an open transaction; B, on another connection of the
     * runner's pool, claims up to 20 meanwhile and gets exactly the 15 due rows A does not hold, without waiting
     * for A's locks. Once A ends, its rows are free again: the claim is a lock, not a change.
     */
    private void twoClaimsAtOnceTakeDisjointRowsWithoutWaiting(RunnerDatabase db) throws Exception {
        long part = db.part(null, "MODULE", "UNAVAILABLE");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<RunnerDatabase.NewAction> actions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // Inserted newest first, so that "oldest first" is not the id order.
            actions.add(new RunnerDatabase.NewAction(part, ChangeStatusTask.NAME, "{\"status\":\"available\"}",
                    now.minus(100 - i, ChronoUnit.MINUTES)));
        }
        Collections.reverse(actions);
        for (int i = 0; i < 5; i++) {
            actions.add(new RunnerDatabase.NewAction(part, ChangeStatusTask.NAME, "{\"status\":\"available\"}",
                    now.plus(1 + i, ChronoUnit.HOURS)));
        }
        List<Long> ids = db.actions(actions);
        List<Long> due = new ArrayList<>(ids.subList(0, 20));
        Collections.reverse(due); // oldest first
        Set<Long> notDue = Set.copyOf(ids.subList(20, 25));

        Settings settings = SettingsLoader.load(db.ini);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (HikariDataSource pool = DataSources.createForRunner(settings.database());
             Connection a = pool.getConnection()) {
            SqlDialect d = SqlDialect.of(a);
            String condition = "status = 'SCHEDULED' AND due_at <= " + d.utcNow();
            List<Long> byA = LockedClaim.claim(a, d, "timed_task", condition, "due_at, id", 5);
            assertEquals(due.subList(0, 5), byA, "A claims the 5 oldest due actions, oldest first");

            // B waits for a lock far longer than the runner would, so that a claim that waits shows up as slow
            // (or as a lock timeout) rather than as a quick empty answer.
            Future<Claim> b = other.submit(() -> {
                try (Connection c = pool.getConnection()) {
                    try (Statement s = c.createStatement()) {
                        s.execute(d == SqlDialect.H2 ? "SET LOCK_TIMEOUT 30000"
                                : "SET SESSION innodb_lock_wait_timeout = 30");
                    }
                    long start = System.nanoTime();
                    List<Long> claimed = LockedClaim.claim(c, d, "timed_task", condition, "due_at, id", 20);
                    long nanos = System.nanoTime() - start;
                    c.rollback();
                    return new Claim(claimed, Duration.ofNanos(nanos));
                }
            });
            Claim byB = b.get(60, TimeUnit.SECONDS);

            assertFalse(byB.ids().isEmpty(), "B found due rows while A held some");
            Set<Long> overlap = new HashSet<>(byA);
            overlap.retainAll(byB.ids());
            assertEquals(Set.of(), overlap, "A and B never hold the same row");
            assertEquals(due.subList(5, 20), byB.ids(), "B gets exactly the due rows A does not hold: A locked only "
                    + "the 5 rows it claimed (DESIGN §7.11), and B skipped them");
            assertTrue(byB.ids().stream().noneMatch(notDue::contains), "actions not yet due are never claimed");
            assertTrue(byB.took().compareTo(Duration.ofSeconds(5)) < 0, "B skipped A's locks instead of waiting for "
                    + "them (it took " + byB.took() + "; the runner's lock timeout is 5 s)");

            a.rollback();
            try (Connection c = pool.getConnection()) {
                List<Long> all = LockedClaim.claim(c, d, "timed_task", condition, "due_at, id", 100);
                c.rollback();
                assertEquals(due, all, "after A ended, every due row can be claimed again, oldest first");
            }
        } finally {
            other.shutdownNow();
        }
    }

    private record Claim(List<Long> ids, Duration took) {}

    // ---------------------------------------------------------------------------------------------- the recorder

    /** Wraps a DataSource so that every statement its connections prepare or execute is kept, as sent. */
    static final class SqlRecorder {
        private final List<String> statements = Collections.synchronizedList(new ArrayList<>());

        List<String> statements() {
            synchronized (statements) {
                return List.copyOf(statements);
            }
        }

        DataSource wrap(DataSource target) {
            return proxy(DataSource.class, target, (method, args, result) ->
                    method.getName().equals("getConnection") ? connection((Connection) result) : result);
        }

        private Connection connection(Connection target) {
            return proxy(Connection.class, target, (method, args, result) -> {
                switch (method.getName()) {
                    case "prepareStatement", "prepareCall", "nativeSQL" -> record(args);
                    case "createStatement" -> {
                        return statement((Statement) result);
                    }
                    default -> { }
                }
                return result;
            });
        }

        private Statement statement(Statement target) {
            return proxy(Statement.class, target, (method, args, result) -> result, true);
        }

        private void record(Object[] args) {
            if (args != null && args.length > 0 && args[0] instanceof String sql) {
                statements.add(sql);
            }
        }

        private interface After {
            Object apply(Method method, Object[] args, Object result) throws Exception;
        }

        private <T> T proxy(Class<T> type, T target, After after) {
            return proxy(type, target, after, false);
        }

        /** @param recordSqlArguments record a String first argument of execute…/addBatch before the call */
        private <T> T proxy(Class<T> type, T target, After after, boolean recordSqlArguments) {
            InvocationHandler handler = (p, method, args) -> {
                if (recordSqlArguments && (method.getName().startsWith("execute")
                        || method.getName().equals("addBatch"))) {
                    record(args);
                }
                Object result;
                try {
                    result = method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                return after.apply(method, args, result);
            };
            return type.cast(Proxy.newProxyInstance(ClaimSqlIT.class.getClassLoader(), new Class<?>[] {type},
                    handler));
        }
    }
}
