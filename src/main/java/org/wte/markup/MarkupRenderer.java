package org.wte.markup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.commonmark.renderer.html.HtmlWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teacher Markdown to safe HTML: CommonMark with GFM tables, strikethrough, autolinks and heading
 * anchors, WTE's directives (code options, assets, cross-references, show/hide, video, quiz), raw HTML
 * escaped, and the whole output passed through {@link MarkupPolicy}'s OWASP sanitiser last. The syntax is
 * documented for teachers in {@code help/markup.md} ({@link MarkupHelp}). Thread-safe.
 */
public final class MarkupRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(MarkupRenderer.class);

    /**
     * Renders {@code markdown}. Never throws: a failure of the renderer itself (a bug, absurd nesting)
     * gives the text escaped in a {@code <pre>} and an error at line 0.
     */
    public Rendered render(String markdown, MarkupContext context) {
        String source = markdown == null ? "" : markdown;
        try {
            RenderSession session = new RenderSession(context == null ? MarkupContext.NONE : context, source);
            String html = MarkupPolicy.sanitize(new FragmentRenderer(session).block(source, 0, 0));
            List<MarkupError> errors = new ArrayList<>(session.errors);
            errors.sort(Comparator.comparingInt(MarkupError::line));
            return new Rendered(html, errors, session.quizzes);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("Markdown could not be rendered ({} characters); shown as plain text", source.length(), e);
            return fallback(source);
        }
    }

    /** The renderer's output before the sanitiser: for tests that prove the sanitiser is in the path. */
    String renderUnsanitised(String markdown, MarkupContext context) {
        return new FragmentRenderer(new RenderSession(context, markdown)).block(markdown, 0, 0);
    }

    static Rendered fallback(String source) {
        StringBuilder html = new StringBuilder();
        HtmlWriter out = new HtmlWriter(html);
        out.tag("pre", java.util.Map.of("class", "wte-markup-fallback"));
        out.text(source);
        out.tag("/pre");
        return new Rendered(html.toString(), List.of(new MarkupError(0,
                "the text could not be formatted and is shown as plain text; please report this to an administrator")),
                List.of());
    }
}
