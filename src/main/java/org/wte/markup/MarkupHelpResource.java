package org.wte.markup;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.wte.web.View;

/** The teachers' guide to WTE's Markdown, rendered by the same pipeline as their pages. */
@Path("/help/markup")
@Produces(MediaType.TEXT_HTML)
public final class MarkupHelpResource {
    private final String html;

    public MarkupHelpResource(MarkupRenderer renderer) {
        // The guide does not change while WTE runs: render it once.
        this.html = renderer.render(MarkupHelp.markdown(), MarkupContext.NONE).html();
    }

    @GET
    public View guide() {
        return View.of("help/markup.ftlh").with("html", html)
                .with("breadcrumbs", List.of(Map.of("label", "Help"), Map.of("label", "Writing pages")));
    }
}
