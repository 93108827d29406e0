package org.wte.progress;

import java.time.Instant;
import java.util.Optional;

import org.hibernate.Session;
import org.wte.content.Access;
import org.wte.content.ContentAccess;
import org.wte.content.Part;
import org.wte.content.PartType;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.Role;
import org.wte.web.CurrentUser;

/**
 * Progress on the module, part and page pages: a student's visit to a page is recorded when it is shown; a
 * student sees their progress in a part; the module's teachers (owners, tutors, administrators who see
 * everything) see the class's summary on module and part pages.
 */
public final class PartProgress {
    private final ContentAccess access;
    private final PageVisits visits;
    private final ProgressReports reports;

    public PartProgress(ContentAccess access, PageVisits visits, ProgressReports reports) {
        this.access = access;
        this.visits = visits;
        this.reports = reports;
    }

    /** What part-extras.ftlh shows: the student's own progress, the teachers' summary, or neither. */
    public record Panel(ProgressReports.StudentProgress student, ProgressReport report) {
        public static final Panel NONE = new Panel(null, null);
    }

    /**
     * Called when a visible node is shown to this user: records the visit of a student to a page, and gives
     * the panel. Only students count; an owner, a tutor or an administrator previewing a page does not.
     */
    public Panel shown(Session s, CurrentUser user, Part part) {
        Optional<ModuleRole> role = access.role(s, user, part.module());
        boolean student = isStudent(role);
        if (part.getType() == PartType.PAGE) {
            if (student) {
                visits.recordVisit(s, user.id(), part.getId(), Instant.now());
            }
            return Panel.NONE;
        }
        Access a = ContentAccess.decide(user, part, role.orElse(null));
        if (a.seesEverything()) {
            return new Panel(null, reports.report(s, part));
        }
        if (student && part.getType() == PartType.PART) {
            return new Panel(reports.of(s, user.id(), part), null);
        }
        return Panel.NONE;
    }

    static boolean isStudent(Optional<ModuleRole> role) {
        return role.isPresent() && !role.get().isBlocked() && role.get().getRole() == Role.STUDENT;
    }
}
