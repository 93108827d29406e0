package org.wte.timedtask;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.wte.content.Part;
import org.wte.content.PartViews;
import org.wte.web.FormErrors;
import org.wte.web.LocalTimes;

/**
 * What the Timed actions pages show, as snapshots made inside the transaction: the rows of the list with their
 * run history, and the values of an action's form (times in the configured zone, the type's options).
 */
public final class TimedTaskViews {
    private final TimedTaskTypes types;
    private final ZoneId zone;

    public TimedTaskViews(TimedTaskTypes types, ZoneId zone) {
        this.types = types;
        this.zone = zone;
    }

    /** The part whose actions a page shows. */
    public record PartRef(long id, String title, String type) {
        static PartRef of(Part part) {
            return new PartRef(part.getId(), part.getTitle(), part.getType().label());
        }

        public String actionsUrl() {
            return "/parts/" + id + "/timed-actions";
        }
    }

    /** One action in the list. {@code due} and {@code relative} are empty for a draft without a time. */
    public record ActionRow(long id, int version, String description, String status, String due, String relative,
                            String lastResult, Long replacesId, Long replacedBy, boolean editable, boolean replaceable,
                            boolean cancellable, boolean deletable, List<RunRow> runs) {}

    /** One attempt: who ran it (host and pid), when, how late, and what came of it. */
    public record RunRow(int attempt, String host, long pid, Instant startedAt, Instant endedAt, String outcome,
                         String late, String message) {}

    /** An entry of the "Add an action" menu. */
    public record TypeChoice(String name, String label) {}

    /**
     * The values of an action's form. {@code version} is null for a new action; {@code replacing} names the state
     * of a finished action that saving will replace with a new one ("" when saving changes it in place).
     * {@code choices} are the two readings of a time that happens twice, to choose from.
     */
    public record ActionForm(String url, String typeLabel, String typeTemplate, String date, String time,
                             String offset, List<LocalTimes.Choice> choices, Integer version, String replacing,
                             Map<String, String> options) {}

    public PartRef part(Part part) {
        return PartRef.of(part);
    }

    /** "Europe/London", to label the date and time fields. */
    public String zone() {
        return zone.getId();
    }

    public List<TypeChoice> typesFor(Part part) {
        return types.all().stream().filter(t -> t.appliesTo(part.getType()))
                .map(t -> new TypeChoice(t.name(), t.label())).toList();
    }

    public List<ActionRow> rows(List<TimedTask> tasks, Map<Long, List<TimedTaskRun>> history, Instant now) {
        Map<Long, Long> replacedBy = new HashMap<>();
        for (TimedTask t : tasks) {
            if (t.getReplacesId() != null) {
                replacedBy.merge(t.getReplacesId(), t.getId(), Math::max);
            }
        }
        List<ActionRow> rows = new ArrayList<>();
        for (TimedTask t : tasks) {
            List<RunRow> runs = history.getOrDefault(t.getId(), List.of()).stream()
                    .map(r -> new RunRow(r.getAttempt(), r.getHost(), r.getPid(), r.getStartedAt(), r.getEndedAt(),
                            r.getOutcome().label(), r.getLateSeconds() > 0 ? LocalTimes.duration(r.getLateSeconds()) : "",
                            r.getMessage() == null ? "" : r.getMessage()))
                    .toList();
            TimedTaskStatus status = t.getStatus();
            boolean known = types.find(t.getType()).isPresent();
            rows.add(new ActionRow(t.getId(), t.getVersion(), types.describe(t), status.label(),
                    t.getDueAt() == null ? "" : LocalTimes.format(t.getDueAt(), zone),
                    t.getDueAt() == null ? "" : LocalTimes.relative(t.getDueAt(), now),
                    t.getLastResult() == null ? "" : t.getLastResult(), t.getReplacesId(), replacedBy.get(t.getId()),
                    known && !status.finished() && status != TimedTaskStatus.RUNNING, known && status.finished(),
                    status == TimedTaskStatus.DRAFT || status == TimedTaskStatus.SCHEDULED,
                    status != TimedTaskStatus.RUNNING, runs));
        }
        return rows;
    }

    /** A new action of this type: its defaults, no time yet. */
    public ActionForm newForm(Part part, TimedTaskType type) {
        return form(part, type, "/parts/" + part.getId() + "/timed-actions/new?type=" + type.name(), "", "", "", null,
                "", type.defaults(part.getType()));
    }

    /**
     * An existing action's values. A finished action keeps its options but not a time already past, which saving
     * would refuse: the teacher picks the new time.
     */
    public ActionForm editForm(Part part, TimedTask task, TimedTaskType type, Instant now) {
        Map<String, String> options;
        try {
            options = new LinkedHashMap<>(type.defaults(part.getType()));
            options.putAll(TaskOptions.read(task.getOptions()));
        } catch (TaskFailure broken) {
            options = type.defaults(part.getType());
        }
        String[] when = {"", "", ""};
        if (task.getDueAt() != null && !(task.getStatus().finished() && task.getDueAt().isBefore(now))) {
            when = LocalTimes.fields(task.getDueAt(), zone);
        }
        return form(part, type, "/parts/" + part.getId() + "/timed-actions/" + task.getId() + "/edit", when[0], when[1],
                when[2], task.getVersion(), task.getStatus().finished() ? task.getStatus().label() : "", options);
    }

    /** The form as it was sent, to show again with its errors. */
    public ActionForm submitted(Part part, TimedTaskType type, String url, ActionInput input, Integer version,
                                String replacing) {
        Map<String, String> options = type.readOptions(input.fields(), part.getType(), new FormErrors());
        return form(part, type, url, blank(input.date()), blank(input.time()), blank(input.offset()), version,
                replacing, options);
    }

    private ActionForm form(Part part, TimedTaskType type, String url, String date, String time, String offset,
                            Integer version, String replacing, Map<String, String> options) {
        // A time that happens twice shows both readings, whichever was chosen, so the choice can be changed.
        List<LocalTimes.Choice> choices = LocalTimes.parse(date, time, null, zone) instanceof LocalTimes.Overlap o
                ? o.choices() : List.of();
        return new ActionForm(url, type.label(), "/" + type.formTemplate(), date, time, offset, choices, version,
                replacing, options);
    }

    /** Modules › … › the part › Timed actions › {@code last}; without {@code last}, Timed actions ends them. */
    public static List<Map<String, Object>> breadcrumbs(Part part, String last) {
        List<Map<String, Object>> crumbs = new ArrayList<>(PartViews.breadcrumbs(part, "Timed actions"));
        if (last != null) {
            crumbs.set(crumbs.size() - 1, Map.of("label", "Timed actions", "url", PartRef.of(part).actionsUrl()));
            crumbs.add(Map.of("label", last));
        }
        return crumbs;
    }

    private static String blank(String s) {
        return s == null ? "" : s.strip();
    }
}
