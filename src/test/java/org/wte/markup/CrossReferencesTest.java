package org.wte.markup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wte.markup.CrossReferences.Target;

class CrossReferencesTest {
    /** Part 12 is visible to the reader; part 13 exists but is hidden from them; 99 does not exist. */
    static final Map<Long, Target> VISIBLE = Map.of(
            12L, new Target("Forms & inputs", "/wte/part/12"),
            20L, new Target("<script>alert(1)</script>", "/wte/part/20"),
            21L, new Target("Evil", "javascript:alert(1)"),
            22L, new Target("", "/wte/part/22"));
    static final LongFunction<Optional<Target>> LOOKUP = id -> Optional.ofNullable(VISIBLE.get(id));

    private final MarkupRenderer renderer = new MarkupRenderer();

    String resolved(String markdown) {
        Rendered rendered = renderer.render(markdown, MarkupContext.NONE);
        assertEquals(List.of(), rendered.errors());
        return CrossReferences.resolve(rendered.html(), LOOKUP);
    }

    static Stream<Arguments> references() {
        return Stream.of(
                // markdown, expected link text (null: no link), expected text of the paragraph
                arguments("See [](part:12).", "Forms & inputs", "See Forms & inputs."),
                arguments("See [the forms](page:12).", "the forms", "See the forms."),
                arguments("See [*the* forms](part:12).", "the forms", "See the forms."),
                arguments("See [](part:13).", null, "See (not available)."),
                arguments("See [](part:99).", null, "See (not available)."),
                arguments("See [the secret](part:13).", null, "See the secret (not available)."),
                arguments("See [](part:20).", "<script>alert(1)</script>", "See <script>alert(1)</script>."),
                arguments("See [](part:21).", null, "See (not available)."),
                arguments("See [](part:22).", "/wte/part/22", "See /wte/part/22."));
    }

    @ParameterizedTest
    @MethodSource
    void references(String markdown, String linkText, String paragraph) {
        Document html = Jsoup.parseBodyFragment(resolved(markdown));
        assertEquals(paragraph, html.selectFirst("p").text());
        assertTrue(html.select("script, [data-wte-part]").isEmpty(), html::html);
        Element link = html.selectFirst("a");
        if (linkText == null) {
            assertNull(link, html::html);
            assertEquals(1, html.select("span.wte-xref.wte-xref-unavailable").size());
        } else {
            assertEquals(linkText, link.text());
            assertTrue(link.hasClass("wte-xref"));
            assertTrue(link.attr("href").startsWith("/wte/part/"));
        }
    }

    @Test
    void theLookupGetsEachIdAndNoTitleIsStoredInThePage() {
        List<Long> asked = new ArrayList<>();
        Rendered rendered = renderer.render("[](part:12) [x](page:0007) [](part:12)", MarkupContext.NONE);
        assertTrue(!rendered.html().contains("Forms"));
        String html = CrossReferences.resolve(rendered.html(), id -> {
            asked.add(id);
            return LOOKUP.apply(id);
        });
        assertEquals(List.of(12L, 7L, 12L), asked);
        assertEquals(2, Jsoup.parseBodyFragment(html).select("a.wte-xref").size());
    }

    @Test
    void aFailingLookupMakesTheReferenceUnavailable() {
        String html = CrossReferences.resolve(renderer.render("[](part:12)", MarkupContext.NONE).html(), id -> {
            throw new IllegalStateException("database down");
        });
        assertEquals("(not available)", Jsoup.parseBodyFragment(html).text());
        String nullAnswer = CrossReferences.resolve(renderer.render("[](part:12)", MarkupContext.NONE).html(), id -> null);
        assertEquals("(not available)", Jsoup.parseBodyFragment(nullAnswer).text());
    }

    @Test
    void htmlWithoutReferencesIsReturnedAsItIs() {
        String html = renderer.render("# Title\n\nSome *text* & `code`", MarkupContext.NONE).html();
        assertSame(html, CrossReferences.resolve(html, LOOKUP));
        assertEquals("", CrossReferences.resolve(null, LOOKUP));
    }

    @Test
    void theRestOfThePageIsKept() {
        String markdown = "# Title\n\nSee [](part:12) and `x < y`.\n\n```python linenos\nif a < b: pass\n```";
        Document before = Jsoup.parseBodyFragment(renderer.render(markdown, MarkupContext.NONE).html());
        Document after = Jsoup.parseBodyFragment(resolved(markdown));
        assertEquals(before.select("h1").outerHtml(), after.select("h1").outerHtml());
        assertEquals(before.select("figure").outerHtml(), after.select("figure").outerHtml());
        assertEquals("x < y", after.selectFirst("p code").text());
    }

    @Test
    void forgedPlaceholdersCannotInjectAnything() {
        String forged = "<span class=\"wte-xref\" data-wte-part=\"12\" onclick=\"alert(1)\">x</span>"
                + "<span data-wte-part=\"1e3\">y</span><span data-wte-part=\"12\"><img src=x onerror=alert(1)></span>";
        Document html = Jsoup.parseBodyFragment(CrossReferences.resolve(forged, LOOKUP));
        assertTrue(html.select("[onclick], [onerror], script").isEmpty(), html::html);
    }
}
