package org.wte.quiz;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.hibernate.Session;
import org.wte.content.Part;
import org.wte.content.PartService;
import org.wte.content.PartViews;
import org.wte.db.Database;
import org.wte.web.CurrentUser;
import org.wte.web.View;

/**
 * Teachers' quiz statistics for a module, part or page and everything below it
 * ({@code GET /parts/{id}/quiz-results}), and the answers as CSV ({@code GET /parts/{id}/quiz-results.csv}).
 * For the module's owners and tutors and for administrators who see all modules.
 */
@Path("/parts/{id}")
public final class QuizResultsResource {
    private final Database db;
    private final PartService parts;
    private final QuizResults results;
    private final QuizResultsCsv csv;

    @Context
    private HttpServletRequest request;

    public QuizResultsResource(Database db, PartService parts, QuizResults results, QuizResultsCsv csv) {
        this.db = db;
        this.parts = parts;
        this.results = results;
        this.csv = csv;
    }

    @GET
    @Path("quiz-results")
    @Produces("text/html")
    public View page(@PathParam("id") String id) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        return db.inTransaction(s -> {
            Part part = teacherView(s, user, id);
            return View.of("quiz/results.ftlh").with("quizResults", results.results(s, part))
                    .with("breadcrumbs", PartViews.breadcrumbs(part, "Quiz results"));
        });
    }

    @GET
    @Path("quiz-results.csv")
    @Produces("text/csv")
    public Response download(@PathParam("id") String id) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        return db.inTransaction(s -> {
            Part part = teacherView(s, user, id);
            byte[] body = csv.write(results.answers(s, part)).getBytes(StandardCharsets.UTF_8);
            return Response.ok(body).type("text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"quiz-answers-" + part.getId() + ".csv\"")
                    .header("Cache-Control", "no-store").build();
        });
    }

    /** The node if this user sees its module's results: 404 if invisible, 403 for students. */
    private Part teacherView(Session s, CurrentUser user, String id) {
        return parts.forTeachers(s, user, org.wte.web.PathIds.of(id), "Only the module's owners and tutors see its quiz results.");
    }
}
