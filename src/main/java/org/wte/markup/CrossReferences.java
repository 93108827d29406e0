package org.wte.markup;

import java.util.Optional;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * Cross-references to another part or page. The stored HTML holds a placeholder
 * {@code <span class="wte-xref" data-wte-part="12">author's text</span>}; which title it shows, and
 * whether it links at all, depends on the reader, so it is filled in at view time by {@link #resolve}.
 */
public final class CrossReferences {
    static final String ATTRIBUTE = "data-wte-part";
    static final String UNAVAILABLE = "(not available)";
    /** http(s), or relative (no scheme before the first /, ? or #). */
    private static final Pattern SAFE_URL = Pattern.compile("(?i)(?:https?://|[^:/?#\\s]*(?:[/?#]|$))\\S*");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private CrossReferences() {
    }

    /** Where a cross-reference leads, for a reader who may see the target. */
    public record Target(String title, String url) {
    }

    /**
     * Run at view time on stored HTML: fills each cross-reference placeholder with the target's title and
     * link if the reader may see it, or a neutral "(not available)" otherwise. {@code lookup} gets the
     * part id and answers empty when the part does not exist or the reader may not see it.
     */
    public static String resolve(String storedHtml, LongFunction<Optional<Target>> lookup) {
        if (storedHtml == null || !storedHtml.contains(ATTRIBUTE)) {
            return storedHtml == null ? "" : storedHtml;
        }
        Document document = Jsoup.parseBodyFragment(storedHtml);
        document.outputSettings().prettyPrint(false).charset("UTF-8").escapeMode(Entities.EscapeMode.base);
        for (Element placeholder : document.select("span[" + ATTRIBUTE + "]")) {
            String id = placeholder.attr(ATTRIBUTE);
            Optional<Target> target = Optional.empty();
            if (DIGITS.matcher(id).matches()) {
                try {
                    target = lookup.apply(Long.parseLong(id));
                } catch (RuntimeException e) {
                    target = Optional.empty();
                }
            }
            boolean hasText = !placeholder.text().isBlank();
            Target visible = target == null ? null : target.filter(CrossReferences::usable).orElse(null);
            if (visible != null) {
                Element link = new Element("a").addClass("wte-xref").attr("href", visible.url().strip());
                if (hasText) {
                    link.appendChildren(placeholder.childNodesCopy());
                } else {
                    link.text(visible.title() == null || visible.title().isBlank() ? visible.url() : visible.title());
                }
                placeholder.replaceWith(link);
            } else {
                Element neutral = new Element("span").addClass("wte-xref").addClass("wte-xref-unavailable");
                if (hasText) {
                    neutral.appendChildren(placeholder.childNodesCopy()).appendText(" " + UNAVAILABLE);
                } else {
                    neutral.text(UNAVAILABLE);
                }
                placeholder.replaceWith(neutral);
            }
        }
        // Defence in depth: titles and URLs come from the database at view time.
        return MarkupPolicy.sanitize(document.body().html());
    }

    private static boolean usable(Target target) {
        return target.url() != null && !target.url().isBlank()
                && SAFE_URL.matcher(target.url().strip()).matches();
    }
}
