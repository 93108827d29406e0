package org.wte.timedtask;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import org.hibernate.Session;
import org.wte.content.Part;
import org.wte.content.PartService;
import org.wte.web.CurrentUser;
import org.wte.web.FormErrors;
import org.wte.web.LocalTimes;

/**
 * The rules of a part's timed actions, for its editors (the same people who may edit the part): add one, edit a
 * draft or scheduled one in place, make a new one from one that has finished, cancel, delete. An action that is
 * running cannot be changed; a change based on a form older than the action is refused (409), never merged.
 */
public final class TimedTaskService {
    /** A due time at most this far in the past is taken as "now" (the form took a moment); earlier is refused. */
    static final Duration PAST_GRACE = Duration.ofMinutes(1);
    static final String RUNNING_NOW = "It is running now; wait for it to finish.";

    private final TimedTaskTypes types;
    private final PartService parts;
    private final ZoneId zone;

    public TimedTaskService(TimedTaskTypes types, PartService parts, ZoneId zone) {
        this.types = types;
        this.parts = parts;
        this.zone = zone;
    }

    /** The part, if the user may edit it: 404 if they may not see it, 403 if they may only see it. */
    public Part part(Session s, CurrentUser user, long partId) {
        return parts.editable(s, user, partId);
    }

    /** The part's actions: drafts first, then the latest due first. */
    public List<TimedTask> list(Session s, Part part) {
        List<TimedTask> tasks = new ArrayList<>(s.createQuery("from TimedTask t where t.part = :p", TimedTask.class)
                .setParameter("p", part).list());
        tasks.sort(Comparator.comparing((TimedTask t) -> t.getStatus() != TimedTaskStatus.DRAFT)
                .thenComparing(TimedTask::getDueAt, Comparator.nullsFirst(Comparator.reverseOrder()))
                .thenComparing(TimedTask::getId, Comparator.reverseOrder()));
        return tasks;
    }

    /** Each action's attempts, oldest first: one query for all of them. */
    public Map<Long, List<TimedTaskRun>> history(Session s, List<TimedTask> tasks) {
        Map<Long, List<TimedTaskRun>> runs = new HashMap<>();
        if (tasks.isEmpty()) {
            return runs;
        }
        for (TimedTaskRun r : s.createQuery("from TimedTaskRun r where r.task.id in (:ids) order by r.id",
                        TimedTaskRun.class)
                .setParameterList("ids", tasks.stream().map(TimedTask::getId).toList()).list()) {
            runs.computeIfAbsent(r.getTask().getId(), k -> new ArrayList<>()).add(r);
        }
        return runs;
    }

    /** The action, if it belongs to this part; 404 otherwise (whether it exists elsewhere or not at all). */
    public TimedTask action(Session s, Part part, long taskId) {
        TimedTask task = s.get(TimedTask.class, taskId);
        if (task == null || task.getPart() == null || !task.getPart().getId().equals(part.getId())) {
            throw new NotFoundException("This " + part.getType().label() + " has no timed action #" + taskId + ".");
        }
        return task;
    }

    /** A kind of action that a part of this level may have; 400 for any other name. */
    public TimedTaskType type(Part part, String name) {
        TimedTaskType type = types.find(name == null ? "" : name.strip()).orElseThrow(() -> new BadRequestException(
                "There is no kind of timed action called \u201c" + (name == null ? "" : name) + "\u201d. Choose one "
                        + "from the list on the Timed actions page."));
        if (!type.appliesTo(part.getType())) {
            throw new BadRequestException("A " + part.getType().label() + " cannot have an action of the kind \u201c"
                    + type.label() + "\u201d.");
        }
        return type;
    }

    /** The type of a stored action, for its edit form; 409 when this build does not know it. */
    public TimedTaskType typeOf(TimedTask task) {
        return types.find(task.getType()).orElseThrow(() -> new ClientErrorException("Action #" + task.getId()
                + " is of a kind this version of WTE does not know (\u201c" + task.getType() + "\u201d): it cannot "
                + "be edited, only deleted.", 409));
    }

    public TimedTask create(Session s, CurrentUser user, long partId, String typeName, ActionInput input) {
        Part part = part(s, user, partId);
        TimedTaskType type = type(part, typeName);
        Checked checked = check(type, part, input);
        TimedTask task = new TimedTask(part, type.name(), TaskOptions.write(checked.options()),
                input.schedule() ? TimedTaskStatus.SCHEDULED : TimedTaskStatus.DRAFT, checked.due(), user.id(),
                Instant.now());
        s.persist(task);
        return task;
    }

