package org.wte.progress;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hibernate.Session;
import org.wte.content.Part;
import org.wte.content.PartService;
import org.wte.content.PartType;
import org.wte.content.PartViews;
import org.wte.db.Database;
import org.wte.web.Access;
import org.wte.web.CurrentUser;
import org.wte.web.View;

/**
 * The students' progress in a module or a part, for its teachers (owners, tutors, administrators who see
 * everything):
 * <pre>
 * GET /parts/{id}/progress       the dashboard: charts and the per-student table
 * GET /parts/{id}/progress.csv   the per-student table as CSV
 * </pre>
 * Not visible: 404; a page: 404; visible but not a teacher of it: 403; anonymous: to the login page.
 */
@Path("/parts/{id}")
public final class ProgressResource {
    private final Database db;
    private final PartService parts;
    private final ProgressReports reports;
    private final ZoneId zone;

    @Context
    private HttpServletRequest request;

    public ProgressResource(Database db, PartService parts, ProgressReports reports, ZoneId zone) {
        this.db = db;
        this.parts = parts;
        this.reports = reports;
        this.zone = zone;
    }

    @GET
    @Path("progress")
    @Produces(MediaType.TEXT_HTML)
    public View dashboard(@PathParam("id") String id) {
        CurrentUser user = Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        return db.inTransaction(s -> {
            Part part = teachable(s, user, partId);
            return View.of("progress/dashboard.ftlh").with("report", reports.report(s, part))
                    .with("breadcrumbs", PartViews.breadcrumbs(part, "Progress"));
        });
    }

    @GET
    @Path("progress.csv")
    @Produces("text/csv; charset=UTF-8")
    public Response csv(@PathParam("id") String id) {
        CurrentUser user = Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        String csv = db.inTransaction(s -> ProgressCsv.of(reports.report(s, teachable(s, user, partId)), zone));
        return Response.ok(csv.getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"progress-" + partId + ".csv\"")
                .header("Cache-Control", "no-store").build();
    }

    /** A module or part whose students' progress this user may see. */
    private Part teachable(Session s, CurrentUser user, long id) {
        Part part = parts.visible(s, user, id);
        if (part.getType() == PartType.PAGE) {
            throw new NotFoundException("Progress is shown for a module or a part, not for a page.");
        }
        return parts.requireTeacher(s, user, part, "Only the module's teachers and tutors see its students' progress.");
    }
}
