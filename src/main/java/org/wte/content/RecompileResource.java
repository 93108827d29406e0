package org.wte.content;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.wte.account.Permission;
import org.wte.db.Database;
import org.wte.web.Access;
import org.wte.web.Flash;
import org.wte.web.Redirects;
import org.wte.web.View;

/**
 * "Recompile all content" after an upgrade of the markup: every part's stored HTML and quizzes made again
 * from its Markdown, in batches of one transaction each. The page drives the batches with a progress bar;
 * without JavaScript one request does them all.
 */
@Path("/admin/recompile")
public final class RecompileResource {
    static final int BATCH = 50;

    private final Database db;
    private final PartService service;

    @Context
    private HttpServletRequest request;

    public RecompileResource(Database db, PartService service) {
        this.db = db;
        this.service = service;
    }

    public record Progress(@JsonProperty("last") long last, @JsonProperty("done") long done,
                           @JsonProperty("total") long total, @JsonProperty("problems") long problems) {}

    @GET
    @Produces(MediaType.TEXT_HTML)
    public View page() {
        Access.requirePermission(request, Permission.MODULES_EDIT_ALL);
        long total = db.inTransaction(s -> s.createQuery("select count(p) from Part p", Long.class).getSingleResult());
        return View.of("admin/recompile.ftlh").with("total", total)
                .with("breadcrumbs", List.of(Map.of("label", "All modules", "url", "/admin/modules"),
                        Map.of("label", "Recompile all content")));
    }

    /** One batch after the id {@code after} (JavaScript), or everything (a plain form). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    public Response run(@FormParam("after") String after) {
        Access.requirePermission(request, Permission.MODULES_EDIT_ALL);
        long from;
        try {
            from = after == null || after.isBlank() ? 0 : Long.parseLong(after.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("'after' must be a part id.");
        }
        if ("fetch".equals(request.getHeader("X-Requested-With"))) {
            return Response.ok(batch(from), MediaType.APPLICATION_JSON_TYPE).build();
        }
        Progress progress = batch(from);
        long done = progress.done();
        long problems = progress.problems();
        while (progress.done() > 0 && progress.last() > from) {
            from = progress.last();
            progress = batch(from);
            done += progress.done();
            problems += progress.problems();
        }
        Flash.success(request, "Recompiled " + done + " parts and pages" + (problems > 0
                ? "; " + problems + " of them have problems in their text that their authors should fix." : "."));
        return Redirects.to(request, "/admin/modules");
    }

    private Progress batch(long after) {
        return db.inTransaction(s -> {
            List<Part> parts = s.createQuery("from Part p where p.id > :after order by p.id", Part.class)
                    .setParameter("after", after).setMaxResults(BATCH).list();
            long problems = 0;
            for (Part part : parts) {
                if (service.compile(s, part).hasErrors()) {
                    problems++;
                }
            }
            long last = parts.isEmpty() ? after : parts.get(parts.size() - 1).getId();
            long doneSoFar = s.createQuery("select count(p) from Part p where p.id <= :last", Long.class)
                    .setParameter("last", last).getSingleResult();
            long total = s.createQuery("select count(p) from Part p", Long.class).getSingleResult();
            return new Progress(last, parts.isEmpty() ? 0 : doneSoFar, total, problems);
        });
    }
}
