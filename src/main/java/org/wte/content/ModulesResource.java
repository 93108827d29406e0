package org.wte.content;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.wte.account.Permission;
import org.wte.db.Database;
import org.wte.timedtask.PartTimedTasks;
import org.wte.web.Access;
import org.wte.web.CurrentUser;
import org.wte.web.Flash;
import org.wte.web.FormErrors;
import org.wte.web.Redirects;
import org.wte.web.QueryParams;
import org.wte.web.View;

/** The modules list (all available modules, or my modules with a status filter) and module creation. */
@Path("/modules")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public final class ModulesResource {
    private final Database db;
    private final Parts parts;
    private final PartService service;
    private final PartTimedTasks timedTasks;

    @Context
    private HttpServletRequest request;

    public ModulesResource(Database db, Parts parts, PartService service, PartTimedTasks timedTasks) {
        this.db = db;
        this.timedTasks = timedTasks;
        this.parts = parts;
        this.service = service;
    }

    /** {@code upcoming}: the badge of its upcoming timed actions, for its editors only (else null). */
    public record ModuleRow(long id, String title, String label, String status, PartTimedTasks.Badge upcoming) {}

    @GET
    public View list(@QueryParam("view") String view, @QueryParam("status") String status) {
        CurrentUser user = CurrentUser.of(request);
        boolean mine = "mine".equals(view) && user != null;
        PartStatus filter = QueryParams.optionalEnum(PartStatus.class, status, "status");
        List<ModuleRow> rows = db.inTransaction(s -> {
            List<Part> modules = mine ? parts.modulesOf(s, user.id(), filter) : parts.modules(s, PartStatus.AVAILABLE);
            Map<Long, PartTimedTasks.Badge> badges = timedTasks.badgesOfEditedModules(s, user, modules);
            return modules.stream().map(p -> new ModuleRow(p.getId(), p.getTitle(), p.getLabel(), p.getStatus().label(),
                    badges.get(p.getId()))).toList();
        });
        return View.of("content/modules.ftlh").with("moduleRows", rows).with("mine", mine)
                .with("status", filter == null ? "" : filter.label())
                .with("breadcrumbs", List.of(Map.of("label", "Modules")));
    }

    @GET
    @Path("new")
    public View newForm() {
        Access.requirePermission(request, Permission.MODULES_CREATE);
        return form(Map.of(), Map.of());
    }

    @POST
    public Response create(@FormParam("title") String title, @FormParam("label") String label) {
        CurrentUser user = Access.requirePermission(request, Permission.MODULES_CREATE);
        try {
            long id = db.inTransaction(s -> service.createModule(s, user, title, label).getId());
            Flash.success(request, "Module created. It is unavailable to students until you make it available.");
            return Redirects.to(request, "/parts/" + id);
        } catch (FormErrors.Invalid e) {
            return Response.status(400).entity(form(e.errors().asMap(),
                    Map.of("title", title == null ? "" : title, "label", label == null ? "" : label))).build();
        }
    }

    private static View form(Map<String, String> errors, Map<String, String> values) {
        return View.of("content/new-module.ftlh").with("errors", errors).with("values", values)
                .with("breadcrumbs", List.of(Map.of("label", "Modules", "url", "/modules"), Map.of("label", "New module")));
    }
}
