package org.wte.timedtask;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.wte.content.Part;
import org.wte.db.Database;
import org.wte.web.Access;
import org.wte.web.CurrentUser;
import org.wte.web.Flash;
import org.wte.web.FormErrors;
import org.wte.web.LocalTimes;
import org.wte.web.Redirects;
import org.wte.web.View;

/**
 * The Timed actions page of a module, part or page, for its editors: the list with each action's run history,
 * adding an action of a kind, editing, cancelling and deleting (each behind a page that says what will happen).
 *
 * <pre>
 * GET       /parts/{id}/timed-actions                  the list, and the menu of kinds to add
 * GET|POST  /parts/{id}/timed-actions/new?type=…       a new action of that kind
 * GET|POST  /parts/{id}/timed-actions/{tid}/edit       in place (draft, scheduled) or as a new action (finished)
 * GET|POST  /parts/{id}/timed-actions/{tid}/cancel     confirmation, then cancel
 * GET|POST  /parts/{id}/timed-actions/{tid}/delete     confirmation, then delete
 * </pre>
 * Not visible: 404; visible but not editable: 403; anonymous: to the login page; an action of another part: 404.
 */
@Path("/parts/{id}/timed-actions")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public final class TimedTaskResource {
    private final Database db;
    private final TimedTaskService service;
    private final TimedTaskViews views;

    @Context
    private HttpServletRequest request;

    public TimedTaskResource(Database db, TimedTaskService service, TimedTaskViews views) {
        this.db = db;
        this.service = service;
        this.views = views;
    }

    @GET
    public View list(@PathParam("id") String id) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        return db.inTransaction(s -> {
            Part part = service.part(s, user, partId);
            List<TimedTask> tasks = service.list(s, part);
            return View.of("timedtask/list.ftlh").with("part", views.part(part))
                    .with("actions", views.rows(tasks, service.history(s, tasks), Instant.now()))
                    .with("types", views.typesFor(part)).with("zone", views.zone())
                    .with("breadcrumbs", TimedTaskViews.breadcrumbs(part, null));
        });
    }

    @GET
    @Path("new")
    public View newForm(@PathParam("id") String id, @QueryParam("type") String type) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        return db.inTransaction(s -> {
            Part part = service.part(s, user, partId);
            TimedTaskType t = service.type(part, type);
            return formView(part, views.newForm(part, t), Map.of(), "New action");
        });
    }

    @POST
    @Path("new")
    public Response create(@PathParam("id") String id, @QueryParam("type") String type) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        ActionInput input = input();
        try {
            TimedTask task = db.inTransaction(s -> service.create(s, user, partId, type, input));
            Flash.success(request, saved(task));
            return Redirects.to(request, "/parts/" + partId + "/timed-actions#action-" + task.getId());
        } catch (FormErrors.Invalid invalid) {
            return db.inTransaction(s -> {
                Part part = service.part(s, user, partId);
                TimedTaskType t = service.type(part, type);
                TimedTaskViews.ActionForm form = views.submitted(part, t, views.newForm(part, t).url(), input, null, "");
                return Response.status(400).entity(formView(part, form, invalid.errors().asMap(), "New action")).build();
            });
        }
    }

    @GET
    @Path("{tid}/edit")
    public View editForm(@PathParam("id") String id, @PathParam("tid") String tid) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        long taskId = parseId(tid);
        return db.inTransaction(s -> {
            Part part = service.part(s, user, partId);
            TimedTask task = service.action(s, part, taskId);
            TimedTaskService.refuseIfRunning(task);
            TimedTaskType type = service.typeOf(task);
            return formView(part, views.editForm(part, task, type, Instant.now()), Map.of(), "Edit #" + taskId);
        });
    }

    @POST
    @Path("{tid}/edit")
    public Response edit(@PathParam("id") String id, @PathParam("tid") String tid,
                         @FormParam("version") String version) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        long taskId = parseId(tid);
        int formVersion = parseVersion(version);
        ActionInput input = input();
        try {
            TimedTask task = db.inTransaction(s -> service.save(s, user, partId, taskId, formVersion, input));
            Flash.success(request, saved(task) + (task.getId() == taskId ? ""
                    : " It is a new action (#" + task.getId() + "); #" + taskId + " stays as it was, with its history."));
            return Redirects.to(request, "/parts/" + partId + "/timed-actions#action-" + task.getId());
        } catch (FormErrors.Invalid invalid) {
            return db.inTransaction(s -> {
                Part part = service.part(s, user, partId);
                TimedTask task = service.action(s, part, taskId);
                TimedTaskType type = service.typeOf(task);
                String replacing = task.getStatus().finished() ? task.getStatus().label() : "";
                TimedTaskViews.ActionForm form = views.submitted(part, type,
                        views.editForm(part, task, type, Instant.now()).url(), input, formVersion, replacing);
                return Response.status(400).entity(formView(part, form, invalid.errors().asMap(), "Edit #" + taskId))
                        .build();
            });
        }
    }

    @GET
    @Path("{tid}/cancel")
    public View cancelForm(@PathParam("id") String id, @PathParam("tid") String tid) {
        return confirmation(id, tid, "cancel");
    }

    @POST
    @Path("{tid}/cancel")
    public Response cancel(@PathParam("id") String id, @PathParam("tid") String tid,
                           @FormParam("version") String version) {
        return confirmed(id, tid, version, service::cancel, " is cancelled: it will not run.", true);
    }

    @GET
    @Path("{tid}/delete")
    public View deleteForm(@PathParam("id") String id, @PathParam("tid") String tid) {
        return confirmation(id, tid, "delete");
    }

    @POST
    @Path("{tid}/delete")
    public Response delete(@PathParam("id") String id, @PathParam("tid") String tid,
                           @FormParam("version") String version) {
        return confirmed(id, tid, version, service::delete, " is deleted, with its history.", false);
    }

    /** What the cancel and delete confirmations do to an action, given the version their page showed. */
    @FunctionalInterface
    private interface Confirmed {
        void apply(org.hibernate.Session s, CurrentUser user, long partId, long taskId, int formVersion);
    }

    private Response confirmed(String id, String tid, String version, Confirmed change, String done,
                               boolean stillListed) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        long taskId = parseId(tid);
        int formVersion = parseVersion(version);
        db.run(s -> change.apply(s, user, partId, taskId, formVersion));
        Flash.success(request, "Action #" + taskId + done);
        return Redirects.to(request, "/parts/" + partId + "/timed-actions" + (stillListed ? "#action-" + taskId : ""));
    }

    // ------------------------------------------------------------------ views and input

    /** The page that says what cancelling or deleting will do; refused at once for a running action. */
    private View confirmation(String id, String tid, String what) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        long taskId = parseId(tid);
        return db.inTransaction(s -> {
            Part part = service.part(s, user, partId);
            TimedTask task = service.action(s, part, taskId);
            TimedTaskService.refuseIfRunning(task);
            if (what.equals("cancel") && task.getStatus().finished()) {
                throw new ClientErrorException("Action #" + taskId + " has already finished ("
                        + task.getStatus().label() + "): there is nothing to cancel.", 409);
            }
            TimedTaskViews.ActionRow row = views.rows(List.of(task), service.history(s, List.of(task)), Instant.now())
                    .get(0);
            return View.of("timedtask/" + what + ".ftlh").with("part", views.part(part)).with("action", row)
                    .with("breadcrumbs", TimedTaskViews.breadcrumbs(part, (what.equals("cancel") ? "Cancel #" : "Delete #")
                            + taskId));
        });
    }

    private View formView(Part part, TimedTaskViews.ActionForm form, Map<String, String> errors, String last) {
        return View.of("timedtask/form.ftlh").with("part", views.part(part)).with("form", form)
                .with("options", form.options()).with("partType", part.getType().label()).with("errors", errors)
                .with("zone", views.zone()).with("breadcrumbs", TimedTaskViews.breadcrumbs(part, last));
    }

    /** Every field of the form (the type reads its own), and which button was pressed. */
    private ActionInput input() {
        MultivaluedMap<String, String> fields = new MultivaluedHashMap<>();
        request.getParameterMap().forEach((name, values) -> fields.put(name, List.of(values)));
        String save = fields.getFirst("save");
        boolean schedule;
        if (save == null || save.equals("schedule")) {
            schedule = true;  // Enter in a field presses the first button, Schedule.
        } else if (save.equals("draft")) {
            schedule = false;
        } else {
            throw new BadRequestException("Press Schedule or Save as draft.");
        }
        return new ActionInput(fields.getFirst("date"), fields.getFirst("time"), fields.getFirst("offset"), fields,
                schedule);
    }

    private static String saved(TimedTask task) {
        if (task.getStatus() == TimedTaskStatus.DRAFT) {
            return "Saved as a draft (#" + task.getId() + "): it will not run until you schedule it.";
        }
        return "Scheduled (#" + task.getId() + "): due " + LocalTimes.relative(task.getDueAt(), Instant.now()) + ".";
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id == null ? "" : id.trim());
        } catch (NumberFormatException e) {
            throw new NotFoundException("There is no page at this address. It may have been moved or deleted.");
        }
    }

    private static int parseVersion(String version) {
        try {
            return Integer.parseInt(version == null ? "" : version.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("The form has no version of the action: open it again from the Timed "
                    + "actions page.");
        }
    }
}
