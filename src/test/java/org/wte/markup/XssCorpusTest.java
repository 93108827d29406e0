package org.wte.markup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.wte.markup.CrossReferences.Target;
import org.wte.markup.MarkupContext.AssetLink;

/**
 * An XSS corpus through every place an author's (or a database's) text reaches the page: content,
 * headings, link and image URLs and titles, asset names, code languages and file names, show/hide and
 * video titles, quiz keys and texts, cross-reference titles and URLs, and the names and URLs of assets
 * as the content package hands them over. Each result is parsed back with jsoup: no script, no event
 * handler, no style, no URL with a scheme other than http, https or mailto, no iframe but the
 * youtube-nocookie embed.
 */
class XssCorpusTest {
    static final List<String> PAYLOADS = List.of(
            // script tags
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
            "<scr<script>ipt>alert(1)</script>",
            "<script\n>alert(1)</script\n>",
            "<![CDATA[<script>alert(1)</script>]]>",
            // event handlers
            "<img src=x onerror=alert(1)>",
            "<img src=\"x\" onerror=\"alert(1)\"/>",
            "<body onload=alert(1)>",
            "<input autofocus onfocus=alert(1)>",
            "<details open ontoggle=alert(1)>",
            "<x onclick=alert(1)>click me",
            "<a href=\"https://ok.example\" onclick=\"alert(1)\">x",
            // URLs with other schemes
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java&#x09;script:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
            "javascript&colon;alert(1)",
            "\u0001javascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "data:text/html,<script>alert(1)</script>",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"&#14;javascript:alert(1)\">x</a>",
            // SVG and MathML
            "<svg onload=alert(1)>",
            "<svg><script>alert(1)</script></svg>",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">x</text></a></svg>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            // CSS
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<p style=\"width: expression(alert(1))\">x</p>",
            "<style>body{background:url(\"javascript:alert(1)\")}</style>",
            "x\" style=\"behavior:url(x.htc)",
            // frames, objects, forms, meta
            "<iframe src=\"https://evil.example/\"></iframe>",
            "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
            "<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\" onload=\"alert(1)\"></iframe>",
            "<object data=\"javascript:alert(1)\"></object>",
            "<embed src=\"javascript:alert(1)\">",
            "<form action=\"javascript:alert(1)\"><button>x</button></form>",
            "<button formaction=\"javascript:alert(1)\">x</button>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<base href=\"javascript:alert(1)//\">",
            "<link rel=stylesheet href=\"javascript:alert(1)\">",
            // attribute breaking
            "\"><script>alert(1)</script>",
            "\" onmouseover=\"alert(1)",
            "' onmouseover='alert(1)",
            "`onmouseover=alert(1)",
            "x\" linenos=1 onclick=\"alert(1)",
            "python\" onclick=\"alert(1)",
            "{.python\" onclick=\"alert(1)}",
            // broken and unclosed markup, comments, entities
            "<img src=\"x",
            "<img src=x onerror=alert(1)//",
            "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "<template><img src=x onerror=alert(1)></template>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "&#x3C;img src=x onerror=alert(1)&#x3E;",
            "**bold <img src=x onerror=alert(1)>**",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ\"onload=\"alert(1)",
            "//evil.example/x.js");

    /** Each template puts the payload (P) in one place an author or the database controls. */
    static final List<String> TEMPLATES = List.of(
            "P",
            "# P",
            "Text *P* and **P**",
            "[x](P)",
            "![x](P)",
            "[x](<P>)",
            "[x](https://ok.example \"P\")",
            "![P](https://ok.example/a.png 'P')",
            "[x][r]\n\n[r]: P",
            "[P](asset:P)",
            "![P](asset:P)",
            "[](<asset:P>)",
            "![](<asset:P>)",
            "`P`{.python} and `x`P",
            "```P\ncode P\n```",
            "```python filename=\"P\" linenos=P\nP\n```",
            "```python filename='P' no-select\nP\n```",
            "```show-hide title=\"P\"\nP\n```",
            "```show-hide title='P' P\nP\n```",
            "```quiz key=\"P\"\n? P\n- [x] P\n- [ ] P\n```",
            "```quiz\n?? P\n- [x] ![P](asset:P)\n- [ ] [P](P)\n```",
            "```video title=\"P\"\nhttps://youtu.be/dQw4w9WgXcQ\n```",
            "```video\nP\n```",
            "| h |\n|---|\n| P |",
            "[](part:P) and [P](part:12) and [P](page:13)",
            "> P\n\n- P\n\n1. P");

