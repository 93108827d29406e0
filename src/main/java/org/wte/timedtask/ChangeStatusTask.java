package org.wte.timedtask;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.core.MultivaluedMap;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.db.UtcColumns;
import org.wte.web.FormErrors;

/**
 * Makes a part available, unavailable or (a module only) archived: a database effect, applied in the claim's
 * transaction under the part's row lock. The part remembers the last such action applied to it, so that an
 * older action claimed later by another runner changes nothing ("superseded by #n").
 */
public final class ChangeStatusTask implements TimedTaskType {
    public static final String NAME = "change-status";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "Change status";
    }

    @Override
    public Effect effect() {
        return Effect.DATABASE;
    }

    @Override
    public Map<String, String> defaults(PartType partType) {
        return Map.of("status", "available");
    }

    @Override
    public Map<String, String> readOptions(MultivaluedMap<String, String> form, PartType partType, FormErrors errors) {
        String value = form.getFirst("status");
        Map<String, String> options = new LinkedHashMap<>();
        options.put("status", value == null ? "" : value);
        String problem = check(value, partType);
        if (problem != null) {
            errors.add("status", problem);
        }
        return options;
    }

    @Override
    public String describe(Map<String, String> options) {
        String status = options.get("status");
        if (parse(status) == null) {
            return "Change the status (broken: no valid status)";
        }
        return switch (parse(status)) {
            case AVAILABLE -> "Make it available";
            case UNAVAILABLE -> "Make it unavailable";
            case ARCHIVED -> "Archive it";
        };
    }

    @Override
    public TaskResult run(TaskExecution x) throws Exception {
        Connection c = x.connection();
        PartType partType;
        PartStatus before;
        Long lastId;
        Instant lastDue;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT type, status, status_task_id, status_task_due FROM part WHERE id = ?")) {
            ps.setLong(1, x.partId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new TaskFailure("its part no longer exists");
                }
                partType = PartType.valueOf(rs.getString(1));
                before = PartStatus.valueOf(rs.getString(2));
                long id = rs.getLong(3);
                lastId = rs.wasNull() ? null : id;
                lastDue = UtcColumns.get(rs, 4);
            }
        }
        String problem = check(x.options().get("status"), partType);
        if (problem != null) {
            throw new TaskFailure(problem);
        }
        PartStatus target = parse(x.options().get("status"));
        if (lastId != null && lastDue != null && lastId != x.taskId()
                && (lastDue.isAfter(x.dueAt()) || (lastDue.equals(x.dueAt()) && lastId > x.taskId()))) {
            return TaskResult.superseded("superseded by #" + lastId + ", which is due later and was applied first");
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE part SET status = ?, status_task_id = ?, "
                + "status_task_due = ?, version = version + 1, updated_at = " + x.dialect().utcNow() + " WHERE id = ?")) {
            ps.setString(1, target.name());
            ps.setLong(2, x.taskId());
            UtcColumns.set(ps, 3, x.dueAt());
            ps.setLong(4, x.partId());
            ps.executeUpdate();
        }
        return TaskResult.done(before == target ? "The status was already " + target.label() + "; it stays so."
                : "Status set to " + target.label() + " (was " + before.label() + ").");
    }

    static PartStatus parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return PartStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Why this status cannot be set on a part of this level, or null when it can. */
    static String check(String value, PartType partType) {
        PartStatus status = parse(value);
        if (status == null) {
            return "Choose available, unavailable or archived (not \"" + (value == null ? "" : value) + "\").";
        }
        if (status == PartStatus.ARCHIVED && partType != PartType.MODULE) {
            return "Only a module can be archived; a " + partType.label() + " can be available or unavailable.";
        }
        return null;
    }
}
