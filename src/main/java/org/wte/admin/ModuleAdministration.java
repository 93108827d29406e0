package org.wte.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.Session;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.db.Database;
import org.wte.enrolment.ModuleRoles;
import org.wte.enrolment.Role;
import org.wte.timedtask.PartTimedTasks;
import org.wte.web.CurrentUser;

/** The administrators' list of every module: search in the title, status filter, owners and member counts. */
public final class ModuleAdministration {
    public static final int PAGE_SIZE = 25;

    private final Database db;
    private final PartTimedTasks timedTasks;

    public ModuleAdministration(Database db, PartTimedTasks timedTasks) {
        this.db = db;
        this.timedTasks = timedTasks;
    }

    /**
     * members: members who are not blocked (owners, tutors and students); owners: those not blocked; upcoming: the
     * badge of its upcoming timed actions when the viewer may edit the module (else null).
     */
    public record ModuleRow(long id, String title, String status, List<String> owners, long members, long blocked,
                            Instant createdAt, PartTimedTasks.Badge upcoming) {}

    public record ModulePage(List<ModuleRow> rows, long total, int page, int pages) {}

    public ModulePage list(CurrentUser viewer, String query, PartStatus status, int page) {
        return db.inTransaction(s -> {
            long total = s.createQuery("select count(p) from Part p where " + WHERE, Long.class)
                    .setParameter("t", PartType.MODULE).setParameter("q", ModuleRoles.like(query))
                    .setParameterList("s", statuses(status)).getSingleResult();
            int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
            int p = Math.min(Math.max(1, page), pages);
            List<Part> modules = s.createQuery("from Part p where " + WHERE + " order by lower(p.title), p.id", Part.class)
                    .setParameter("t", PartType.MODULE).setParameter("q", ModuleRoles.like(query))
                    .setParameterList("s", statuses(status))
                    .setFirstResult((p - 1) * PAGE_SIZE).setMaxResults(PAGE_SIZE).list();
            return new ModulePage(rows(s, modules, timedTasks.badgesOfEditedModules(s, viewer, modules)), total, p, pages);
        });
    }

    private static final String WHERE = "p.type = :t and lower(p.title) like :q escape '!' and p.status in (:s)";

    private static List<PartStatus> statuses(PartStatus status) {
        return status == null ? List.of(PartStatus.values()) : List.of(status);
    }

    private static List<ModuleRow> rows(Session s, List<Part> modules, Map<Long, PartTimedTasks.Badge> badges) {
        if (modules.isEmpty()) {
            return List.of();
        }
        List<Long> ids = modules.stream().map(Part::getId).toList();
        Map<Long, List<String>> owners = new HashMap<>();
        for (Object[] row : s.createQuery("select r.module.id, u.displayName, u.email from ModuleRole r join r.user u "
                        + "where r.module.id in (:ids) and r.role = :o and r.blocked = false order by u.email", Object[].class)
                .setParameterList("ids", ids).setParameter("o", Role.OWNER).list()) {
            owners.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add(row[1] + " <" + row[2] + ">");
        }
        Map<Long, Long> members = new HashMap<>();
        Map<Long, Long> blocked = new HashMap<>();
        for (Object[] row : s.createQuery("select r.module.id, r.blocked, count(r) from ModuleRole r "
                        + "where r.module.id in (:ids) group by r.module.id, r.blocked", Object[].class)
                .setParameterList("ids", ids).list()) {
            (Boolean.TRUE.equals(row[1]) ? blocked : members).put((Long) row[0], (Long) row[2]);
        }
        return modules.stream().map(m -> new ModuleRow(m.getId(), m.getTitle(), m.getStatus().label(),
                owners.getOrDefault(m.getId(), List.of()), members.getOrDefault(m.getId(), 0L),
                blocked.getOrDefault(m.getId(), 0L), m.getCreatedAt(), badges.get(m.getId()))).toList();
    }
}
