package org.wte.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.wte.exchange.OriginalExportZips.Format;
import org.wte.markup.MarkupContext;
import org.wte.markup.MarkupContext.AssetLink;
import org.wte.markup.MarkupRenderer;
import org.wte.markup.QuizDefinition;
import org.wte.markup.Rendered;

/**
 * Sample exports in the original's format, read from their ZIP as an importer does, converted, and each
 * page's Markdown rendered with WTE's renderer: the HTML shows what the original meant.
 */
class OriginalSamplesTest {
    private static final String SAMPLES = "/exchange/original/";
    /** The report of web-design-1.2.zip: its page "Leftovers" holds what cannot be converted. */
    static final List<String> LEFTOVERS_REPORT = List.of(
            "Page 'Leftovers', line 3: the directive 'raw' was kept as text",
            "Page 'Leftovers', line 7: the style of 'red' was not carried over (styles are not kept; the text is)",
            "Page 'Leftovers', line 7: the link to 'javascript:alert(1)' was dropped (only http, https, mailto and"
                    + " relative links are kept); its text stays",
            "Page 'Leftovers', line 9: the video 'https://vimeo.com/1234' is not a YouTube link and was kept as text",
            "Page 'Leftovers', line 11: a table with merged cells was kept as text");
    private final MarkupRenderer renderer = new MarkupRenderer();

    /** The ZIP's entries in order, with their compression method. */
    private record Entry(String name, int method, byte[] data) {
    }

