package org.wte.timedtask;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.Session;
import org.wte.account.Permission;
import org.wte.content.ContentAccess;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.enrolment.ModuleRole;
import org.wte.web.CurrentUser;
import org.wte.web.LocalTimes;

/**
 * A part's timed actions as the content pages see them: the "2 scheduled" badges of the lists editors see,
 * the failed actions and pending status changes on a part's page, the scheduled status changes that a change by
 * hand would see undone, and what deleting a part cancels. A list costs a fixed number of queries, however long.
 */
public final class PartTimedTasks {
    static final String DELETED = "its part was deleted";
    private static final List<TimedTaskStatus> UPCOMING = List.of(TimedTaskStatus.SCHEDULED, TimedTaskStatus.RUNNING);
    private static final List<TimedTaskStatus> NOT_YET_RUN = List.of(TimedTaskStatus.DRAFT, TimedTaskStatus.SCHEDULED);

    private final TimedTaskTypes types;
    private final ZoneId zone;

    public PartTimedTasks(TimedTaskTypes types, ZoneId zone) {
        this.types = types;
        this.zone = zone;
    }

    /** "2 scheduled" (shown with a clock) beside a part in a list; the title names the next due time. */
    public record Badge(long scheduled, long running, String label, String title) {}

    /** One action shown on its part's page: what, when (with its UTC offset and relative), and its last result. */
    public record Notice(long id, long partId, String description, String when, String relative, String result) {}

    /** A scheduled change-status action, and the status it will set. */
    public record StatusChange(Notice notice, PartStatus status) {
        public String statusLabel() {
            return status.label();
        }
    }

    /** What a part's page shows its editors: failed actions not yet replaced, and scheduled status changes. */
    public record Notices(List<Notice> failed, List<StatusChange> pending) {
        public static final Notices NONE = new Notices(List.of(), List.of());
    }

    public Notices notices(Session s, Part part) {
        return new Notices(unreplacedFailures(s, part), pendingStatusChanges(s, part));
    }

    /** Badges of these parts, keyed by part id (parts without upcoming actions have none): one grouped query. */
    public Map<Long, Badge> badges(Session s, Collection<Long> partIds) {
        Map<Long, Badge> badges = new HashMap<>();
        if (partIds.isEmpty()) {
            return badges;
        }
        Map<Long, long[]> counts = new HashMap<>();
        Map<Long, Instant> next = new HashMap<>();
        for (Object[] row : s.createQuery("select t.part.id, t.status, count(t), min(t.dueAt) from TimedTask t "
                        + "where t.part.id in (:ids) and t.status in (:upcoming) group by t.part.id, t.status",
                        Object[].class)
                .setParameterList("ids", partIds).setParameterList("upcoming", UPCOMING).list()) {
            long id = (Long) row[0];
            long[] c = counts.computeIfAbsent(id, k -> new long[2]);
            c[row[1] == TimedTaskStatus.RUNNING ? 1 : 0] += (Long) row[2];
            Instant due = (Instant) row[3];
            if (due != null && (next.get(id) == null || due.isBefore(next.get(id)))) {
                next.put(id, due);
            }
        }
        Instant now = Instant.now();
        counts.forEach((id, c) -> {
            String label = (c[0] > 0 ? c[0] + " scheduled" : "")
                    + (c[0] > 0 && c[1] > 0 ? ", " : "") + (c[1] > 0 ? c[1] + " running" : "");
            Instant due = next.get(id);
            String title = due == null ? "Timed actions are running"
                    : "Next: " + LocalTimes.format(due, zone) + ", " + LocalTimes.relative(due, now);
            badges.put(id, new Badge(c[0], c[1], label, title));
        });
        return badges;
    }

