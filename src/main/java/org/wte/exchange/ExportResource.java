package org.wte.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.StreamingOutput;
import org.wte.content.Part;
import org.wte.content.PartService;
import org.wte.content.PartViews;
import org.wte.db.Database;
import org.wte.web.Access;
import org.wte.web.CurrentUser;
import org.wte.web.View;

/**
 * The export of a module, part or page, for its editors: a form (timed actions or not, and the date they count
 * from), then the ZIP as a download.
 */
@Path("/parts/{id}/export")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public final class ExportResource {
    private final Database db;
    private final PartService parts;
    private final ExchangeService exchange;

    @Context
    private HttpServletRequest request;

    public ExportResource(Database db, PartService parts, ExchangeService exchange) {
        this.db = db;
        this.parts = parts;
        this.exchange = exchange;
    }

    @GET
    public View form(@PathParam("id") String id) {
        CurrentUser user = Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        return db.inTransaction(s -> {
            Part part = parts.editable(s, user, partId);
            Map<String, String> values = new HashMap<>();
            values.put("reference_date", exchange.exporter().defaultReferenceDate(s, part).toString());
            values.put("include_actions", "");
            return view(s, part, values, Map.of());
        });
    }

    @POST
    @Produces({"application/zip", MediaType.TEXT_HTML})
    public Response export(@PathParam("id") String id, @FormParam("include_actions") String includeActions,
                           @FormParam("reference_date") String referenceDate) {
        CurrentUser user = Access.requireUser(request);
        long partId = org.wte.web.PathIds.of(id);
        LocalDate date = null;
        if (includeActions != null) {
            try {
                date = LocalDate.parse(referenceDate == null ? "" : referenceDate.strip());
            } catch (DateTimeParseException e) {
                Map<String, String> values = new HashMap<>();
                values.put("reference_date", referenceDate == null ? "" : referenceDate);
                values.put("include_actions", "yes");
                return Response.status(400).type(MediaType.TEXT_HTML_TYPE).entity(db.inTransaction(s -> view(s,
                        parts.editable(s, user, partId), values, Map.of("reference_date",
                                "Enter the reference date as a date, such as 2026-09-07.")))).build();
            }
        }
        ExchangeService.Export export = exchange.export(user, partId, date);
        StreamingOutput body = out -> {
            try {
                Files.copy(export.file(), out);
            } finally {
                Files.deleteIfExists(export.file());
            }
        };
        try {
            return Response.ok(body, "application/zip")
                    .header("Content-Length", Files.size(export.file()))
                    .header("Content-Disposition", "attachment; filename=\"" + export.fileName() + "\"")
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private View view(org.hibernate.Session s, Part part, Map<String, String> values, Map<String, String> errors) {
        return View.of("exchange/export.ftlh")
                .with("target", Map.of("id", part.getId(), "title", part.getTitle(), "type", part.getType().label()))
                .with("actions", exchange.exporter().timedActions(s, part))
                .with("values", values).with("errors", errors)
                .with("breadcrumbs", PartViews.breadcrumbs(part, "Export"));
    }

}
