package org.wte.timedtask;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wte.config.Settings;
import org.wte.db.LeaseOwner;
import org.wte.db.SqlDialect;
import org.wte.db.UtcColumns;
import org.wte.mail.OutboxSender;

/**
 * One run of `wte run-timed-tasks` (DESIGN §7): claims due actions in batches with row locks, applies database
 * effects exactly once in the claim's transaction, leases outside effects and acts after the commit, then sends
 * the mail outbox. Safe beside any number of other runs, on any number of hosts.
 */
public final class TimedTaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TimedTaskRunner.class);
    /** Fault injection for the crash tests: pause (to be killed) after the first outside effect, before its end. */
    static final String PAUSE_AFTER_ACT = "WTE_TEST_PAUSE_AFTER_ACT";
    private static final int MAX_CONFLICTS_IN_A_ROW = 5;

    private final DataSource dataSource;
    private final TimedTaskTypes types;
    private final TaskServices services;
    private final OutboxSender outbox;
    private final Settings.TimedTasks limits;
    private final PrintStream verbose;
    private final LeaseOwner owner = LeaseOwner.ofThisProcess();
    private boolean paused;

    /** @param verbose where to print one line per action, or null for none */
    public TimedTaskRunner(DataSource dataSource, TimedTaskTypes types, TaskServices services, OutboxSender outbox,
                           Settings.TimedTasks limits, PrintStream verbose) {
        this.dataSource = dataSource;
        this.types = types;
        this.services = services;
        this.outbox = outbox;
        this.limits = limits;
        this.verbose = verbose;
    }

    /** What the idle check found: due actions, due mails. */
    public record Due(boolean tasks, boolean mails) {
        public boolean any() {
            return tasks || mails;
        }
    }

    /** One cheap query, no Hibernate: is anything due? (DESIGN §7.7) */
    public Due due() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            SqlDialect d = SqlDialect.of(c);
            try (PreparedStatement ps = c.prepareStatement("SELECT CASE WHEN EXISTS (SELECT 1 FROM timed_task WHERE "
                    + TaskStore.due(d) + ") THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 FROM mail_outbox WHERE "
                    + OutboxSender.due(d) + ") THEN 1 ELSE 0 END");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                Due due = new Due(rs.getInt(1) == 1, rs.getInt(2) == 1);
                c.rollback();
                return due;
            }
        }
    }

    /** Records a run that found nothing due: one row, for the health page. */
    public void recordIdleRun() throws SQLException {
        RunRecord record = new RunRecord(dataSource, owner);
        record.start();
        record.finish(new RunSummary(), "OK", "nothing due");
    }

    /** Carries out what is due, claiming no new work once {@code System.nanoTime()} passes {@code deadline}. */
    public RunSummary run(long deadline) throws SQLException {
        RunSummary summary = new RunSummary();
        RunRecord record = new RunRecord(dataSource, owner);
        record.start();
        String outcome = "OK";
        String message = null;
        try {
            int conflicts = 0;
            while (System.nanoTime() - deadline < 0) {
                Batch batch = claimBatch();
                if (batch == null) {
                    if (++conflicts >= MAX_CONFLICTS_IN_A_ROW) {
                        message = "stopped after " + conflicts + " lock conflicts in a row; the next run goes on";
                        break;
                    }
                    continue;
                }
                conflicts = 0;
                if (batch.claimed == 0) {
                    break;
                }
                batch.summary.claimed = batch.claimed;
                merge(summary, batch.summary);
                for (Work w : batch.leased) {
                    act(w, summary);
                }
            }
            if (outbox.enabled()) {
                OutboxSender.Result mails = outbox.sendDue(Integer.MAX_VALUE, deadline);
                summary.mailsSent += mails.sent();
                summary.mailsFailed += mails.failed();
            } else {
                summary.mailsWaiting = outbox.dueCount();
            }
        } catch (SQLException | RuntimeException e) {
            outcome = "ERROR";
            message = e.getClass().getSimpleName() + ": " + e.getMessage();
            throw e;
        } finally {
            try {
                record.finish(summary, outcome, message);
            } catch (SQLException e) {
                LOG.error("could not record the end of this run: {}", e.getMessage());
            }
        }
        return summary;
    }

    /** The due actions, oldest first, as lines: for --dry-run, which changes nothing. */
    public List<String> dueList(int max) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            SqlDialect d = SqlDialect.of(c);
            try (PreparedStatement ps = c.prepareStatement("SELECT id, type, part_id, status, due_at, " + d.utcNow()
                    + " FROM timed_task WHERE " + TaskStore.due(d) + " ORDER BY due_at, id LIMIT ?")) {
                ps.setInt(1, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long part = rs.getLong(3);
                        String partText = rs.wasNull() ? "a deleted part" : "part " + part;
                        Instant due = UtcColumns.get(rs, 5);
                        Instant now = UtcColumns.get(rs, 6);
                        lines.add("due: #" + rs.getLong(1) + " " + rs.getString(2) + " on " + partText + ", due " + due
                                + " (" + org.wte.web.LocalTimes.duration(Math.max(0, now.getEpochSecond()
                                - due.getEpochSecond())) + " ago)"
                                + ("RUNNING".equals(rs.getString(4)) ? ", its runner's lease has expired" : ""));
                    }
                }
            }
            c.rollback();
        }
        return lines;
    }

    private record Work(ClaimedTask task, TimedTaskType type, Map<String, String> options) {}

    /** A committed claim: its counts, and the outside-effect actions it leased (to act on now). */
    private record Batch(int claimed, RunSummary summary, List<Work> leased) {}

    private record Execution(long taskId, long partId, Instant dueAt, Map<String, String> options,
                             Connection connection, SqlDialect dialect, TaskServices services)
            implements TaskExecution {}

    /** One transaction: claim, apply database effects, lease outside effects. Null after a lock conflict. */
    private Batch claimBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            SqlDialect d = SqlDialect.of(c);
            TaskStore store = new TaskStore(d, owner);
            RunSummary s = new RunSummary();
            try {
                List<ClaimedTask> rows = store.claim(c, limits.batchSize());
                List<Work> database = new ArrayList<>();
                List<Work> leased = new ArrayList<>();
                for (ClaimedTask t : rows) {
                    if (t.status() == TimedTaskStatus.RUNNING) {
                        store.abandonEarlierAttempt(c, t);
                    }
                    Optional<TimedTaskType> type = types.find(t.type());
                    String problem = null;
                    Map<String, String> options = null;
                    if (type.isEmpty()) {
                        problem = "unknown action type \"" + t.type() + "\": this build of WTE does not know it";
                    } else if (t.partId() == null) {
                        problem = "its part was deleted";
                    } else {
                        try {
                            options = TaskOptions.read(t.options());
                        } catch (TaskFailure f) {
                            problem = f.getMessage();
                        }
                    }
                    if (problem == null && t.attempt() >= limits.maxAttempts()) {
                        problem = "gave up after " + t.attempt() + " attempts";
                    }
                    if (problem != null) {
                        store.fail(c, t, problem);
                        count(s, t, RunOutcome.FAILED, problem);
                    } else if (type.get().effect() == TimedTaskType.Effect.OUTSIDE) {
                        store.lease(c, t, limits.leaseSeconds());
                        leased.add(new Work(t, type.get(), options));
                    } else {
                        database.add(new Work(t, type.get(), options));
                    }
                }
                Set<Long> present = new HashSet<>(store.lockParts(c,
                        database.stream().map(w -> w.task().partId()).toList()));
                List<TaskStore.Outcome> done = new ArrayList<>();
                database.sort(Comparator.comparing((Work w) -> w.task().partId())
                        .thenComparing(w -> w.task().dueAt()).thenComparing(w -> w.task().id()));
                for (Work w : database) {
                    ClaimedTask t = w.task();
                    if (!present.contains(t.partId())) {
                        store.fail(c, t, "its part no longer exists");
                        count(s, t, RunOutcome.FAILED, "its part no longer exists");
                        continue;
                    }
                    Savepoint savepoint = c.setSavepoint();
                    try {
                        TaskResult result = w.type().run(new Execution(t.id(), t.partId(), t.dueAt(), w.options(), c, d,
                                services));
                        done.add(new TaskStore.Outcome(t, result));
                        count(s, t, result.outcome(), result.message());
                    } catch (TaskFailure f) {
                        c.rollback(savepoint);
                        store.fail(c, t, f.getMessage());
                        count(s, t, RunOutcome.FAILED, f.getMessage());
                    } catch (SQLException e) {
                        if (SqlDialect.isLockConflict(e)) {
                            throw e;
                        }
                        c.rollback(savepoint);
                        retryOrFail(c, store, t, describe(e), s);
                    } catch (Exception e) {
                        c.rollback(savepoint);
                        retryOrFail(c, store, t, describe(e), s);
                    }
                }
                store.done(c, done);
                c.commit();
                return new Batch(rows.size(), s, leased);
            } catch (SQLException e) {
                c.rollback();
                if (SqlDialect.isLockConflict(e)) {
                    LOG.info("lock conflict while claiming ({}); rolled back, trying again", e.getMessage());
                    return null;
                }
                throw e;
            }
        }
    }

    private void retryOrFail(Connection c, TaskStore store, ClaimedTask t, String message, RunSummary s)
            throws SQLException {
        if (t.nextAttempt() >= limits.maxAttempts()) {
            String m = "gave up after " + t.nextAttempt() + " attempts: " + message;
            store.fail(c, t, m);
            count(s, t, RunOutcome.FAILED, m);
        } else {
            store.retry(c, t, message, backoff(t));
            count(s, t, RunOutcome.RETRY, message);
        }
    }

    /** An outside effect, after its lease was committed: check the lease, act, then finish (fenced). */
    private void act(Work w, RunSummary s) throws SQLException {
        ClaimedTask t = w.task();
        try (Connection c = dataSource.getConnection()) {
            SqlDialect d = SqlDialect.of(c);
            TaskStore store = new TaskStore(d, owner);
            if (!store.stillOurs(c, t)) {
                c.rollback();
                say(t, "skipped: another runner took it over");
                return;
            }
            c.commit();
            TaskResult result;
            try {
                result = w.type().run(new Execution(t.id(), t.partId(), t.dueAt(), w.options(), c, d, services));
                c.commit();
            } catch (TaskFailure f) {
                c.rollback();
                finishLeased(c, store, t, RunOutcome.FAILED, f.getMessage(), s);
                return;
            } catch (Exception e) {
                c.rollback();
                if (t.nextAttempt() >= limits.maxAttempts()) {
                    finishLeased(c, store, t, RunOutcome.FAILED, "gave up after " + t.nextAttempt() + " attempts: "
                            + describe(e), s);
                } else {
                    finishLeased(c, store, t, RunOutcome.RETRY, describe(e), s);
                }
                return;
            }
            pauseForCrashTest(t);
            finishLeased(c, store, t, result.outcome(), result.message(), s);
        }
    }

    private void finishLeased(Connection c, TaskStore store, ClaimedTask t, RunOutcome outcome, String message,
                              RunSummary s) throws SQLException {
        if (store.finishLeased(c, t, outcome, message, backoff(t))) {
            c.commit();
            RunSummary one = new RunSummary();
            count(one, t, outcome, message);
            merge(s, one);
        } else {
            c.rollback();
            say(t, "not recorded: another runner took it over after this one's lease expired");
        }
    }

    private long backoff(ClaimedTask t) {
        return Math.min(86_400L, (long) limits.backoffSeconds() << Math.min(20, t.nextAttempt() - 1));
    }

    private void count(RunSummary s, ClaimedTask t, RunOutcome outcome, String message) {
        switch (outcome) {
            case DONE, SUPERSEDED -> s.done++;
            case FAILED -> s.failed++;
            case RETRY -> s.retried++;
            default -> { }
        }
        if (outcome != RunOutcome.RETRY) {
            s.countLateness(t);
        }
        s.lines.add(line(t, outcome.label() + ": " + message + (t.lateSeconds() > RunSummary.LATE_AFTER_SECONDS
                ? " (ran " + org.wte.web.LocalTimes.duration(t.lateSeconds()) + " late)" : "")));
    }

    private static String line(ClaimedTask t, String text) {
        return "#" + t.id() + " " + t.type() + " on part " + t.partId() + ": " + text;
    }

    private void say(ClaimedTask t, String text) {
        if (verbose != null) {
            verbose.println(line(t, text));
        }
    }

    private void merge(RunSummary into, RunSummary from) {
        into.claimed += from.claimed;
        into.done += from.done;
        into.failed += from.failed;
        into.retried += from.retried;
        into.late += from.late;
        if (verbose != null) {
            from.lines.forEach(verbose::println);
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private void pauseForCrashTest(ClaimedTask t) {
        String pause = System.getenv(PAUSE_AFTER_ACT);
        if (pause == null || pause.isEmpty() || paused) {
            return;
        }
        paused = true;
        System.err.println("paused after acting on timed action #" + t.id() + " (" + PAUSE_AFTER_ACT + ")");
        System.err.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