    private static List<Entry> entries(byte[] zip) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.add(new Entry(entry.getName(), entry.getMethod(), in.readAllBytes()));
            }
        }
        return entries;
    }

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = OriginalSamplesTest.class.getResourceAsStream(SAMPLES + name)) {
            assertNotNull(in, "missing sample " + name);
            return in.readAllBytes();
        }
    }

    /** Converts the ZIP's content.json, checking that every file of the tree has its entry. */
    private static OriginalExport.Conversion convert(byte[] zip) throws IOException {
        List<Entry> entries = entries(zip);
        assertEquals("content.json", entries.get(0).name());
        Map<String, Entry> byName = new HashMap<>();
        entries.forEach(e -> byName.put(e.name(), e));
        OriginalExport.Conversion conversion = OriginalExport.convert(entries.get(0).data());
        forEach(conversion.root(), node -> node.files().forEach(file -> {
            Entry entry = byName.get(file.entry());
            assertNotNull(entry, "no entry " + file.entry());
            assertEquals(file.mimeType().startsWith("text") ? ZipEntry.DEFLATED : ZipEntry.STORED, entry.method(),
                    file.entry());
        }));
        return conversion;
    }

    private static void forEach(ExchangeNode node, java.util.function.Consumer<ExchangeNode> action) {
        action.accept(node);
        node.children().forEach(child -> forEach(child, action));
    }

    /** Renders every node's Markdown with its files (the node's, then its ancestors'), by title. */
    private Map<String, Rendered> render(ExchangeNode root) {
        Map<String, Rendered> pages = new LinkedHashMap<>();
        render(root, List.of(), pages);
        return pages;
    }

    private void render(ExchangeNode node, List<Map<String, AssetLink>> above, Map<String, Rendered> pages) {
        Map<String, AssetLink> own = new HashMap<>();
        node.files().forEach(f -> own.put(f.filename(), new AssetLink(f.filename(), "/wte/files/" + f.entry(),
                f.mimeType())));
        List<Map<String, AssetLink>> levels = new ArrayList<>();
        levels.add(own);
        levels.addAll(above);
        pages.put(node.title(), renderer.render(node.content(), MarkupContext.nearestFirst(levels)));
        node.children().forEach(child -> render(child, levels, pages));
    }

    private static Document html(Rendered rendered) {
        assertEquals(List.of(), rendered.errors(), rendered.html());
        return Jsoup.parseBodyFragment(rendered.html());
    }

    private static Element one(Document html, String css) {
        Element found = html.selectFirst(css);
        assertNotNull(found, () -> "missing " + css + " in\n" + html.body().html());
        return found;
    }

    @Test
    void theSampleFilesAreTheBuildersOutput() throws IOException {
        Map<String, String> expected = Map.of(
                "web-design-1.2.zip", OriginalExportZips.contentJson(OriginalExportZips.currentModule(), Format.CURRENT),
                "programming-1.1.zip", OriginalExportZips.contentJson(OriginalExportZips.legacyModule(), Format.V1_1),
                "cafe-pre-1.0.zip", OriginalExportZips.contentJson(OriginalExportZips.preOneModule(), Format.PRE_1_0));
        for (Map.Entry<String, String> sample : expected.entrySet()) {
            List<Entry> entries = entries(sample(sample.getKey()));
            assertEquals("content.json", entries.get(0).name());
            assertEquals(ZipEntry.DEFLATED, entries.get(0).method());
            assertEquals(sample.getValue(), new String(entries.get(0).data(), StandardCharsets.US_ASCII));
            for (int i = 1; i < entries.size(); i++) {
                assertEquals("assets/" + (i - 1), entries.get(i).name());
            }
        }
    }

    @Test
    void theCurrentFormatRendersAsTheOriginalMeant() throws IOException {
        OriginalExport.Conversion conversion = convert(sample("web-design-1.2.zip"));
        assertEquals(LEFTOVERS_REPORT, conversion.report());
        Map<String, Rendered> pages = render(conversion.root());
        assertTrue(html(pages.get("Web Design")).select("em").text().contains("Web Design"));
        html(pages.get("HTML Basics"));

        Document elements = html(pages.get("Elements"));
        // The page's one top-level section was its (hidden) title; its subsection is the first heading.
        assertEquals(List.of("Block elements"), elements.select("h1, h2, h3").eachText());
        assertEquals("h2", one(elements, "h2").tagName());
        List<Element> items = one(elements, "h2 + ul").children();
        assertEquals(2, items.size());
        assertEquals("div, the generic block", items.get(0).text());
        assertTrue(items.get(1).text().startsWith("p, a paragraph"), items.get(1).text());
        assertEquals(List.of("it starts on a new line", "it takes the whole width"),
                elements.select("li ol > li").eachText());
        assertEquals("HTML", one(elements, "li > p > strong").text());
        Element code = one(elements, "figure.wte-code.wte-code-linenos.wte-no-select");
        assertEquals("index.html", one(elements, "figure.wte-code > figcaption.wte-code-filename").text());
        assertEquals(List.of("<!DOCTYPE html>", "<p>Hello</p>"), code.select("code.language-html > span.wte-line")
                .eachText());
        assertEquals("<em>hi</em>", one(elements, "p > code.language-html").text());
        Element logo = one(elements, "img.wte-asset-image[alt=The course logo]");
        assertEquals("/wte/files/assets/0", logo.attr("src"));
        assertEquals("/wte/files/assets/3", one(elements, "img.wte-asset-image[alt=banner.png]").attr("src"));
        Element data = one(elements, "a.wte-asset-download");
        assertEquals("/wte/files/assets/1", data.attr("href"));
        assertEquals("the table", data.text());
        assertEquals(List.of("Tag", "Closes"), elements.select("table thead th").eachText());
        assertEquals(List.of("<p>", "yes", "<br>", "no"), elements.select("table tbody td").eachText());
        assertEquals(List.of("Note", "Tags are not case-sensitive."), elements.select("blockquote p").eachText());
        assertEquals(List.of("https://developer.mozilla.org/en-US/docs/Web/HTML", "https://www.w3.org/",
                "https://validator.w3.org/", "https://html.spec.whatwg.org/"), elements.select("a[rel]").eachAttr("href"));
        assertEquals(List.of("the MDN guide", "W3C", "its validator", "https://html.spec.whatwg.org/"),
                elements.select("a[rel]").eachText());
        assertEquals("p { color: navy; }", one(elements, "pre > code.language-css").text());
        assertEquals("Our logo.", one(elements, "p:has(img.wte-asset-image[alt=The course logo]) + p > em").text());
        assertEquals("Practice", one(elements, "span.wte-xref[data-wte-part=3]").text());

        Rendered practiceRendered = pages.get("Practice");
        Document practice = html(practiceRendered);
        assertEquals("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
                one(practice, "div.wte-video > iframe").attr("src"));
        Element solution = one(practice, "div.wte-showhide[data-wte-initial=closed]");
        assertEquals("Solution", one(practice, "button.wte-showhide-toggle").text());
        assertEquals("Use a paragraph:", solution.select(".wte-showhide-body > p").text());
        assertEquals("<p>Hello</p>", solution.select("pre > code.language-html").text());
        assertEquals("Check yourself", one(practice, "p > strong").text());
        Element quiz = one(practice, "div.wte-quiz[data-quiz=basics]");
        assertEquals(List.of("What does HTML stand for?", "Which elements are inline?"),
                quiz.select("legend").eachText());
        assertEquals(2, quiz.select("fieldset").get(0).select("input[type=radio]").size());
        assertEquals(3, quiz.select("fieldset").get(1).select("input[type=checkbox]").size());
        assertEquals(List.of("HyperText Markup Language", "High Tech Modern Language", "span", "a", "div"),
                quiz.select(".wte-quiz-choice-text").eachText());
        // No answers in the page: nothing says which choice is right.
        String page = practiceRendered.html();
        for (String leak : List.of("[x]", "correct", "data-answers", "checked")) {
            assertFalse(page.contains(leak), leak + " in " + page);
        }
        // ... but the server knows them.
        QuizDefinition definition = practiceRendered.quizzes().get(0);
        assertEquals("basics", definition.key());
        assertEquals(List.of(true, false), definition.questions().get(0).choices().stream()
                .map(QuizDefinition.Choice::correct).toList());
        assertEquals(List.of(true, true, false), definition.questions().get(1).choices().stream()
                .map(QuizDefinition.Choice::correct).toList());
        assertTrue(definition.questions().get(1).multiple());
        assertEquals("", one(practice, "span.wte-xref[data-wte-part=2]").text());
        assertEquals(List.of("Key", "Meaning"), practice.select("table thead th").eachText());
        assertEquals(List.of("Ctrl+S", "save"), practice.select("table tbody td").eachText());

        // What could not be converted is shown as the reST it was, and nothing unsafe comes through.
        Rendered leftoversRendered = pages.get("Leftovers");
        Document leftovers = html(leftoversRendered);
        assertEquals(3, leftovers.select("pre > code.language-rst").size());
        assertTrue(one(leftovers, "pre > code.language-rst").text().contains("<marquee>Hi</marquee>"));
        assertEquals("A red word, a bad link and a video elsewhere:", leftovers.select("p").get(1).text());
        assertTrue(leftovers.select("a, iframe, marquee, [style]").isEmpty(), leftoversRendered.html());
    }

    @Test
    void theLegacyFormatRenders() throws IOException {
        OriginalExport.Conversion conversion = convert(sample("programming-1.1.zip"));
        assertEquals(List.of(), conversion.report());
        ExchangeNode module = conversion.root();
        assertEquals(List.of("part", "part"), module.children().stream().map(ExchangeNode::type).toList());
        assertEquals(List.of("Tutorial", "Exercise"), module.children().stream().map(ExchangeNode::label).toList());
        Map<String, Rendered> pages = render(module);
        Document loop = html(pages.get("While"));
        assertEquals("while", one(loop, "em").text());
        assertEquals("Count", one(loop, "span.wte-xref[data-wte-part=4]").text());
        Document count = html(pages.get("Count"));
        assertEquals("for (i = 1; i <= 10; i++) {}", one(count, "pre > code").text());
    }

    @Test
    void aFileFromBeforeVersion1ConvertsWithExternalCrossReferences() throws IOException {
        OriginalExport.Conversion conversion = convert(sample("cafe-pre-1.0.zip"));
        assertEquals("Caf\u00e9 \ud83c\udf89 Basics", conversion.root().title());
        assertEquals("See [](part:external) and [Intro](part:external).\n", conversion.root().content());
        assertEquals(4, conversion.report().size());
        assertEquals("Tutorial", conversion.root().children().get(0).label());
        assertEquals("workspace", conversion.root().children().get(0).displayMode());
        html(render(conversion.root()).get("First"));
    }

    @Test
    void theBuilderWritesEveryConstructTheConverterSupports() throws IOException {
        // The builder's own bytes (not the checked-in files) convert the same way.
        OriginalExport.Conversion fromBuilder = convert(OriginalExportZips.zip(OriginalExportZips.currentModule(),
                Format.CURRENT));
        OriginalExport.Conversion fromFile = convert(sample("web-design-1.2.zip"));
        assertEquals(fromFile, fromBuilder);
    }
}
