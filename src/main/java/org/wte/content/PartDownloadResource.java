package org.wte.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.wte.db.Database;
import org.wte.web.Access;
import org.wte.web.CurrentUser;

/**
 * A part's pages as a ZIP for offline reading ({@link PartDownloads}), for anyone who may see the part.
 * Not visible: 404; anonymous: to the login page.
 */
@Path("/parts/{id}/download")
public final class PartDownloadResource {
    static final String MARKUP_CSS = "/static/css/markup.css";

    private final Database db;
    private final PartDownloads downloads;

    @Context
    private HttpServletRequest request;

    public PartDownloadResource(Database db, PartDownloads downloads) {
        this.db = db;
        this.downloads = downloads;
    }

    @GET
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("id") String id) {
        CurrentUser user = Access.requireUser(request);
        long partId = PartResource.parseId(id);
        // Refused before the first byte, so a refusal is a proper error page, not a broken ZIP.
        String fileName = db.inTransaction(s -> PartDownloads.fileName(downloads.downloadable(s, user, partId)));
        String css = markupCss(request.getServletContext());
        StreamingOutput zip = out -> db.inTransaction(s -> {
            try {
                downloads.write(s, user, downloads.downloadable(s, user, partId), css, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        return Response.ok(zip, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    /** The site's markup.css, from the web application's static files. */
    static String markupCss(ServletContext context) {
        try (InputStream in = context.getResourceAsStream(MARKUP_CSS)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
