package org.wte.markup;

import java.util.regex.Pattern;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The OWASP sanitiser policy that every piece of rendered Markdown passes last, before it is stored: an
 * allow-list of exactly the elements and attributes the renderer writes, with patterns for their values.
 * URLs may be http, https, mailto or relative; the only iframe is a youtube-nocookie embed; no style, no
 * script, no event handler.
 */
final class MarkupPolicy {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    /** Ids the renderer writes: heading anchors (from heading text) and wte-* ids. */
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}_-]{1,200}");
    private static final String ONE_CLASS = "(?:wte-[a-z0-9-]{1,60}|language-[A-Za-z0-9_+#.-]{1,40})";
    private static final Pattern CLASSES = Pattern.compile(ONE_CLASS + "(?: " + ONE_CLASS + "){0,8}");
    static final Pattern QUIZ_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final String[] TEXT = {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "ul", "ol", "li", "em", "strong", "del", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
        "a", "img", "figure", "figcaption", "div", "span"};
    private static final String[] WIDGETS = {"button", "fieldset", "legend", "label", "input"};

    static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowUrlProtocols("http", "https", "mailto")
            .allowElements(TEXT)
            .allowElements(WIDGETS)
            .allowAttributes("class").matching(CLASSES).globally()
            .allowAttributes("id").matching(ID).onElements("h1", "h2", "h3", "h4", "h5", "h6", "div")
            // links and images
            .allowAttributes("href").onElements("a")
            .allowAttributes("title").onElements("a", "img", "iframe")
            .allowAttributes("rel").matching(Pattern.compile("noopener noreferrer")).onElements("a")
            .allowAttributes("download").matching(Pattern.compile("|download")).onElements("a")
            .allowAttributes("src", "alt").onElements("img")
            .allowAttributes("loading").matching(Pattern.compile("lazy")).onElements("img", "iframe")
            // lists and tables
            .allowAttributes("start").matching(DIGITS).onElements("ol")
            .allowAttributes("align").matching(Pattern.compile("left|center|right")).onElements("th", "td")
            // code lines, cross-reference placeholders
            .allowAttributes("data-line").matching(DIGITS).onElements("span")
            .allowAttributes(CrossReferences.ATTRIBUTE).matching(DIGITS).onElements("span")
            // show/hide
            .allowAttributes("data-wte-initial").matching(Pattern.compile("open|closed")).onElements("div")
            .allowAttributes("type").matching(Pattern.compile("button")).onElements("button")
            .allowAttributes("aria-expanded").matching(Pattern.compile("true|false")).onElements("button")
            .allowAttributes("aria-controls").matching(ID).onElements("button")
            // quizzes: texts and ids only
            .allowAttributes(QuizMarkup.QUIZ_ATTRIBUTE).matching(QUIZ_KEY).onElements("div")
            .allowAttributes(QuizMarkup.QUESTION_ATTRIBUTE).matching(DIGITS).onElements("fieldset")
            .allowAttributes("type").matching(Pattern.compile("radio|checkbox")).onElements("input")
            .allowAttributes("name").matching(Pattern.compile("wte-quiz-[A-Za-z0-9_-]{1,64}-[0-9]{1,6}"))
                .onElements("input")
            .allowAttributes("value", QuizMarkup.CHOICE_ATTRIBUTE).matching(DIGITS).onElements("input")
            // video: exactly the privacy-enhanced YouTube embed, and no iframe without it
            .allowAttributes("src").matching(YouTubeVideo.EMBED_URL).onElements("iframe")
            .allowAttributes("allowfullscreen").matching(Pattern.compile("|allowfullscreen")).onElements("iframe")
            .allowAttributes("referrerpolicy").matching(Pattern.compile("strict-origin-when-cross-origin"))
                .onElements("iframe")
            .allowElements((name, attributes) -> hasAttribute(attributes, "src") ? name : null, "iframe")
            .toFactory();

    private MarkupPolicy() {
    }

    static String sanitize(String html) {
        return POLICY.sanitize(html);
    }

    private static boolean hasAttribute(java.util.List<String> attributes, String name) {
        for (int i = 0; i < attributes.size(); i += 2) {
            if (attributes.get(i).equals(name)) {
                return true;
            }
        }
        return false;
    }
}