    /** What the content package could hand over: safe assets, and assets whose name or URL is hostile. */
    static final List<MarkupContext> CONTEXTS = List.of(
            name -> Optional.of(new AssetLink(name, "/wte/asset/1/" + URLEncoder.encode(name, StandardCharsets.UTF_8),
                    "image/png")),
            name -> Optional.of(new AssetLink(name, "javascript:alert(1)", "image/svg+xml")),
            name -> Optional.of(new AssetLink("<img src=x onerror=alert(1)>", name, "text/html")));

    static final Set<String> FORBIDDEN_ELEMENTS = Set.of("script", "style", "object", "embed", "applet", "svg", "math",
            "form", "base", "meta", "link", "frame", "frameset", "template", "noscript", "textarea", "select");
    static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "xlink:href", "data", "background", "poster",
            "cite", "lowsrc", "dynsrc", "ping");
    static final Set<String> NEVER_ATTRIBUTES = Set.of("style", "srcdoc", "srcset", "action", "formaction");
    static final Set<String> SAFE_SCHEMES = Set.of("http", "https", "mailto");
    static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):");
    static final Pattern EMBED = Pattern.compile("https://www\\.youtube-nocookie\\.com/embed/[A-Za-z0-9_-]{11}(\\?start=[0-9]+)?");
    static final Set<String> IFRAME_ATTRIBUTES = Set.of("class", "src", "title", "loading", "referrerpolicy",
            "allowfullscreen");

    private final MarkupRenderer renderer = new MarkupRenderer();

    static Stream<String> payloads() {
        return PAYLOADS.stream();
    }

    @Test
    void theCorpusIsLargeEnough() {
        assertTrue(PAYLOADS.size() >= 40, "at least 40 payloads");
        assertEquals(PAYLOADS.size(), Set.copyOf(PAYLOADS).size(), "no duplicates");
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void nothingExecutableSurvivesRendering(String payload) {
        for (String template : TEMPLATES) {
            String markdown = template.replace("P", payload);
            for (int c = 0; c < CONTEXTS.size(); c++) {
                Rendered rendered = renderer.render(markdown, CONTEXTS.get(c));
                String where = "template " + template.replace("\n", "\\n") + ", context " + c;
                assertNothingExecutable(rendered.html(), where);
                for (MarkupError error : rendered.errors()) {
                    assertTrue(error.line() >= 1, () -> where + ": " + error);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void nothingExecutableSurvivesCrossReferenceTitlesAndUrls(String payload) {
        String stored = renderer.render("See [](part:1), [text](part:2) and [](part:3).", MarkupContext.NONE).html();
        List<Target> targets = List.of(new Target(payload, "/wte/part/1"), new Target("Title", payload),
                new Target(payload, payload));
        for (Target target : targets) {
            assertNothingExecutable(CrossReferences.resolve(stored, id -> Optional.of(target)), "target " + target);
        }
    }

    /** The policy on its own, without the renderer's escaping in front of it. */
    @ParameterizedTest
    @MethodSource("payloads")
    void thePolicyAloneStripsThePayload(String payload) {
        assertNothingExecutable(MarkupPolicy.sanitize(payload), "policy");
        assertNothingExecutable(MarkupPolicy.sanitize("<a href=\"" + payload + "\">x</a><img src=\"" + payload + "\">"),
                "policy on URLs");
        assertNothingExecutable(QuizMarkup.html(new QuizDefinition(1, "k", List.of(new QuizDefinition.Question(payload,
                false, List.of(new QuizDefinition.Choice(payload, true), new QuizDefinition.Choice("b", false)))))),
                "quiz html");
    }

    /**
     * The sanitiser is really in the path: the renderer's own output for a context that hands over a
     * javascript: URL contains it, the assertions reject that output, and the rendered page does not.
     */
    @Test
    void theSanitiserIsWhatRemovesHostileUrls() {
        String markdown = "![x](asset:a.svg)\n\n[y](asset:b.txt)";
        MarkupContext hostile = CONTEXTS.get(1);
        String raw = renderer.renderUnsanitised(markdown, hostile);
        assertTrue(raw.contains("src=\"javascript:alert(1)\""), raw);
        assertThrows(AssertionFailedError.class, () -> assertNothingExecutable(raw, "raw"));

        String html = renderer.render(markdown, hostile).html();
        assertNothingExecutable(html, "sanitised");
        assertFalse(html.contains("javascript"), html);

        String iframe = "<iframe src=\"https://evil.example/embed/dQw4w9WgXcQ\"></iframe>"
                + "<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"></iframe>"
                + "<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=5&autoplay=1\"></iframe>";
        assertThrows(AssertionFailedError.class, () -> assertNothingExecutable(iframe, "raw iframe"));
        assertTrue(Jsoup.parseBodyFragment(MarkupPolicy.sanitize(iframe)).select("iframe").isEmpty());
    }

    /** Without the sanitiser, the corpus finds something executable in many renderings. */
    @Test
    void theAssertionsHaveTeeth() {
        int failures = 0;
        for (String payload : PAYLOADS) {
            for (String template : List.of("[P](asset:P)", "![P](asset:P)")) {
                String raw = renderer.renderUnsanitised(template.replace("P", payload), CONTEXTS.get(1));
                try {
                    assertNothingExecutable(raw, "raw");
                } catch (AssertionFailedError expected) {
                    failures++;
                }
            }
        }
        assertTrue(failures >= 20, "failures without the sanitiser: " + failures);
    }

    static void assertNothingExecutable(String html, String where) {
        for (Element element : Jsoup.parseBodyFragment(html).body().getAllElements()) {
            String tag = element.normalName();
            if (FORBIDDEN_ELEMENTS.contains(tag)) {
                fail(where + ": <" + tag + "> in " + html);
            }
            if (tag.equals("iframe")) {
                if (!EMBED.matcher(element.attr("src")).matches()) {
                    fail(where + ": iframe " + element.attr("src") + " in " + html);
                }
                for (Attribute attribute : element.attributes()) {
                    if (!IFRAME_ATTRIBUTES.contains(attribute.getKey().toLowerCase(Locale.ROOT))) {
                        fail(where + ": iframe attribute " + attribute.getKey() + " in " + html);
                    }
                }
            }
            for (Attribute attribute : element.attributes()) {
                String key = attribute.getKey().toLowerCase(Locale.ROOT);
                String value = attribute.getValue();
                if (key.startsWith("on")) {
                    fail(where + ": event handler " + key + " in " + html);
                }
                if (NEVER_ATTRIBUTES.contains(key)) {
                    fail(where + ": attribute " + key + " in " + html);
                }
                if (URL_ATTRIBUTES.contains(key)) {
                    String compact = value.replaceAll("[\\x00-\\x20\\x7f-\\x9f]", "").toLowerCase(Locale.ROOT);
                    var scheme = SCHEME.matcher(compact);
                    if (scheme.find() && !SAFE_SCHEMES.contains(scheme.group(1))) {
                        fail(where + ": " + key + "=" + value + " in " + html);
                    }
                }
            }
        }
    }
}
