package org.wte.asset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;
import org.hibernate.Session;
import org.wte.content.Access;
import org.wte.content.ContentAccess;
import org.wte.content.Part;
import org.wte.content.Parts;
import org.wte.db.Database;
import org.wte.web.ByteRanges;
import org.wte.web.CurrentUser;
import org.wte.web.Flash;
import org.wte.web.FormErrors;
import org.wte.web.Redirects;
import org.wte.web.View;

/**
 * A part's assets and templates: the management pages for its editors (list, upload, edit as text,
 * replace, rename, delete, move up and down) and the files themselves for everyone who may view the part.
 *
 * <p>Routes, with {kind} = assets or templates:
 * <pre>
 * GET  /parts/{id}/{kind}                 the list and the upload form (editors)
 * POST /parts/{id}/{kind}                 upload, multipart/form-data, fields file (one or more) and name
 * GET  /parts/{id}/{kind}/{name}          the file (viewers), ETag, 304, sandboxed when active
 * GET|POST /parts/{id}/{kind}/{name}/edit     the text of a text file in a text area
 * GET|POST /parts/{id}/{kind}/{name}/rename
 * GET|POST /parts/{id}/{kind}/{name}/replace  (POST multipart/form-data, field file)
 * GET|POST /parts/{id}/{kind}/{name}/delete   confirmation, then delete
 * POST /parts/{id}/{kind}/{name}/move     direction = up | down
 * </pre>
 * Not visible (no part, no view right): 404. Visible but not editable: 403. Anonymous: to the login page.
 */
@Path("/parts/{id}/{kind: assets|templates}")
@Produces(MediaType.TEXT_HTML)
public final class AssetResource {
    /** Served as they are: the site's CSP stays (Chrome's PDF viewer does not run in a sandbox). */
    private static final String PDF = "application/pdf";
    /** Inline files: no script, nothing loaded but images and media of WTE itself. */
    static final String INLINE_CSP = "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; "
            + "style-src 'unsafe-inline'; frame-ancestors 'self'";
    /** Active files (HTML, SVG, XML, JavaScript, unknown), and every download: a sandbox with nothing allowed. */
    static final String ATTACHMENT_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";
    static final String CACHE_CONTROL = "private, max-age=0, must-revalidate";

    private final Database database;
    private final AssetService assets;
    private final Parts parts;
    private final ContentAccess contentAccess;

    @Context
    private HttpServletRequest request;

    public AssetResource(Database database, AssetService assets, Parts parts, ContentAccess contentAccess) {
        this.database = database;
        this.assets = assets;
        this.parts = parts;
        this.contentAccess = contentAccess;
    }

    // ------------------------------------------------------------------ the list and uploads

