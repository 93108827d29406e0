package org.wte.workspace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hibernate.Session;
import org.wte.account.User;
import org.wte.asset.Asset;
import org.wte.content.Part;
import org.wte.content.PartService;
import org.wte.content.PartType;
import org.wte.content.PartViews;
import org.wte.content.Parts;
import org.wte.db.Database;
import org.wte.web.Csrf;
import org.wte.web.CurrentUser;
import org.wte.web.View;

/**
 * A student's workspace in a part, as JSON for the editor (workspace.js): list, save with a version check,
 * add, delete, reset from the templates, download as a ZIP. Students only ever reach their own workspace
 * (the user comes from the session, never from the URL). Tutors and owners read any student's workspace
 * under {@code users/{userId}}, read-only.
 */
@Path("/parts/{id}/workspace")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public final class WorkspaceResource {
    private final Database db;
    private final WorkspaceService service;
    private final WorkspacePages pages;
    private final Workspaces store;
    private final TemplateFiles templates;
    private final PartService parts;
    private final Parts partTree;
    private final PreviewLinks links;

    @Context
    private HttpServletRequest request;

    public WorkspaceResource(Database db, WorkspaceService service, WorkspacePages pages, Workspaces store,
                             TemplateFiles templates, PartService parts, Parts partTree,
                             PreviewLinks links) {
        this.db = db;
        this.service = service;
        this.pages = pages;
        this.store = store;
        this.templates = templates;
        this.parts = parts;
        this.partTree = partTree;
        this.links = links;
    }

    // ------------------------------------------------------------------ the student's own workspace

    /** The files (made from the templates on the first call), the templates to add, the limits. */
    @GET
    @Path("files")
    public Response list(@PathParam("id") String id) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        return json(() -> {
            Workspace workspace = own(user, partId);
            return db.inTransaction(s -> Response.ok(listing(s, workspace, s.get(Part.class, partId))).build());
        });
    }

    @POST
    @Path("files")
    public Response create(@PathParam("id") String id, @FormParam("name") String name) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        return json(() -> {
            Workspace workspace = own(user, partId);
            String n = name == null ? "" : name.strip();
            return db.inTransaction(s -> Response.status(201)
                    .entity(file(service.create(s, service.attach(s, workspace), n, ""), user.id(), partId)).build());
        });
    }

    /**
     * Saves one file: {@code version} is the version the text was edited from. 200 {version, previewUrl};
     * 409 {version, content} when another save came first (nothing is overwritten); 413/400 {error}.
     * {@code preview} names the HTML file the editor shows, for the fresh preview URL.
     */
    @POST
    @Path("files/{name}")
    public Response save(@PathParam("id") String id, @PathParam("name") String name, @FormParam("content") String content,
                         @FormParam("version") String version, @FormParam("preview") String preview) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        return json(() -> {
            if (content == null) {
                throw new WorkspaceLimitException(400, "The request has no content to save.");
            }
            int base = versionOf(version);
            Workspace workspace = own(user, partId);
            WorkspaceService.SaveOutcome outcome = db.inTransaction(
                    s -> service.save(s, service.attach(s, workspace), name, content, base));
            if (outcome instanceof WorkspaceService.Conflict conflict) {
                return Response.status(409).entity(Map.of("version", conflict.version(), "content", conflict.content(),
                        "error", "This file was saved meanwhile from another tab or window.")).build();
            }
            WorkspaceService.Saved saved = (WorkspaceService.Saved) outcome;
            String shown = preview == null || preview.isBlank() ? name : preview;
            return Response.ok(Map.of("version", saved.version(),
                    "previewUrl", links.url(request.getContextPath(), user.id(), partId, shown))).build();
        });
    }

    @POST
    @Path("files/{name}/delete")
    public Response delete(@PathParam("id") String id, @PathParam("name") String name) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        return json(() -> {
            Workspace workspace = own(user, partId);
            db.run(s -> service.delete(s, service.attach(s, workspace), name));
            return Response.ok(Map.of("deleted", name)).build();
        });
    }

    /** The file under another name ({@code to}); {@code version} is the version the editor shows. */
    @POST
    @Path("files/{name}/rename")
    public Response rename(@PathParam("id") String id, @PathParam("name") String name, @FormParam("to") String to,
                           @FormParam("version") String version) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        return json(() -> {
            int shown = versionOf(version);
            String target = to == null ? "" : to.strip();
            Workspace workspace = own(user, partId);
            return db.inTransaction(s -> {
                Workspace attached = service.attach(s, workspace);
                Part part = s.get(Part.class, partId);
                Map<String, Object> body = file(service.rename(s, attached, part, name, target, shown), user.id(), partId);
                // A template of the old name is now one the workspace has no file for: the editor offers it.
                body.put("newTemplates", offers(service.listing(s, attached, part).newTemplates(), partId));
                return Response.ok(body).build();
            });
        });
    }

    /** The file back to its template (reset, or update from a changed template), or a new template added. */
    @POST
    @Path("files/{name}/reset")
    public Response reset(@PathParam("id") String id, @PathParam("name") String name) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        return json(() -> {
            Workspace workspace = own(user, partId);
            return db.inTransaction(s -> Response.ok(file(service.fromTemplate(s, service.attach(s, workspace),
                    s.get(Part.class, partId), name), user.id(), partId)).build());
        });
    }

    @POST
    @Path("reset")
    public Response resetAll(@PathParam("id") String id) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        return json(() -> {
            Workspace workspace = own(user, partId);
            return db.inTransaction(s -> {
                service.resetAll(s, service.attach(s, workspace), s.get(Part.class, partId));
                return Response.ok(listing(s, s.get(Workspace.class, workspace.getId()), s.get(Part.class, partId)))
                        .build();
            });
        });
    }

    @GET
    @Path("download")
    @Produces("application/zip")
    public Response download(@PathParam("id") String id) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        Workspace workspace = own(user, partId);
        return db.inTransaction(s -> zip(s, s.get(Workspace.class, workspace.getId()), s.get(Part.class, partId)));
    }

    // ------------------------------------------------------------------ tutors and owners, read-only

    /**
     * One student's workspace in a part, read-only with its preview. On a module: the module's parts with
     * a workspace, each linking to this student's.
     */
    @GET
    @Path("users/{userId}")
    @Produces(MediaType.TEXT_HTML)
    public View studentPage(@PathParam("id") String id, @PathParam("userId") String userId) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        long studentId = org.wte.web.PathIds.of(userId);
        return db.inTransaction(s -> {
            Part part = readable(s, user, partId, true);
            User student = student(s, studentId);
            String name = student.getDisplayName() + " (" + student.getEmail() + ")";
            if (part.getType() == PartType.MODULE) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Part p : partTree.children(s, part)) {
                    if (WorkspacePages.hasWorkspace(s, p)) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("id", p.getId());
                        row.put("title", p.getTitle());
                        row.put("files", store.find(s, studentId, p.getId()).map(w -> (long) store.files(s, w).size())
                                .orElse(-1L));
                        rows.add(row);
                    }
                }
                return View.of("workspace/parts.ftlh").with("student", name).with("studentId", studentId)
                        .with("rows", rows).with("breadcrumbs", PartViews.breadcrumbs(part, "Workspaces of " + name));
            }
            boolean exists = store.find(s, studentId, partId).isPresent();
            return View.of("workspace/student.ftlh").with("student", name).with("exists", exists)
                    .with("workspace", pages.forReader(s, request.getContextPath(), studentId, name, part))
                    .with("breadcrumbs", PartViews.breadcrumbs(part, "Workspace of " + name));
        });
    }

    @GET
    @Path("users/{userId}/files")
    public Response studentFiles(@PathParam("id") String id, @PathParam("userId") String userId) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        long studentId = org.wte.web.PathIds.of(userId);
        return json(() -> db.inTransaction(s -> {
            readable(s, user, partId, false);
            student(s, studentId);
            List<Map<String, Object>> files = store.find(s, studentId, partId)
                    .map(w -> service.files(s, w).stream().map(f -> file(f, studentId, partId)).toList())
                    .orElse(List.of());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("files", files);
            body.put("newTemplates", List.of());
            body.put("readOnly", true);
            return Response.ok(body).build();
        }));
    }

    @GET
    @Path("users/{userId}/download")
    @Produces("application/zip")
    public Response studentDownload(@PathParam("id") String id, @PathParam("userId") String userId) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        long studentId = org.wte.web.PathIds.of(userId);
        return db.inTransaction(s -> {
            Part part = readable(s, user, partId, false);
            student(s, studentId);
            Workspace workspace = store.find(s, studentId, partId)
                    .orElseThrow(() -> new NotFoundException("This student has not opened this workspace yet."));
            return zip(s, workspace, part);
        });
    }

    // ------------------------------------------------------------------ shared

    /**
     * The caller's own workspace in a part they may see, made on first use; 404 for a part they may not
     * see or one without a workspace.
     */
    private Workspace own(CurrentUser user, long partId) {
        // Every save passes here: one transaction checks and finds; only a first visit goes on to create.
        Optional<Workspace> existing = db.inTransaction(s -> {
            Part part = parts.visible(s, user, partId);
            if (!WorkspacePages.hasWorkspace(s, part)) {
                throw new NotFoundException("This part has no workspace.");
            }
            return store.find(s, user.id(), partId);
        });
        return existing.orElseGet(() -> service.open(user.id(), partId));
    }

    /** A part a tutor, owner or content administrator may read students' workspaces in. */
    private Part readable(Session s, CurrentUser user, long partId, boolean moduleToo) {
        Part part = parts.forTeachers(s, user, partId, "Only the module's tutors and owners may see students' workspaces.");
        boolean ok = moduleToo && part.getType() == PartType.MODULE || WorkspacePages.hasWorkspace(s, part);
        if (!ok) {
            throw new NotFoundException("This part has no workspace.");
        }
        return part;
    }

    private static User student(Session s, long studentId) {
        User student = s.get(User.class, studentId);
        if (student == null) {
            throw new NotFoundException("There is no such user.");
        }
        return student;
    }

    private Map<String, Object> listing(Session s, Workspace workspace, Part part) {
        WorkspaceService.Listing listing = service.listing(s, workspace, part);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("files", listing.files().stream().map(f -> file(f, workspace.getUserId(), part.getId())).toList());
        body.put("newTemplates", offers(listing.newTemplates(), part.getId()));
        body.put("maxFileSize", service.limits().maxFileSize());
        body.put("maxFiles", service.limits().maxFiles());
        body.put("previewLinkMinutes", service.limits().previewLinkMinutes());
        // The session's token: after logging in again (a new session) the editor takes the new one from here.
        body.put("csrf", Csrf.token(request));
        body.put("readOnly", false);
        return body;
    }

    /** Templates the workspace has no file for, each with the address that adds it. */
    private List<Map<String, String>> offers(List<String> templateNames, long partId) {
        String api = request.getContextPath() + "/parts/" + partId + "/workspace/files/";
        return templateNames.stream().map(n -> Map.of("name", n, "addUrl", api + segment(n) + "/reset")).toList();
    }

    private static int versionOf(String version) {
        try {
            return Integer.parseInt(version == null ? "" : version.trim());
        } catch (NumberFormatException e) {
            throw new WorkspaceLimitException(400, "The request does not say which version was edited.");
        }
    }

    private Map<String, Object> file(WorkspaceService.FileState f, long userId, long partId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("version", f.version());
        m.put("content", f.content());
        m.put("size", f.size());
        m.put("template", f.template());
        m.put("previewUrl", links.url(request.getContextPath(), userId, partId, f.name()));
        String url = request.getContextPath() + "/parts/" + partId + "/workspace/files/" + segment(f.name());
        m.put("saveUrl", url);
        m.put("deleteUrl", url + "/delete");
        m.put("resetUrl", url + "/reset");
        m.put("renameUrl", url + "/rename");
        return m;
    }

    private Response zip(Session s, Workspace workspace, Part part) {
        Map<String, byte[]> files = WorkspaceArchive.files();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (WorkspaceFile f : store.files(s, workspace)) {
            files.put(f.getFilename(), f.getContent().getBytes(StandardCharsets.UTF_8));
            names.add(org.wte.asset.FileNames.key(f.getFilename()));
        }
        // Pictures and other binary templates are not copied into workspaces; the download carries them so
        // that the site works on the student's own computer too.
        for (Asset a : templates.binaries(s, part)) {
            if (names.add(org.wte.asset.FileNames.key(a.getFilename()))) {
                files.put(a.getFilename(), templates.bytes(s, a));
            }
        }
        String zipName = WorkspaceArchive.zipName(part.getTitle());
        return Response.ok(WorkspaceArchive.zip(files), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + ascii(zipName) + "\"; filename*=UTF-8''"
                        + java.net.URLEncoder.encode(zipName, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    /** A file name as one path segment (spaces as %20, never "+"). */
    private static String segment(String name) {
        return java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String ascii(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        return sb.toString();
    }

    /** Expected refusals as JSON {error} with their status, for the editor to show. */
    private static Response json(Supplier<Response> work) {
        try {
            return work.get();
        } catch (WorkspaceLimitException e) {
            return error(e.status(), e.getMessage());
        } catch (NotFoundException e) {
            return error(404, e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? "Not found." : e.getMessage());
        } catch (ForbiddenException e) {
            return error(403, e.getMessage());
        }
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message)).build();
    }

}