    /**
     * Saves the edit form of an action. A draft or a scheduled action changes in place; one that has finished
     * (done, failed, cancelled) stays as it is, with its history, and a new action replaces it. Returns the
     * action that holds the saved values.
     */
    public TimedTask save(Session s, CurrentUser user, long partId, long taskId, int formVersion, ActionInput input) {
        Part part = part(s, user, partId);
        TimedTask task = action(s, part, taskId);
        refuseIfRunning(task);
        requireVersion(task, formVersion);
        TimedTaskType type = typeOf(task);
        Checked checked = check(type, part, input);
        TimedTaskStatus status = input.schedule() ? TimedTaskStatus.SCHEDULED : TimedTaskStatus.DRAFT;
        Instant now = Instant.now();
        if (task.getStatus().finished()) {
            TimedTask replacement = new TimedTask(part, type.name(), TaskOptions.write(checked.options()), status,
                    checked.due(), user.id(), now);
            replacement.setReplacesId(task.getId());
            s.persist(replacement);
            // Touched, so that its version moves on: the same form sent twice makes one new action, not two.
            task.touch(now);
            return replacement;
        }
        task.setOptions(TaskOptions.write(checked.options()));
        task.setDueAt(checked.due());
        // A new time or new options start afresh: no back-off left over from an earlier failed attempt.
        task.setRetryAt(null);
        task.setStatus(status);
        task.touch(now);
        return task;
    }

    /** A draft or scheduled action will not run: it stays in the list as cancelled. */
    public TimedTask cancel(Session s, CurrentUser user, long partId, long taskId, int formVersion) {
        Part part = part(s, user, partId);
        TimedTask task = action(s, part, taskId);
        refuseIfRunning(task);
        if (task.getStatus().finished()) {
            throw new ClientErrorException("Action #" + taskId + " has already finished (" + task.getStatus().label()
                    + "): there is nothing to cancel.", 409);
        }
        requireVersion(task, formVersion);
        markCancelled(task, "Cancelled by " + user.displayName() + ".", Instant.now());
        return task;
    }

    /** Deletes an action and its history, unless it is running. */
    public void delete(Session s, CurrentUser user, long partId, long taskId, int formVersion) {
        Part part = part(s, user, partId);
        TimedTask task = action(s, part, taskId);
        refuseIfRunning(task);
        requireVersion(task, formVersion);
        // The history rows go with it (ON DELETE CASCADE).
        s.remove(task);
    }

    static void markCancelled(TimedTask task, String result, Instant now) {
        task.setStatus(TimedTaskStatus.CANCELLED);
        task.setLastResult(result);
        task.setFinishedAt(now);
        task.touch(now);
    }

    static void refuseIfRunning(TimedTask task) {
        if (task.getStatus() == TimedTaskStatus.RUNNING) {
            throw new ClientErrorException(RUNNING_NOW, 409);
        }
    }

    /** The form showed this version of the action; anything since (an editor, the runner) wins, visibly. */
    private static void requireVersion(TimedTask task, int formVersion) {
        if (task.getVersion() != formVersion) {
            throw new ClientErrorException("Action #" + task.getId() + " changed after this page was opened (it is "
                    + "now " + task.getStatus().label() + "). Go back to the Timed actions page to see it as it is now, "
                    + "then try again.", 409);
        }
    }

    /** The options and due time of a valid form. */
    private record Checked(Map<String, String> options, Instant due) {}

    /**
     * Reads the form: its time in the configured zone (a time that does not exist is refused with the reason, an
     * ambiguous one needs its offset chosen), and the type's options. Every problem goes to its field at once.
     */
    private Checked check(TimedTaskType type, Part part, ActionInput input) {
        FormErrors errors = new FormErrors();
        Instant due = null;
        if (input.noTime()) {
            if (input.schedule()) {
                errors.add("date", "Choose the date and time at which it is to happen, or save it as a draft.");
            }
        } else {
            LocalTimes.Parsed parsed = LocalTimes.parse(input.date(), input.time(), input.offset(), zone);
            if (parsed instanceof LocalTimes.Exact exact) {
                due = exact.instant();
            } else if (parsed instanceof LocalTimes.Gap gap) {
                errors.add("time", gap.message());
            } else if (parsed instanceof LocalTimes.Overlap overlap) {
                errors.add("offset", overlap.message());
            } else if (parsed instanceof LocalTimes.Invalid invalid) {
                errors.add(invalid.field(), invalid.message());
            }
        }
        Instant now = Instant.now();
        if (due != null && input.schedule() && due.isBefore(now.minus(PAST_GRACE))) {
            errors.add("date", LocalTimes.format(due, zone) + " is in the past (" + LocalTimes.relative(due, now)
                    + "): the action would run at once. Choose a later time, or save it as a draft.");
        }
        Map<String, String> options = type.readOptions(input.fields(), part.getType(), errors);
        errors.throwIfAny();
        return new Checked(options, due);
    }
}