    @GET
    public View list(@PathParam("id") String id, @PathParam("kind") String kind) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        return editing(user, id, kind, (s, page) -> listView(s, page, new FormErrors(), ""));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("id") String id, @PathParam("kind") String kind, FormDataMultiPart form) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        String explicitName = text(form, "name").strip();
        List<Upload> uploads = files(form);
        FormErrors errors = new FormErrors();
        if (uploads.isEmpty()) {
            errors.add("file", "Choose a file to upload.");
        } else if (!explicitName.isEmpty() && uploads.size() > 1) {
            errors.add("name", "A name can only be given when you upload one file.");
        }
        try {
            errors.throwIfAny();
            List<String> names = editing(user, id, kind, (s, page) -> {
                List<String> done = new ArrayList<>();
                for (Upload upload : uploads) {
                    String name = uploads.size() == 1 && !explicitName.isEmpty() ? explicitName : upload.name();
                    done.add(assets.upload(s, page.part(), page.kind(), name, upload.data()).getFilename());
                }
                return done;
            });
            Flash.success(request, "Uploaded " + String.join(", ", names) + ".");
            return Redirects.to(request, AssetUrls.list(parsePartId(id), kindOf(kind)));
        } catch (FormErrors.Invalid invalid) {
            View view = editing(user, id, kind, (s, page) -> listView(s, page, invalid.errors(), explicitName));
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE).entity(view).build();
        } catch (AssetService.TooLarge tooLarge) {
            throw new ClientErrorException(tooLarge.getMessage(), 413);
        }
    }

    // ------------------------------------------------------------------ serving

    @GET
    @Path("{name}")
    @Produces(MediaType.WILDCARD)
    public Response serve(@PathParam("id") String id, @PathParam("kind") String kind, @PathParam("name") String name,
                          @QueryParam("download") String download) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        long partId = parsePartId(id);
        AssetKind assetKind = kindOf(kind);
        return database.inTransaction(s -> {
            Part part = parts.byId(s, partId).orElseThrow(AssetResource::noPart);
            if (!contentAccess.of(s, user, part).view()) {
                throw noPart();
            }
            Asset asset = assets.byName(s, part, assetKind, name).orElseThrow(() -> noFile(name));
            if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), asset.etag())) {
                return Response.notModified().header(HttpHeaders.ETAG, asset.etag())
                        .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
            }
            byte[] data = assets.content(s, asset);
            boolean attachment = FileTypes.isActive(asset.getMimeType())
                    || (download != null && !download.equals("0") && !download.equals("false"));
            String type = asset.getMimeType();
            if (FileTypes.isText(type) && FileTypes.utf8(data).isPresent()) {
                type += "; charset=utf-8";
            }
            ByteRanges.Outcome range = ByteRanges.of(request.getHeader("Range"), request.getHeader("If-Range"),
                    asset.etag(), data.length);
            if (range instanceof ByteRanges.Unsatisfiable none) {
                return Response.status(416).type("text/plain; charset=utf-8").header("Content-Range", none.contentRange())
                        .header("Accept-Ranges", "bytes")
                        .entity(none.message(asset.getFilename()) + "\n")
                        .build();
            }
            Response.ResponseBuilder response;
            if (range instanceof ByteRanges.Part bytes) {
                // Seeking in audio and video (Safari plays no video without it).
                byte[] slice = bytes.of(data);
                response = Response.status(206).entity(slice).type(type).header("Content-Range", bytes.contentRange())
                        .header(HttpHeaders.CONTENT_LENGTH, slice.length);
            } else {
                response = Response.ok(data, type).header(HttpHeaders.CONTENT_LENGTH, data.length);
            }
            response.header("Accept-Ranges", "bytes")
                    .header(HttpHeaders.ETAG, asset.etag())
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Disposition", disposition(attachment, asset.getFilename()));
            if (attachment) {
                response.header("Content-Security-Policy", ATTACHMENT_CSP);
            } else if (!asset.getMimeType().equals(PDF)) {
                response.header("Content-Security-Policy", INLINE_CSP);
            }
            return response.build();
        });
    }

    /** If-None-Match: "*" or a list of entity tags, weak ones compared weakly (RFC 9110 13.1.2). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** inline or attachment, with an ASCII fallback name and the exact name in RFC 5987 form. */
    static String disposition(boolean attachment, String filename) {
        StringBuilder ascii = new StringBuilder();
        for (char c : filename.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        return (attachment ? "attachment" : "inline") + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + AssetUrls.segment(filename);
    }

    // ------------------------------------------------------------------ one file

    @GET
    @Path("{name}/edit")
    public View editForm(@PathParam("id") String id, @PathParam("kind") String kind, @PathParam("name") String name) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        return editing(user, id, kind, (s, page) -> {
            Asset asset = file(s, page, name);
            String text = editableText(s, asset);
            return fileView(page, asset, "asset/edit.ftlh", "Edit").with("content", text)
                    .with("base", asset.getSha256()).with("errors", Map.of());
        });
    }

    @POST
    @Path("{name}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response edit(@PathParam("id") String id, @PathParam("kind") String kind, @PathParam("name") String name,
                         @FormParam("content") String content, @FormParam("base") String base) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        String text = content == null ? "" : content;
        try {
            editing(user, id, kind, (s, page) -> assets.editText(s, file(s, page, name), text, base));
            Flash.success(request, "Saved " + name + ".");
            return Redirects.to(request, AssetUrls.list(parsePartId(id), kindOf(kind)));
        } catch (FormErrors.Invalid | AssetService.Conflict e) {
            FormErrors errors = e instanceof FormErrors.Invalid invalid ? invalid.errors()
                    : new FormErrors().add("content", e.getMessage());
            View view = editing(user, id, kind, (s, page) -> {
                Asset asset = file(s, page, name);
                return fileView(page, asset, "asset/edit.ftlh", "Edit").with("content", text)
                        .with("base", asset.getSha256()).with("errors", errors.asMap());
            });
            return Response.status(e instanceof AssetService.Conflict ? 409 : 400).type(MediaType.TEXT_HTML_TYPE)
                    .entity(view).build();
        }
    }

    @GET
    @Path("{name}/rename")
    public View renameForm(@PathParam("id") String id, @PathParam("kind") String kind, @PathParam("name") String name) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        return editing(user, id, kind, (s, page) -> {
            Asset asset = file(s, page, name);
            return fileView(page, asset, "asset/rename.ftlh", "Rename").with("name", asset.getFilename())
                    .with("errors", Map.of());
        });
    }

    @POST
    @Path("{name}/rename")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rename(@PathParam("id") String id, @PathParam("kind") String kind, @PathParam("name") String name,
                           @FormParam("name") String newName) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        String wanted = newName == null ? "" : newName.strip();
        try {
            String renamed = editing(user, id, kind, (s, page) -> assets.rename(s, file(s, page, name), wanted)
                    .getFilename());
            Flash.success(request, "Renamed " + name + " to " + renamed + ".");
            return Redirects.to(request, AssetUrls.list(parsePartId(id), kindOf(kind)));
        } catch (FormErrors.Invalid invalid) {
            View view = editing(user, id, kind, (s, page) -> fileView(page, file(s, page, name), "asset/rename.ftlh",
                    "Rename").with("name", wanted).with("errors", invalid.errors().asMap()));
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE).entity(view).build();
        }
    }

    @GET
    @Path("{name}/replace")
    public View replaceForm(@PathParam("id") String id, @PathParam("kind") String kind, @PathParam("name") String name) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        return editing(user, id, kind, (s, page) -> fileView(page, file(s, page, name), "asset/replace.ftlh", "Replace")
                .with("errors", Map.of()));
    }

    @POST
    @Path("{name}/replace")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response replace(@PathParam("id") String id, @PathParam("kind") String kind, @PathParam("name") String name,
                            FormDataMultiPart form) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        List<Upload> uploads = files(form);
        try {
            if (uploads.size() != 1) {
                throw new FormErrors.Invalid("file", "Choose the one file that replaces " + name + ".");
            }
            editing(user, id, kind, (s, page) -> assets.replace(s, file(s, page, name), uploads.get(0).data()));
            Flash.success(request, "Replaced the content of " + name + ".");
            return Redirects.to(request, AssetUrls.list(parsePartId(id), kindOf(kind)));
        } catch (FormErrors.Invalid invalid) {
            View view = editing(user, id, kind, (s, page) -> fileView(page, file(s, page, name), "asset/replace.ftlh",
                    "Replace").with("errors", invalid.errors().asMap()));
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE).entity(view).build();
        } catch (AssetService.TooLarge tooLarge) {
            throw new ClientErrorException(tooLarge.getMessage(), 413);
        }
    }

    @GET
    @Path("{name}/delete")
    public View deleteForm(@PathParam("id") String id, @PathParam("kind") String kind, @PathParam("name") String name) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        return editing(user, id, kind, (s, page) -> fileView(page, file(s, page, name), "asset/delete.ftlh", "Delete"));
    }

    @POST
    @Path("{name}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") String id, @PathParam("kind") String kind, @PathParam("name") String name) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        editing(user, id, kind, (s, page) -> {
            assets.delete(s, file(s, page, name));
            return null;
        });
        Flash.success(request, "Deleted " + name + ".");
        return Redirects.to(request, AssetUrls.list(parsePartId(id), kindOf(kind)));
    }

    @POST
    @Path("{name}/move")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response move(@PathParam("id") String id, @PathParam("kind") String kind, @PathParam("name") String name,
                         @FormParam("direction") String direction) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        int delta = switch (direction == null ? "" : direction) {
            case "up" -> -1;
            case "down" -> 1;
            default -> throw new BadRequestException("Move a file up or down.");
        };
        editing(user, id, kind, (s, page) -> {
            assets.move(s, file(s, page, name), delta);
            return null;
        });
        return Redirects.to(request, AssetUrls.list(parsePartId(id), kindOf(kind)));
    }

    // ------------------------------------------------------------------ views

    /** The part being managed, its kind of files, and the breadcrumbs up the tree (module first). */
    record Page(Part part, AssetKind kind, List<Map<String, String>> crumbs) {
        String listUrl() {
            return AssetUrls.list(part.getId(), kind);
        }
    }

    /** A row of the list: the file and what the page needs to show it. */
    public record Row(Asset asset, String url, String size, boolean text, boolean first, boolean last) {}

    private View listView(Session s, Page page, FormErrors errors, String name) {
        List<Asset> files = assets.list(s, page.part(), page.kind());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Asset a = files.get(i);
            rows.add(new Row(a, a.url(), Sizes.readable(a.getSize()), a.isText(), i == 0,
                    i == files.size() - 1));
        }
        AssetKind other = page.kind() == AssetKind.ASSET ? AssetKind.TEMPLATE : AssetKind.ASSET;
        List<Map<String, String>> crumbs = new ArrayList<>(page.crumbs());
        crumbs.add(Map.of("label", page.kind().title()));
        return View.of("asset/list.ftlh").with("part", page.part()).with("kind", page.kind())
                .with("listUrl", page.listUrl()).with("otherUrl", AssetUrls.list(page.part().getId(), other))
                .with("other", other).with("rows", rows).with("crumbs", crumbs)
                .with("maxSize", Sizes.readable(assets.maxFileSize())).with("errors", errors.asMap())
                .with("name", name);
    }

    private static View fileView(Page page, Asset asset, String template, String action) {
        List<Map<String, String>> crumbs = new ArrayList<>(page.crumbs());
        crumbs.add(Map.of("label", page.kind().title(), "url", page.listUrl()));
        crumbs.add(Map.of("label", action + " " + asset.getFilename()));
        return View.of(template).with("part", page.part()).with("kind", page.kind()).with("asset", asset)
                .with("url", asset.url()).with("listUrl", page.listUrl()).with("crumbs", crumbs)
                .with("size", Sizes.readable(asset.getSize()));
    }

    // ------------------------------------------------------------------ access and input

    /** Runs the work in one transaction for a user who may edit the part; 404 / 403 otherwise. */
    private <T> T editing(CurrentUser user, String id, String kind, PageWork<T> work) {
        long partId = parsePartId(id);
        AssetKind assetKind = kindOf(kind);
        return database.inTransaction(s -> {
            Part part = parts.byId(s, partId).orElseThrow(AssetResource::noPart);
            Access access = contentAccess.of(s, user, part);
            if (!access.view()) {
                throw noPart();
            }
            if (!access.edit()) {
                throw new ForbiddenException("Only the module's owners can manage its " + assetKind.segment() + ".");
            }
            List<Map<String, String>> crumbs = new ArrayList<>(List.of(Map.of("label", "Modules", "url", "/modules")));
            for (Part p : Parts.path(part)) {
                crumbs.add(Map.of("label", p.getTitle(), "url", "/parts/" + p.getId()));
            }
            return work.apply(s, new Page(part, assetKind, crumbs));
        });
    }

    @FunctionalInterface
    private interface PageWork<T> {
        T apply(Session s, Page page);
    }

    private Asset file(Session s, Page page, String name) {
        return assets.byName(s, page.part(), page.kind(), name).orElseThrow(() -> noFile(name));
    }

    private String editableText(Session s, Asset asset) {
        if (!asset.isText()) {
            throw new BadRequestException("“" + asset.getFilename() + "” is not a text file: it can be replaced, "
                    + "not edited here.");
        }
        return FileTypes.utf8(assets.content(s, asset)).orElseThrow(() -> new BadRequestException("“"
                + asset.getFilename() + "” is not UTF-8 text: it can be replaced, not edited here."));
    }

    private static NotFoundException noPart() {
        return new NotFoundException("There is no page at this address. It may have been moved or deleted.");
    }

    private static NotFoundException noFile(String name) {
        return new NotFoundException("There is no file “" + name + "” here. It may have been renamed or deleted.");
    }

    private static long parsePartId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw noPart();
        }
    }

    private static AssetKind kindOf(String kind) {
        return AssetKind.ofSegment(kind).orElseThrow(AssetResource::noPart);
    }

    /** One uploaded file: the name the browser sent (last path element) and the bytes. */
    record Upload(String name, byte[] data) {}

    /** The files of the field "file", read up to the size limit; file inputs left empty are skipped. */
    private List<Upload> files(FormDataMultiPart form) {
        List<Upload> uploads = new ArrayList<>();
        List<FormDataBodyPart> fields = form == null ? null : form.getFields("file");
        if (fields == null) {
            return uploads;
        }
        for (FormDataBodyPart field : fields) {
            String submitted = field.getContentDisposition() == null ? null : field.getContentDisposition().getFileName();
            String name = FileNames.fromUpload(fixEncoding(submitted));
            byte[] data = read(field, name);
            if (name.isEmpty() && data.length == 0) {
                continue;   // a file input left empty
            }
            uploads.add(new Upload(name, data));
        }
        return uploads;
    }

    private byte[] read(FormDataBodyPart field, String name) {
        long limit = assets.maxFileSize();
        try (InputStream in = field.getEntityAs(InputStream.class)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw new ClientErrorException(new AssetService.TooLarge(name, limit).getMessage(), 413);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text field of the form, UTF-8, or "". */
    private static String text(FormDataMultiPart form, String field) {
        FormDataBodyPart part = form == null ? null : form.getField(field);
        if (part == null) {
            return "";
        }
        try (InputStream in = part.getEntityAs(InputStream.class)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Browsers send a file name as raw UTF-8 bytes in the part's header, which the multipart parser reads
     * as ISO-8859-1: undo that when the bytes are valid UTF-8.
     */
    static String fixEncoding(String name) {
        if (name == null || name.chars().allMatch(c -> c < 0x80) || name.chars().anyMatch(c -> c > 0xff)) {
            return name;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(name.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return name;
        }
    }
}