    /**
     * Badges of the modules among these that the user may edit (owners, content administrators): the others get
     * none, whatever they hold. Two queries (the user's roles, the counts) for the whole list.
     */
    public Map<Long, Badge> badgesOfEditedModules(Session s, CurrentUser user, List<Part> modules) {
        if (user == null || modules.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = modules.stream().map(Part::getId).toList();
        List<Long> edited;
        if (user.can(Permission.MODULES_EDIT_ALL)) {
            edited = ids;
        } else {
            Map<Long, ModuleRole> roles = new HashMap<>();
            for (ModuleRole r : s.createQuery("from ModuleRole r where r.user.id = :u and r.module.id in (:ids)",
                    ModuleRole.class).setParameter("u", user.id()).setParameterList("ids", ids).list()) {
                roles.put(r.getModule().getId(), r);
            }
            edited = modules.stream().filter(m -> ContentAccess.decide(user, m, roles.get(m.getId())).edit())
                    .map(Part::getId).toList();
        }
        return badges(s, edited);
    }

    /** The part's failed actions that no later action replaces: each is a warning on the part's page. */
    public List<Notice> unreplacedFailures(Session s, Part part) {
        return s.createQuery("from TimedTask t where t.part = :p and t.status = :failed and not exists "
                        + "(select r.id from TimedTask r where r.replacesId = t.id) order by t.id", TimedTask.class)
                .setParameter("p", part).setParameter("failed", TimedTaskStatus.FAILED).list().stream()
                .map(t -> notice(t, Instant.now())).toList();
    }

    /** The part's scheduled change-status actions, soonest first. */
    public List<StatusChange> pendingStatusChanges(Session s, Part part) {
        Instant now = Instant.now();
        return scheduledStatusTasks(s, part).stream()
                .map(t -> new StatusChange(notice(t, now), targetOf(t)))
                .filter(c -> c.status() != null).toList();
    }

    /** Those of the part's scheduled status changes that would undo a change by hand to {@code status}. */
    public List<StatusChange> statusChangesUndoing(Session s, Part part, PartStatus status) {
        return pendingStatusChanges(s, part).stream().filter(c -> c.status() != status).toList();
    }

    /**
     * Cancels the scheduled status changes that would undo a change by hand to {@code status}, so that it lasts.
     * Returns how many were cancelled.
     */
    public int cancelStatusChangesUndoing(Session s, Part part, PartStatus status, CurrentUser user) {
        Instant now = Instant.now();
        int cancelled = 0;
        for (TimedTask t : scheduledStatusTasks(s, part)) {
            PartStatus target = targetOf(t);
            if (target != null && target != status) {
                TimedTaskService.markCancelled(t, "Cancelled when " + user.displayName() + " made the "
                        + part.getType().label() + " " + status.label() + " by hand.", now);
                cancelled++;
            }
        }
        return cancelled;
    }

    /** How many actions of these parts have not run yet (drafts and scheduled): deleting the parts cancels them. */
    public long notYetRun(Session s, Collection<Long> partIds) {
        if (partIds.isEmpty()) {
            return 0;
        }
        return s.createQuery("select count(t) from TimedTask t where t.part.id in (:ids) and t.status in (:pending)",
                Long.class).setParameterList("ids", partIds).setParameterList("pending", NOT_YET_RUN).getSingleResult();
    }

    /**
     * Cancels the drafts and scheduled actions of parts about to be deleted, in the deletion's transaction (their
     * rows stay, without a part, with the reason as their result). A running one is left to its runner, which
     * finds the part gone and fails it with a message.
     */
    public int cancelForDeletion(Session s, Collection<Long> partIds) {
        if (partIds.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        s.flush();
        // The version goes up, as with every change, so that an edit form opened before the deletion is refused.
        return s.createMutationQuery("update TimedTask t set t.status = :cancelled, t.lastResult = :result, "
                        + "t.finishedAt = :now, t.updatedAt = :now, t.version = t.version + 1 "
                        + "where t.part.id in (:ids) and t.status in (:pending)")
                .setParameter("cancelled", TimedTaskStatus.CANCELLED).setParameter("result", DELETED)
                .setParameter("now", now).setParameterList("ids", partIds).setParameterList("pending", NOT_YET_RUN)
                .executeUpdate();
    }

    private List<TimedTask> scheduledStatusTasks(Session s, Part part) {
        return s.createQuery("from TimedTask t where t.part = :p and t.type = :type and t.status = :scheduled "
                        + "order by t.dueAt, t.id", TimedTask.class)
                .setParameter("p", part).setParameter("type", ChangeStatusTask.NAME)
                .setParameter("scheduled", TimedTaskStatus.SCHEDULED).list();
    }

    /** The status a change-status action will set, or null when its options are broken. */
    private static PartStatus targetOf(TimedTask t) {
        try {
            return ChangeStatusTask.parse(TaskOptions.read(t.getOptions()).get("status"));
        } catch (TaskFailure broken) {
            return null;
        }
    }

    private Notice notice(TimedTask t, Instant now) {
        return new Notice(t.getId(), t.getPart().getId(), types.describe(t),
                t.getDueAt() == null ? "" : LocalTimes.format(t.getDueAt(), zone),
                t.getDueAt() == null ? "" : LocalTimes.relative(t.getDueAt(), now),
                t.getLastResult() == null ? "" : t.getLastResult());
    }
}
