package org.wte.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
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
import jakarta.ws.rs.core.Response;
import org.wte.db.Database;
import org.wte.enrolment.ModuleMailer;
import org.wte.markup.MarkupError;
import org.wte.markup.Rendered;
import org.wte.timedtask.PartTimedTasks;
import org.wte.web.Access;
import org.wte.web.CurrentUser;
import org.wte.web.Flash;
import org.wte.web.FormErrors;
import org.wte.web.Redirects;
import org.wte.web.View;

/** A module, part or page: reading it, and for its editors editing, status, children, order and deletion. */
@Path("/parts/{id}")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public final class PartResource {
    private final Database db;
    private final PartService service;
    private final PartViews views;
    private final Parts parts;
    private final MarkupContent markup;
    private final ModuleMailer mailer;
    private final PartTimedTasks timedTasks;
    private final org.wte.progress.PartProgress progress;
    private final org.wte.quiz.QuizResults quizResults;
    private final org.wte.workspace.WorkspacePages workspacePages;

    @Context
    private HttpServletRequest request;

    public PartResource(Database db, PartService service, PartViews views, Parts parts, MarkupContent markup,
                        ModuleMailer mailer, PartTimedTasks timedTasks, org.wte.progress.PartProgress progress,
                        org.wte.quiz.QuizResults quizResults, org.wte.workspace.WorkspacePages workspacePages) {
        this.progress = progress;
        this.quizResults = quizResults;
        this.workspacePages = workspacePages;
        this.mailer = mailer;
        this.timedTasks = timedTasks;
        this.markup = markup;
        this.db = db;
        this.service = service;
        this.views = views;
        this.parts = parts;
    }

    @GET
    public View show(@PathParam("id") String id) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        return db.inTransaction(s -> {
            Part part = service.visible(s, user, partId);
            PartView view = views.view(s, user, request.getContextPath(), part);
            boolean threePanes = org.wte.workspace.WorkspacePages.shows(part);
            View shown = View.of(threePanes ? "workspace/page.ftlh" : "content/part.ftlh").with("part", view)
                    .with("breadcrumbs", view.breadcrumbs())
                    .with("timed", view.access().edit() ? timedTasks.notices(s, part) : PartTimedTasks.Notices.NONE)
                    // Records the reader's visit too, so it runs for text pages and three-pane pages alike.
                    .with("progress", progress.shown(s, user, part))
                    // Only those who may see the quiz results pay for counting the quizzes below.
                    .with("quizCount", view.access().seesEverything() ? quizResults.quizCount(s, part) : 0L);
            // The three panes: the page's text beside the student's files and their live preview.
            return threePanes
                    ? shown.with("workspace", workspacePages.forPage(s, request.getContextPath(), user.id(), part))
                    : shown;
        });
    }

    /** The page picker: a GET form that names a page of this part. */
    @GET
    @Path("go")
    public Response go(@PathParam("id") String id, @QueryParam("page") String page) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        long pageId = parseId(page);
        return db.inTransaction(s -> {
            Part target = service.visible(s, user, pageId);
            if (target.getParent() == null || target.getParent().getId() != partId) {
                throw new NotFoundException("That page is not in this part.");
            }
            return Redirects.to(request, "/parts/" + pageId);
        });
    }

    @GET
    @Path("edit")
    public View editForm(@PathParam("id") String id) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        return db.inTransaction(s -> {
            Part part = service.editable(s, user, partId);
            return editView(views.view(s, user, request.getContextPath(), part), Map.of(), Map.of("title", part.getTitle(),
                    "label", part.getLabel(), "content", part.getContent()));
        });
    }

    @POST
    @Path("edit")
    public Response edit(@PathParam("id") String id, @FormParam("title") String title, @FormParam("label") String label,
                         @FormParam("content") String content, @FormParam("display_mode") String displayMode,
                         @FormParam("stay") String stay, @FormParam("notify") String notify,
                         @FormParam("notify_message") String notifyMessage) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        boolean mailMembers = notify != null;
        try {
            if (mailMembers && (notifyMessage == null || notifyMessage.isBlank() || notifyMessage.length() > 10_000)) {
                throw new FormErrors.Invalid("notify_message",
                        "Write the message for the module's users (at most 10,000 characters).");
            }
            int[] mailed = {0};
            Rendered result = db.inTransaction(s -> {
                Rendered r = service.update(s, user, partId, title, label, content, displayMode);
                if (mailMembers) {
                    // In the same transaction: the mails exist if and only if the change was saved.
                    Part part = s.get(Part.class, partId);
                    mailed[0] = mailer.notifyMembers(s, part.module(), "Changed: " + part.getTitle(), notifyMessage.strip());
                }
                return r;
            });
            if (mailMembers) {
                Flash.info(request, "An e-mail about this change goes to " + mailed[0] + " user(s) of the module.");
            }
            if ("fetch".equals(request.getHeader("X-Requested-With"))) {
                // Ctrl+S in the editor: saved without leaving; the answer lists the text's problems, if any.
                return Response.ok(View.of("content/preview.ftlh").with("problems", result == null ? List.of() : result.errors())
                        .with("html", "")).build();
            }
            if (result != null && result.hasErrors()) {
                Flash.error(request, "Saved, but the text has " + result.errors().size() + " problem(s): "
                        + describe(result.errors()));
            } else {
                Flash.success(request, "Saved.");
            }
            return Redirects.to(request, "/parts/" + partId + (stay != null ? "/edit" : ""));
        } catch (FormErrors.Invalid e) {
            return db.inTransaction(s -> {
                Part part = service.editable(s, user, partId);
                Map<String, String> values = new java.util.HashMap<>();
                values.put("title", title == null ? part.getTitle() : title);
                values.put("label", label == null ? part.getLabel() : label);
                values.put("content", content == null ? part.getContent() : content);
                return Response.status(400).entity(editView(views.view(s, user, request.getContextPath(), part), e.errors().asMap(), values)).build();
            });
        }
    }

    /**
     * The editor's live preview: unsaved Markdown rendered exactly as saving would, as an HTML fragment
     * (the author's problems listed first, with their line numbers). Never a 500 for any text.
     */
    @POST
    @Path("preview")
    public Response preview(@PathParam("id") String id, @FormParam("content") String content) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        if (content != null && content.length() > PartService.MAX_CONTENT) {
            throw new BadRequestException("The text is too long: at most " + PartService.MAX_CONTENT + " characters.");
        }
        return db.inTransaction(s -> {
            Part part = service.editable(s, user, partId);
            Rendered rendered = markup.preview(s, part, content == null ? "" : content);
            return Response.ok(View.of("content/preview.ftlh").with("problems", rendered.errors())
                    .with("html", markup.forReader(s, user, request.getContextPath(), rendered.html()))).build();
        });
    }

    /**
     * Sets the status by hand. When scheduled status changes of this part would undo it later, nothing changes
     * yet: a page says so and asks (the field {@code pending}) whether to cancel them (cancel) or keep them (keep).
     */
    @POST
    @Path("status")
    public Response status(@PathParam("id") String id, @FormParam("status") String status,
                           @FormParam("pending") String pending) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        if (pending != null && !pending.equals("cancel") && !pending.equals("keep")) {
            throw new BadRequestException("Choose whether to cancel the scheduled status changes or keep them.");
        }
        try {
            StatusOutcome change = db.inTransaction(s -> {
                Part part = service.editable(s, user, partId);
                PartStatus target = PartService.statusFor(part, status);
                List<PartTimedTasks.StatusChange> undoing = timedTasks.statusChangesUndoing(s, part, target);
                if (!undoing.isEmpty() && pending == null) {
                    return new StatusOutcome(View.of("content/status.ftlh")
                            .with("part", views.view(s, user, request.getContextPath(), part))
                            .with("newStatus", target.label()).with("undoing", undoing)
                            .with("breadcrumbs", PartViews.breadcrumbs(part, "Status")), null);
                }
                service.setStatus(s, user, partId, status);
                String done = "The status is now " + target.label() + ".";
                if (undoing.isEmpty()) {
                    return new StatusOutcome(null, done);
                }
                if (pending.equals("cancel")) {
                    int n = timedTasks.cancelStatusChangesUndoing(s, part, target, user);
                    return new StatusOutcome(null, done + " The " + (n == 1 ? "scheduled change that would have undone "
                            + "it is" : n + " scheduled changes that would have undone it are") + " cancelled.");
                }
                return new StatusOutcome(null, done + " The scheduled change" + (undoing.size() == 1 ? " stays" : "s stay")
                        + ": on " + undoing.get(0).notice().when() + " it will become " + undoing.get(0).statusLabel()
                        + ".");
            });
            if (change.confirmation() != null) {
                return Response.ok(change.confirmation()).build();
            }
            // After the commit: a refused change (409) leaves no "done" message behind.
            Flash.success(request, change.message());
        } catch (FormErrors.Invalid e) {
            Flash.error(request, String.join(" ", e.errors().asMap().values()));
        }
        return Redirects.to(request, "/parts/" + partId);
    }

    /** A status change's outcome: the page that asks about scheduled changes, or the message of one made. */
    private record StatusOutcome(View confirmation, String message) {}

    @GET
    @Path("new")
    public View newChildForm(@PathParam("id") String id, @QueryParam("before") String before,
                             @QueryParam("after") String after) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        return db.inTransaction(s -> {
            Part part = service.editable(s, user, partId);
            if (part.getType().childType() == null) {
                throw new NotFoundException("A page cannot hold other pages.");
            }
            return newChildView(part, Map.of(), Map.of("label", ""), before, after);
        });
    }

    @POST
    @Path("new")
    public Response newChild(@PathParam("id") String id, @FormParam("title") String title,
                             @FormParam("label") String label, @FormParam("before") String before,
                             @FormParam("after") String after) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        Long beforeId = optionalId(before);
        Long afterId = optionalId(after);
        try {
            long childId = db.inTransaction(s -> service.createChild(s, user, partId, title, label, beforeId, afterId)
                    .getId());
            Flash.success(request, "Created. It is unavailable to students until you make it available.");
            return Redirects.to(request, "/parts/" + childId + "/edit");
        } catch (FormErrors.Invalid e) {
            return db.inTransaction(s -> Response.status(400).entity(newChildView(service.editable(s, user, partId),
                    e.errors().asMap(), Map.of("title", title == null ? "" : title, "label", label == null ? "" : label),
                    before, after)).build());
        }
    }

    /** The new order of the children, from drag and drop: every child id once, in the new order. */
    @POST
    @Path("reorder")
    public Response reorder(@PathParam("id") String id, @FormParam("order") List<String> order) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        List<Long> ids = new ArrayList<>();
        for (String o : order == null ? List.<String>of() : order) {
            for (String piece : o.split(",")) {
                if (!piece.isBlank()) {
                    ids.add(parseFormId(piece));
                }
            }
        }
        try {
            db.run(s -> service.reorder(s, user, partId, ids));
        } catch (FormErrors.Invalid e) {
            throw new BadRequestException(String.join(" ", e.errors().asMap().values()));
        }
        if ("fetch".equals(request.getHeader("X-Requested-With"))) {
            return Response.noContent().build();
        }
        Flash.success(request, "The new order is saved.");
        return Redirects.to(request, "/parts/" + partId);
    }

    /** Moves one child up or down: the keyboard-accessible reorder. */
    @POST
    @Path("children/{child}/move")
    public Response move(@PathParam("id") String id, @PathParam("child") String child,
                         @FormParam("direction") String direction) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        long childId = parseId(child);
        int delta = switch (direction == null ? "" : direction) {
            case "up" -> -1;
            case "down" -> 1;
            default -> throw new BadRequestException("The direction must be up or down.");
        };
        db.run(s -> service.move(s, user, partId, childId, delta));
        return Response.seeOther(java.net.URI.create(request.getContextPath() + "/parts/" + partId + "#child-" + childId))
                .build();
    }

    @GET
    @Path("delete")
    public View deleteForm(@PathParam("id") String id) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        return db.inTransaction(s -> {
            Part part = service.editable(s, user, partId);
            List<Long> subtree = parts.subtree(s, part);
            return View.of("content/delete.ftlh").with("part", views.view(s, user, request.getContextPath(), part))
                    .with("below", (long) subtree.size() - 1)
                    .with("cancelledActions", timedTasks.notYetRun(s, subtree))
                    .with("breadcrumbs", PartViews.breadcrumbs(part, "Delete"));
        });
    }

    @POST
    @Path("delete")
    public Response delete(@PathParam("id") String id) {
        CurrentUser user = Access.requireUser(request);
        long partId = parseId(id);
        Long parentId = db.inTransaction(s -> {
            Part parent = service.delete(s, user, partId);
            return parent == null ? null : parent.getId();
        });
        Flash.success(request, "Deleted, with everything it held.");
        return Redirects.to(request, parentId == null ? "/modules?view=mine" : "/parts/" + parentId);
    }

    private View editView(PartView part, Map<String, String> errors, Map<String, String> values) {
        return View.of("content/edit.ftlh").with("part", part).with("errors", errors).with("values", values)
                .with("breadcrumbs", PartViews.withLast(part.breadcrumbs(), part.id(), "Edit"));
    }

    private View newChildView(Part parent, Map<String, String> errors, Map<String, String> values, String before,
                              String after) {
        return View.of("content/new.ftlh").with("parent", Map.of("id", parent.getId(), "title", parent.getTitle(),
                        "childType", parent.getType().childType().label()))
                .with("errors", errors).with("values", values)
                .with("before", before == null ? "" : before).with("after", after == null ? "" : after)
                .with("breadcrumbs", PartViews.breadcrumbs(parent, "New " + parent.getType().childType().label()));
    }

    static String describe(List<MarkupError> problems) {
        StringBuilder sb = new StringBuilder();
        for (MarkupError p : problems) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(p.line() > 0 ? "line " + p.line() + ": " : "").append(p.message());
        }
        return sb.toString();
    }

    static long parseId(String id) {
        return org.wte.web.PathIds.of(id);
    }

    private static long parseFormId(String id) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("'" + id + "' is not an id.");
        }
    }

    private static Long optionalId(String id) {
        return id == null || id.isBlank() ? null : parseFormId(id);
    }
}
