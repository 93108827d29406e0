package org.wte.help;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.wte.web.View;

/** The help: its index, one topic, and search. Anyone may read it, logged in or not. */
@Path("/help")
@Produces(MediaType.TEXT_HTML)
public final class HelpResource {
    private final HelpTopics topics;
    private final HelpSearch search;

    @Context
    private HttpServletRequest request;

    public HelpResource(HelpTopics topics, HelpSearch search) {
        this.topics = topics;
        this.search = search;
    }

    @GET
    public View index() {
        return View.of("help/index.ftlh").with("groups", topics.groups()).with("q", "")
                .with("breadcrumbs", List.of(Map.of("label", "Help")));
    }

    @GET
    @Path("search")
    public View search(@QueryParam("q") String q) {
        if (q != null && q.length() > HelpSearch.MAX_QUERY) {
            throw new BadRequestException("The search is too long: at most " + HelpSearch.MAX_QUERY + " characters.");
        }
        if (HelpSearch.words(q).isEmpty()) {
            return index();
        }
        return View.of("help/search.ftlh").with("q", q.strip()).with("results", search.search(q))
                .with("breadcrumbs", List.of(Map.of("label", "Help", "url", "/help"), Map.of("label", "Search")));
    }

    @GET
    @Path("{topic}")
    public View topic(@PathParam("topic") String id) {
        HelpTopic topic = topics.byId(id)
                .orElseThrow(() -> new NotFoundException("There is no help topic of that name."));
        List<HelpTopic> related = topics.all().stream()
                .filter(t -> t.audience() == topic.audience() && !t.id().equals(topic.id())).toList();
        return View.of("help/topic.ftlh").with("topic", topic.at(request.getContextPath())).with("related", related).with("q", "")
                .with("breadcrumbs", List.of(Map.of("label", "Help", "url", "/help"), Map.of("label", topic.title())));
    }
}
