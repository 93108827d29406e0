package org.wte.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hibernate.Session;
import org.wte.content.Part;
import org.wte.content.PartType;
import org.wte.content.Parts;
import org.wte.enrolment.Role;

/** Reads what a progress report needs from the database: the counted pages, the students, their visits. */
public final class ProgressReports {
    private final Parts parts;
    private final PageVisits visits;

    public ProgressReports(Parts parts, PageVisits visits) {
        this.parts = parts;
        this.visits = visits;
    }

    /** One student's progress in a part: pages visited of the pages students see, and active time. */
    public record StudentProgress(int visited, int pages, long seconds) {
        public int percent() {
            return pages == 0 ? 0 : (int) Math.floor(100.0 * visited / pages);
        }

        public String time() {
            return TimeSpent.format(seconds);
        }
    }

    /** The report of a part (its pages), or of a module (each of its parts); null for a page. */
    public ProgressReport report(Session s, Part target) {
        if (target.getType() == PartType.PAGE) {
            return null;
        }
        List<Part> counted = target.getType() == PartType.MODULE
                ? parts.children(s, target).stream().filter(ProgressReports::counts).toList() : List.of(target);
        List<ProgressReport.PartPages> partPages = new ArrayList<>();
        Map<Long, ProgressReport.Ref> titles = new HashMap<>();
        List<Long> pageIds = new ArrayList<>();
        for (Part part : counted) {
            List<ProgressReport.Ref> pages = new ArrayList<>();
            for (Part page : parts.children(s, part)) {
                ProgressReport.Ref ref = new ProgressReport.Ref(page.getId(), page.getTitle());
                titles.put(page.getId(), ref);
                if (counts(page)) {
                    pages.add(ref);
                    pageIds.add(page.getId());
                }
            }
            partPages.add(new ProgressReport.PartPages(new ProgressReport.Ref(part.getId(), part.getTitle()), pages));
        }
        List<Long> partIds = counted.stream().map(Part::getId).toList();
        return ProgressReport.build(new ProgressReport.Ref(target.getId(), target.getTitle()),
                target.getType() == PartType.MODULE, partPages, students(s, target.module()),
                visits.forPages(s, pageIds), positions(s, partIds), titles);
    }

    /** A student's own progress in a part (zero pages for a module or a page). */
    public StudentProgress of(Session s, long userId, Part part) {
        if (part.getType() != PartType.PART) {
            return new StudentProgress(0, 0, 0);
        }
        List<Long> pageIds = parts.children(s, part).stream().filter(ProgressReports::counts).map(Part::getId).toList();
        List<PageVisits.Visit> mine = visits.forUser(s, userId, pageIds);
        return new StudentProgress((int) mine.stream().filter(v -> v.visits() > 0).count(), pageIds.size(),
                mine.stream().mapToLong(PageVisits.Visit::activeSeconds).sum());
    }

    /**
     * A part or page counts when students can see it by its own status (available or archived). Its ancestors'
     * status is not asked: a part made unavailable for a while keeps its figures for its teachers.
     */
    static boolean counts(Part p) {
        return p.getStatus().visibleToStudents();
    }

    /** The module's students who are not blocked: the only members a report counts. */
    List<ProgressReport.Student> students(Session s, Part module) {
        List<ProgressReport.Student> out = new ArrayList<>();
        for (Object[] r : s.createQuery("select u.id, u.displayName, u.email from ModuleRole r join r.user u "
                        + "where r.module = :m and r.role = :role and r.blocked = false order by u.email", Object[].class)
                .setParameter("m", module).setParameter("role", Role.STUDENT).list()) {
            out.add(new ProgressReport.Student((Long) r[0], (String) r[1], (String) r[2]));
        }
        return out;
    }

    List<ProgressReport.Position> positions(Session s, List<Long> partIds) {
        if (partIds.isEmpty()) {
            return List.of();
        }
        List<ProgressReport.Position> out = new ArrayList<>();
        for (Object[] r : s.createNativeQuery("SELECT user_id, part_id, page_id, updated_at FROM reading_position "
                        + "WHERE part_id IN (:p)", Object[].class)
                .addScalar("user_id", Long.class).addScalar("part_id", Long.class).addScalar("page_id", Long.class)
                .addScalar("updated_at", Instant.class)
                .setParameterList("p", partIds).list()) {
            out.add(new ProgressReport.Position((Long) r[0], (Long) r[1], (Long) r[2], (Instant) r[3]));
        }
        return out;
    }
}
