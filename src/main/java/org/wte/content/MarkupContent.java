package org.wte.content;

import java.util.Optional;
import java.util.function.BiFunction;

import org.hibernate.Session;
import org.wte.markup.CrossReferences;
import org.wte.markup.MarkupContext;
import org.wte.markup.MarkupRenderer;
import org.wte.markup.Rendered;
import org.wte.web.CurrentUser;

/**
 * A part's Markdown through the markup pipeline: compiled to sanitised HTML when saved, and made ready for
 * one reader when shown (cross-references resolved for them, links given the request's context path).
 *
 * Stored HTML never holds the mount path: links to WTE's own pages and assets are written with the
 * {@link #ROOT} marker and completed at view time, so moving WTE to another path breaks nothing.
 */
public final class MarkupContent {
    /** The prefix of app-internal URLs in stored HTML, replaced by the context path when shown. */
    public static final String ROOT = "/~wte~";

    private final MarkupRenderer renderer;
    private final ContentAccess access;
    private final Parts parts;
    private final BiFunction<Session, Part, MarkupContext> assets;

    /** {@code assets} gives the nearest-first asset context of a part (the asset package's lookup). */
    public MarkupContent(MarkupRenderer renderer, ContentAccess access, Parts parts,
                         BiFunction<Session, Part, MarkupContext> assets) {
        this.renderer = renderer;
        this.access = access;
        this.parts = parts;
        this.assets = assets;
    }

    public Rendered compile(Session s, Part part) {
        return renderer.render(part.getContent(), assets.apply(s, part));
    }

    /** Renders unsaved text for the editor's preview, exactly as saving would. */
    public Rendered preview(Session s, Part part, String markdown) {
        return renderer.render(markdown, assets.apply(s, part));
    }

    public String forReader(Session s, CurrentUser user, String contextPath, String storedHtml) {
        String html = CrossReferences.resolve(storedHtml, id -> parts.byId(s, id)
                .filter(target -> access.of(s, user, target).view())
                .map(target -> new CrossReferences.Target(target.getTitle(), contextPath + "/parts/" + target.getId())));
        return html.replace("=\"" + ROOT + "/", "=\"" + contextPath + "/");
    }
}
