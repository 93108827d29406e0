package org.wte.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Consumes;
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
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;
import org.wte.account.Permission;
import org.wte.asset.Sizes;
import org.wte.content.Part;
import org.wte.content.PartService;
import org.wte.content.PartType;
import org.wte.content.PartViews;
import org.wte.db.Database;
import org.wte.web.Access;
import org.wte.web.CurrentUser;
import org.wte.web.Redirects;
import org.wte.web.View;

/**
 * The import pages: the form (as a new module, from the modules page, or into a module or part, from its
 * editor bar), the upload, and the report of what was adjusted. The upload is multipart (its CSRF token in the
 * action's query); it works without JavaScript, and with it shows the upload's progress (static/js/import.js).
 * A report is kept in the session and shown at its own address, so reloading it imports nothing again.
 */
@Path("/imports")
@Produces(MediaType.TEXT_HTML)
public final class ImportResource {
    static final String REPORTS = "wte.importReports";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final PartService parts;
    private final ExchangeService exchange;

    @Context
    private HttpServletRequest request;

    public ImportResource(Database db, PartService parts, ExchangeService exchange) {
        this.db = db;
        this.parts = parts;
        this.exchange = exchange;
    }

    @GET
    @Path("new")
    public View form(@QueryParam("into") String into) {
        CurrentUser user = Access.requireUser(request);
        return view(user, parseInto(into), Map.of(), "");
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@QueryParam("into") String into, FormDataMultiPart form) {
        CurrentUser user = Access.requireUser(request);
        Long parentId = parseInto(into);
        String dateText = text(form, "reference_date").strip();
        LocalDate date = null;
        if (!dateText.isEmpty()) {
            try {
                date = LocalDate.parse(dateText);
            } catch (DateTimeParseException e) {
                return invalid(user, parentId, "reference_date", "Enter the new reference date as a date, such as "
                        + "2026-09-07, or leave it empty.", dateText);
            }
        }
        FormDataBodyPart file = form == null ? null : form.getField("file");
        String fileName = file == null || file.getContentDisposition() == null ? null
                : file.getContentDisposition().getFileName();
        if (file == null || fileName == null || fileName.isEmpty()) {
            return invalid(user, parentId, "file", "Choose the ZIP file to import.", dateText);
        }
        ImportReport report;
        try (InputStream in = file.getEntityAs(InputStream.class)) {
            report = exchange.importFile(in, user, parentId, date);
        } catch (ImportProblem e) {
            return invalid(user, parentId, "file", e.getMessage(), dateText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Redirects.to(request, "/imports/" + keep(report));
    }

    @GET
    @Path("{key}")
    public View report(@PathParam("key") String key) {
        Access.requireUser(request);
        ImportReport report = reports(request.getSession(false)).get(key);
        if (report == null) {
            throw new NotFoundException("This import report is no longer here: reports are kept only for the "
                    + "session in which the import ran.");
        }
        return View.of("exchange/report.ftlh").with("report", report)
                .with("breadcrumbs", List.of(Map.of("label", "Modules", "url", "/modules"),
                        Map.of("label", report.rootTitle(), "url", "/parts/" + report.rootId()),
                        Map.of("label", "Import report")));
    }

    private Response invalid(CurrentUser user, Long parentId, String field, String message, String date) {
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                .entity(view(user, parentId, Map.of(field, message), date)).build();
    }

    /** The form: into a part the user may edit (a module or part), or as a new module for those who may create. */
    private View view(CurrentUser user, Long parentId, Map<String, String> errors, String date) {
        View view = View.of("exchange/import.ftlh").with("errors", errors)
                .with("values", Map.of("reference_date", date))
                .with("maxSize", Sizes.readable(exchange.maxImportSize()));
        if (parentId == null) {
            if (!user.can(Permission.MODULES_CREATE)) {
                throw new jakarta.ws.rs.ForbiddenException("Only teachers may create modules.");
            }
            return view.with("target", Map.of("id", 0L, "title", "", "type", "", "accepts", "a module"))
                    .with("action", "/imports")
                    .with("breadcrumbs", List.of(Map.of("label", "Modules", "url", "/modules"),
                            Map.of("label", "Import a module")));
        }
        return db.inTransaction(s -> {
            Part parent = parts.editable(s, user, parentId);
            if (parent.getType() == PartType.PAGE) {
                throw new NotFoundException("A page cannot hold other pages: import a page into its part.");
            }
            return view.with("target", Map.of("id", parent.getId(), "title", parent.getTitle(),
                            "type", parent.getType().label(),
                            "accepts", parent.getType() == PartType.MODULE ? "a part" : "a page"))
                    .with("action", "/imports?into=" + parent.getId())
                    .with("breadcrumbs", PartViews.breadcrumbs(parent, "Import"));
        });
    }

    private String keep(ImportReport report) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        String key = HexFormat.of().formatHex(bytes);
        HttpSession session = request.getSession();
        synchronized (session) {
            Map<String, ImportReport> reports = new LinkedHashMap<>(reports(session));
            reports.put(key, report);
            while (reports.size() > 10) {
                reports.remove(reports.keySet().iterator().next());
            }
            session.setAttribute(REPORTS, reports);
        }
        return key;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ImportReport> reports(HttpSession session) {
        Object reports = session == null ? null : session.getAttribute(REPORTS);
        return reports instanceof Map<?, ?> map ? (Map<String, ImportReport>) map : Map.of();
    }

    private static Long parseInto(String into) {
        if (into == null || into.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(into.strip());
        } catch (NumberFormatException e) {
            throw new NotFoundException("There is no such page.");
        }
    }

    private static String text(FormDataMultiPart form, String field) {
        FormDataBodyPart part = form == null ? null : form.getField(field);
        if (part == null) {
            return "";
        }
        try (InputStream in = part.getEntityAs(InputStream.class)) {
            return new String(in.readNBytes(1000), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
