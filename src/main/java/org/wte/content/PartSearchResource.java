package org.wte.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.wte.db.Database;
import org.wte.web.Access;
import org.wte.web.CurrentUser;

/**
 * The editor's cross-reference search: {@code GET /parts/{id}/xrefs.json?q=text} lists parts and pages
 * whose title contains the text and that the author may see, for inserting {@code [](part:ID)}.
 */
@Path("/parts/{id}/xrefs.json")
@Produces(MediaType.APPLICATION_JSON)
public final class PartSearchResource {
    static final int MAX_RESULTS = 20;

    private final Database db;
    private final PartService service;
    private final ContentAccess access;

    @Context
    private HttpServletRequest request;

    public PartSearchResource(Database db, PartService service, ContentAccess access) {
        this.db = db;
        this.service = service;
        this.access = access;
    }

    public record Hit(@JsonProperty("id") long id, @JsonProperty("title") String title,
                      @JsonProperty("type") String type, @JsonProperty("path") String path) {}

    @GET
    public List<Hit> search(@PathParam("id") String id, @QueryParam("q") String q) {
        CurrentUser user = Access.requireUser(request);
        long partId = PartResource.parseId(id);
        String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        return db.inTransaction(s -> {
            service.editable(s, user, partId);
            String like = "%" + needle.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            List<Hit> hits = new ArrayList<>();
            for (Part p : s.createQuery("from Part p where lower(p.title) like :q escape '!' order by p.id", Part.class)
                    .setParameter("q", like).setMaxResults(500).list()) {
                if (hits.size() >= MAX_RESULTS) {
                    break;
                }
                if (access.of(s, user, p).view()) {
                    String path = String.join(" › ", Parts.path(p).stream().map(Part::getTitle).toList());
                    hits.add(new Hit(p.getId(), p.getTitle(), p.getType().label(), path));
                }
            }
            return hits;
        });
    }
}
