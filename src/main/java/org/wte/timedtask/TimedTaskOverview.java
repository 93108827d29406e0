package org.wte.timedtask;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hibernate.Session;
import org.wte.content.Part;

/**
 * The administrators' view of timed actions across every module: each runner host's last run and last
 * successful run, what is due and not yet run, and what failed. "Now" is the database's clock (DESIGN §7.5).
 */
public final class TimedTaskOverview {
    static final int DUE_SHOWN = 20;
    static final int FAILED_SHOWN = 50;

    private final TimedTaskTypes types;
    private final RunnerHealth health;

    public TimedTaskOverview(TimedTaskTypes types, RunnerHealth health) {
        this.types = types;
        this.health = health;
    }

    /** One `wte run-timed-tasks` process. */
    public record RunRow(long pid, Instant startedAt, Instant endedAt, String outcome, int claimed, int done,
                         int failed, int retried, int late, int mailsSent, String message) {
        static RunRow of(RunnerRun r) {
            return new RunRow(r.getPid(), r.getStartedAt(), r.getEndedAt(), r.getOutcome().toLowerCase(Locale.ROOT),
                    r.getClaimed(), r.getDone(), r.getFailed(), r.getRetried(), r.getLate(), r.getMailsSent(),
                    r.getMessage() == null ? "" : r.getMessage());
        }
    }

    /** A host's last run and its last successful run (null when it never had one). */
    public record HostRow(String host, RunRow last, RunRow lastOk) {}

    /**
     * An action with where it belongs (for a module's own action, the module is the part); the ids are null when
     * the part has been deleted.
     */
    public record ActionRow(long id, String description, String status, Instant dueAt, Instant finishedAt,
                            String lastResult, Long partId, String partTitle, String partType, Long moduleId,
                            String moduleTitle) {
        public String actionsUrl() {
            return "/parts/" + partId + "/timed-actions#action-" + id;
        }
    }

    public record Overview(Instant now, RunnerHealth.Stall stall, List<HostRow> hosts, long dueCount,
                           List<ActionRow> due, long failedCount, List<ActionRow> failed) {}

    public Overview overview(Session s) {
        RunnerHealth.Snapshot snapshot = health.check();
        Instant now = snapshot.now();
        Map<String, RunnerRun> last = byHost(s.createQuery("from RunnerRun r where r.id in "
                + "(select max(x.id) from RunnerRun x group by x.host)", RunnerRun.class).list());
        Map<String, RunnerRun> lastOk = byHost(s.createQuery("from RunnerRun r where r.id in "
                        + "(select max(x.id) from RunnerRun x where x.outcome = :ok group by x.host)", RunnerRun.class)
                .setParameter("ok", RunnerRun.OK).list());
        List<HostRow> hosts = last.values().stream().sorted(Comparator.comparing(RunnerRun::getHost))
                .map(r -> new HostRow(r.getHost(), RunRow.of(r),
                        lastOk.containsKey(r.getHost()) ? RunRow.of(lastOk.get(r.getHost())) : null))
                .toList();

        long dueCount = s.createQuery("select count(t) from TimedTask t where t.status = :scheduled and t.dueAt <= :now",
                Long.class).setParameter("scheduled", TimedTaskStatus.SCHEDULED).setParameter("now", now).getSingleResult();
        List<ActionRow> due = s.createQuery(WITH_PARTS + " where t.status = :scheduled and t.dueAt <= :now "
                        + "order by t.dueAt, t.id", TimedTask.class)
                .setParameter("scheduled", TimedTaskStatus.SCHEDULED).setParameter("now", now)
                .setMaxResults(DUE_SHOWN).list().stream().map(this::row).toList();

        long failedCount = s.createQuery("select count(t) from TimedTask t where t.status = :failed", Long.class)
                .setParameter("failed", TimedTaskStatus.FAILED).getSingleResult();
        List<ActionRow> failed = s.createQuery(WITH_PARTS + " where t.status = :failed "
                        + "order by coalesce(t.finishedAt, t.updatedAt) desc, t.id desc", TimedTask.class)
                .setParameter("failed", TimedTaskStatus.FAILED).setMaxResults(FAILED_SHOWN).list().stream()
                .map(this::row).toList();
        return new Overview(now, snapshot.stall(), hosts, dueCount, due, failedCount, failed);
    }

    /** The part and its ancestors (at most module › part › page) come in the same query: no query per row. */
    private static final String WITH_PARTS = "select t from TimedTask t left join fetch t.part p "
            + "left join fetch p.parent pp left join fetch pp.parent";

    private ActionRow row(TimedTask t) {
        Part part = t.getPart();
        Part module = part == null ? null : part.module();
        return new ActionRow(t.getId(), types.describe(t), t.getStatus().label(), t.getDueAt(), t.getFinishedAt(),
                t.getLastResult() == null ? "" : t.getLastResult(),
                part == null ? null : part.getId(), part == null ? "(deleted part)" : part.getTitle(),
                part == null ? "" : part.getType().label(),
                module == null ? null : module.getId(), module == null ? "" : module.getTitle());
    }

    private static Map<String, RunnerRun> byHost(List<RunnerRun> runs) {
        return runs.stream().collect(Collectors.toMap(RunnerRun::getHost, Function.identity(), (a, b) -> a));
    }
}
