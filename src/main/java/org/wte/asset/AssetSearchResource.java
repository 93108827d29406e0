package org.wte.asset;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.wte.content.Access;
import org.wte.content.ContentAccess;
import org.wte.content.Part;
import org.wte.content.Parts;
import org.wte.db.Database;
import org.wte.web.CurrentUser;

/**
 * The page editor's asset search: {@code GET /parts/{id}/assets.json?q=text} lists the files the part's
 * text can refer to by name (its own, then its ancestors', each name once, nearest first, as
 * {@link AssetLookup#visibleNames} resolves them) whose name contains q, ignoring case. For editors only.
 */
@Path("/parts/{id}/assets.json")
@Produces(MediaType.APPLICATION_JSON)
public final class AssetSearchResource {
    static final int MAX_RESULTS = 200;

    private final Database database;
    private final AssetLookup lookup;
    private final Parts parts;
    private final ContentAccess contentAccess;

    @Context
    private HttpServletRequest request;

    public AssetSearchResource(Database database, AssetLookup lookup, Parts parts, ContentAccess contentAccess) {
        this.database = database;
        this.lookup = lookup;
        this.parts = parts;
        this.contentAccess = contentAccess;
    }

    /** One hit: url includes the context path, so the editor can use it as it is. */
    public record Hit(@JsonProperty("name") String name, @JsonProperty("url") String url,
                      @JsonProperty("isImage") boolean isImage, @JsonProperty("from") String from,
                      @JsonProperty("kind") String kind) {}

    @GET
    public List<Hit> search(@PathParam("id") String id, @QueryParam("q") String q) {
        CurrentUser user = org.wte.web.Access.requireUser(request);
        long partId;
        try {
            partId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException();
        }
        String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        String base = request.getContextPath();
        return database.inTransaction(s -> {
            Part part = parts.byId(s, partId).orElseThrow(NotFoundException::new);
            Access access = contentAccess.of(s, user, part);
            if (!access.view()) {
                throw new NotFoundException();
            }
            if (!access.edit()) {
                throw new ForbiddenException("Only the module's owners can search its files.");
            }
            return lookup.visibleNames(s, part).stream()
                    .filter(v -> v.name().toLowerCase(Locale.ROOT).contains(needle))
                    .limit(MAX_RESULTS)
                    .map(v -> new Hit(v.name(), base + v.url(), v.isImage(), v.from(), v.kind().label()))
                    .toList();
        });
    }
}
