package org.wte.quiz;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.wte.db.Database;
import org.wte.web.Access;
import org.wte.web.CurrentUser;

/**
 * The quiz script's JSON endpoints on a page:
 * {@code GET /parts/{id}/quizzes} (the page's quizzes with the reader's previous answers),
 * {@code GET /parts/{id}/quizzes/{key}/answers} (one quiz's), and
 * {@code POST /parts/{id}/quizzes/{key}/answers} with {@code {"answers": {"0": [1]}}} (check and record; the
 * CSRF token in the X-CSRF-Token header). Refusals are JSON too: {@code {"error": "…"}} with a 4xx status.
 */
@Path("/parts/{id}/quizzes")
@Produces(MediaType.APPLICATION_JSON)
public final class QuizAnswerResource {
    private final Database db;
    private final QuizAnswering answering;

    @Context
    private HttpServletRequest request;

    public QuizAnswerResource(Database db, QuizAnswering answering) {
        this.db = db;
        this.answering = answering;
    }

    @GET
    public Response state(@PathParam("id") String id) {
        CurrentUser user = Access.requireUser(request);
        return answer(() -> db.inTransaction(s -> answering.state(s, user, request.getContextPath(), pageId(id))));
    }

    @GET
    @Path("{key}/answers")
    public Response quiz(@PathParam("id") String id, @PathParam("key") String key) {
        CurrentUser user = Access.requireUser(request);
        return answer(() -> db.inTransaction(s -> answering.quizState(s, user, request.getContextPath(), pageId(id),
                key)));
    }

    /** The body is read as text (any content type): a malformed one gets a readable 400, not a parser's. */
    @POST
    @Path("{key}/answers")
    @Consumes(MediaType.WILDCARD)
    public Response check(@PathParam("id") String id, @PathParam("key") String key, String body) {
        CurrentUser user = Access.requireUser(request);
        return answer(() -> db.inTransaction(s -> answering.check(s, user, pageId(id), key, body)));
    }

    private static Response answer(Supplier<Object> work) {
        try {
            return Response.ok(work.get(), MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").build();
        } catch (AnswerRefused e) {
            return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Map.of("error", e.getMessage())).build();
        }
    }

    private static long pageId(String id) {
        try {
            return Long.parseLong(id == null ? "" : id.strip());
        } catch (NumberFormatException e) {
            throw new AnswerRefused(404, "There is no such page.");
        }
    }
}
