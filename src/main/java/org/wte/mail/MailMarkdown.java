package org.wte.mail;

import java.net.URI;
import java.util.List;

import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A message that a teacher writes in Markdown, as the HTML of a mail. Safe by construction: raw HTML in the
 * text is escaped, not passed on, and link targets other than http(s), mailto and relative ones are dropped.
 * (Pages use the full pipeline of org.wte.markup, with directives; a mail needs none of them.)
 *
 * A mail has no address of its own to resolve relative links against, so they are made absolute with WTE's
 * address (app.url): "parts/12" and "/parts/12" both lead to app.url + "/parts/12", at any mount path.
 */
public final class MailMarkdown {
    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create(),
            StrikethroughExtension.create(), AutolinkExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    private MailMarkdown() {}

    /** {@code siteUrl} is app.url (no trailing slash), the base of relative links. */
    public static String toHtml(String markdown, String siteUrl) {
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true)
                .attributeProviderFactory(context -> (node, tag, attributes) -> {
                    String name = node instanceof Link ? "href" : node instanceof Image ? "src" : null;
                    if (name != null && attributes.containsKey(name)) {
                        attributes.put(name, absolute(attributes.get(name), siteUrl));
                    }
                })
                .build();
        return renderer.render(PARSER.parse(markdown == null ? "" : markdown));
    }

    /** A URL as the renderer wrote it (already sanitised and encoded), made absolute under siteUrl; other schemes dropped. */
    static String absolute(String url, String siteUrl) {
        if (url.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
            // commonmark's sanitiser lets data: through; the promise above is http(s) and mailto only.
            return url.matches("(?i)(https?|mailto):.*") ? url : "";
        }
        if (url.isEmpty() || url.startsWith("#") || url.startsWith("//")) {
            return url;
        }
        String path = url.startsWith("/") ? url.substring(1) : url;
        try {
            return URI.create(siteUrl + "/").resolve(path).toString();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
