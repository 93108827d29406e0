package org.wte.markup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wte.markup.MarkupContext.AssetLink;

/**
 * One table per directive: Markdown in, then CSS selectors that must match the HTML (a selector prefixed
 * with "!" must not match) and the errors expected, each written "line: part of the message".
 */
class MarkupRendererTest {
    /** A page's part holds diagram.png, logo.png and notes.pdf; its module holds data.csv and another logo.png. */
    static final MarkupContext CONTEXT = MarkupContext.nearestFirst(List.of(
            Map.of("diagram.png", new AssetLink("diagram.png", "/wte/asset/1/diagram.png", "image/png"),
                    "logo.png", new AssetLink("logo.png", "/wte/asset/2/logo.png", "image/png"),
                    "notes.pdf", new AssetLink("notes.pdf", "/wte/asset/3/notes.pdf", "application/pdf"),
                    "floor plan.png", new AssetLink("floor plan.png", "/wte/asset/4/floor%20plan.png", "image/png")),
            Map.of("data.csv", new AssetLink("data.csv", "/wte/asset/10/data.csv", "text/csv"),
                    "logo.png", new AssetLink("logo.png", "/wte/asset/11/logo.png", "image/png"))));

    private final MarkupRenderer renderer = new MarkupRenderer();

    static Arguments row(String markdown, List<String> selectors, String... errors) {
        return arguments(markdown, selectors, List.of(errors));
    }

    void check(String markdown, List<String> selectors, List<String> errors) {
        Rendered rendered = renderer.render(markdown, CONTEXT);
        Document html = Jsoup.parseBodyFragment(rendered.html());
        for (String selector : selectors) {
            boolean negated = selector.startsWith("!");
            String css = negated ? selector.substring(1) : selector;
            boolean found = !html.select(css).isEmpty();
            if (found == negated) {
                fail((negated ? "unexpected " : "missing ") + css + " in\n" + rendered.html());
            }
        }
        List<String> actual = rendered.errors().stream().map(e -> e.line() + ": " + e.message()).toList();
        assertEquals(errors.size(), actual.size(), () -> "errors " + actual);
        for (int i = 0; i < errors.size(); i++) {
            String expected = errors.get(i);
            String line = expected.substring(0, expected.indexOf(':'));
            String part = expected.substring(expected.indexOf(':') + 2);
            MarkupError error = rendered.errors().get(i);
            assertEquals(Integer.parseInt(line), error.line(), () -> "line of " + actual);
            assertTrue(error.message().contains(part), () -> "message " + error.message() + " lacks " + part);
        }
    }

    // ---- CommonMark and its extensions ----------------------------------------------------------------

    static Stream<Arguments> commonMark() {
        return Stream.of(
                row("# Intro", List.of("h1#intro:containsOwn(Intro)")),
                row("## Two words", List.of("h2#two-words")),
                row("*em* **strong** ~~gone~~", List.of("em", "strong", "del:containsOwn(gone)")),
                row("~one tilde~", List.of("!del")),
                row("| a | b |\n|:--|--:|\n| 1 | 2 |", List.of("table thead th[align=left]", "td[align=right]")),
                row("Go to https://example.org/x now", List.of("a[href=https://example.org/x][rel=noopener noreferrer]")),
                row("mail teacher@example.org", List.of("a[href=mailto:teacher@example.org]")),
                row("[rel](../page)", List.of("a[href=../page]", "!a[rel]")),
                row("[anchor](#intro)", List.of("a[href=#intro]")),
                row("[ext](https://example.org \"Title\")", List.of("a[title=Title][rel=noopener noreferrer]")),
                row("[](https://example.org)", List.of("a:containsOwn(https://example.org)")),
                row("<b>raw</b> html", List.of("!b", "p:containsOwn(<b>raw</b> html)")),
                row("<div>\nblock\n</div>", List.of("!div", "p:containsOwn(<div>)")),
                row("![cat](https://example.org/cat.png)", List.of("img[src=https://example.org/cat.png][alt=cat]")),
                row("1. one\n2. two", List.of("ol li")),
                row("> quoted", List.of("blockquote p")),
                row("[x](javascript:alert(1))", List.of("!a", "p:containsOwn(x)"), "1: not \"javascript:alert(1)\""),
                row("text\n\n[x](vbscript:msgbox(1))", List.of("!a"), "3: a link may go to"),
                row("![x](data:image/png;base64,AAAA)", List.of("!img"), "1: an image may come from"),
                row("[x][r]\n\n[r]: javascript:alert(1)", List.of("!a"), "1: not \"javascript:alert(1)\""));
    }

    @ParameterizedTest
    @MethodSource
    void commonMark(String markdown, List<String> selectors, List<String> errors) {
        check(markdown, selectors, errors);
    }

    // ---- code -------------------------------------------------------------------------------------------

    static Stream<Arguments> codeBlocks() {
        return Stream.of(
                row("```python\nprint(1)\n```", List.of("pre > code.language-python:containsOwn(print(1))", "!figure")),
                row("```\nplain\n```", List.of("pre > code:not([class])")),
                row("    indented", List.of("pre > code:containsOwn(indented)")),
                row("```python filename=\"app.py\"\nx\n```",
                        List.of("figure.wte-code > figcaption.wte-code-filename:containsOwn(app.py)",
                                "figure.wte-code > pre > code.language-python", "!.wte-line")),
                row("```python filename='my app.py'\nx\n```", List.of("figcaption:containsOwn(my app.py)")),
                row("```c linenos\na\nb\n```", List.of("figure.wte-code-linenos.wte-code-gutter-1",
                        "code.language-c > span.wte-line[data-line=1]:containsOwn(a)", "span.wte-line[data-line=2]",
                        "!span.wte-line[data-line=3]")),
                row("```js linenos=10\na\nb\n```", List.of("span.wte-line[data-line=10]", "span.wte-line[data-line=11]",
                        "figure.wte-code-gutter-2")),
                row("```linenos=98\na\nb\nc\n```", List.of("figure.wte-code-gutter-3", "pre > code:not([class])",
                        "span[data-line=100]")),
                row("```python no-select\nx\n```", List.of("figure.wte-code.wte-no-select > pre > code.language-python")),
                row("```python filename=\"app.py\" linenos=10 no-select\nx = 1 < 2\n```",
                        List.of("figure.wte-code.wte-no-select.wte-code-linenos", "figcaption:containsOwn(app.py)",
                                "span[data-line=10]:containsOwn(x = 1 < 2)")),
                row("```c++\nint x;\n```", List.of("code[class=language-c++]")),
                row("```python linenos=ten\nx\n```", List.of("span[data-line=1]"), "1: linenos takes the number"),
                row("```python linenos=0\nx\n```", List.of("span[data-line=1]"), "1: linenos takes the number"),
                row("text\n\n```python colour=red\nx\n```", List.of("code.language-python"),
                        "3: unknown option \"colour\" for a code block"),
                row("```python filename\nx\n```", List.of("!figcaption"), "1: filename needs a value"),
                row("```python filename=\"app.py\nx\n```", List.of("figcaption:containsOwn(app.py)"),
                        "1: has no closing \""),
                row("~~~ {onclick=alert(1)}\nx\n~~~", List.of("!code[class]", "![onclick]"), "1: cannot read"),
                row("~~~ \"><script>\nx\n~~~", List.of("!code[class]", "!script"), "1: not a language name"));
    }

    @ParameterizedTest
    @MethodSource
    void codeBlocks(String markdown, List<String> selectors, List<String> errors) {
        check(markdown, selectors, errors);
    }

    static Stream<Arguments> inlineCode() {
        return Stream.of(
                row("Call `print(1)`{.python} now", List.of("p > code.language-python:containsOwn(print(1))",
                        "p:containsOwn(now)", "!p:containsOwn({.python})")),
                row("`x`{.js}", List.of("code.language-js")),
                row("`x` {.js}", List.of("code:not([class])", "p:containsOwn({.js})")),
                row("`x`{.}", List.of("code:not([class])")),
                row("`a` and `b`{.css} and `c`", List.of("code.language-css:containsOwn(b)",
                        "code:not([class]):containsOwn(c)")),
                row("`x`{.py\" onclick=\"alert(1)}", List.of("code:not([class])", "![onclick]")));
    }

    @ParameterizedTest
    @MethodSource
    void inlineCode(String markdown, List<String> selectors, List<String> errors) {
        check(markdown, selectors, errors);
    }

    // ---- assets -----------------------------------------------------------------------------------------

    static Stream<Arguments> assets() {
        return Stream.of(
                row("![The diagram](asset:diagram.png)",
                        List.of("img.wte-asset-image[src=/wte/asset/1/diagram.png][alt=The diagram]")),
                row("![Logo](asset:logo.png)", List.of("img[src=/wte/asset/2/logo.png]")), // nearest first
                row("[the data](asset:data.csv)", List.of("a.wte-asset-download[href=/wte/asset/10/data.csv][download]"
                        + ":containsOwn(the data)")),
                row("[](asset:data.csv)", List.of("a.wte-asset-download:containsOwn(data.csv)")),
                row("![Lecture notes](asset:notes.pdf)", List.of("!img",
                        "a.wte-asset-download[href=/wte/asset/3/notes.pdf]:containsOwn(Lecture notes)")),
                row("[see the picture](asset:diagram.png)", List.of("!img", "a.wte-asset-download:containsOwn(see the picture)")),
                row("![plan](<asset:floor plan.png>)", List.of("img[src=/wte/asset/4/floor%20plan.png]")),
                row("![plan](asset:floor%20plan.png)", List.of("img[alt=plan]")),
                row("![d](asset:diagram.png \"A title\")", List.of("img[title=A title]")),
                row("Intro\n\n![x](asset:missing.png)", List.of("span.wte-markup-problem:containsOwn(missing.png)",
                        "!img"), "3: unknown file \"missing.png\""),
                row("[x](asset:)", List.of("span.wte-markup-problem"), "1: asset: needs the name of a file"),
                row("a\nb [x](ASSET:data.csv)", List.of("a.wte-asset-download")),
                row("| f |\n|---|\n| [x](asset:nope.zip) |", List.of("td span.wte-markup-problem"),
                        "3: unknown file \"nope.zip\""));
    }

    @ParameterizedTest
    @MethodSource
    void assets(String markdown, List<String> selectors, List<String> errors) {
        check(markdown, selectors, errors);
    }

    @Test
    void assetLookupFailureIsAnErrorNotACrash() {
        Rendered rendered = renderer.render("![x](asset:a.png)", name -> {
            throw new IllegalStateException("database down");
        });
        assertEquals(1, rendered.errors().size());
        assertEquals(1, rendered.errors().get(0).line());
    }

    // ---- cross-references ---------------------------------------------------------------------------

    static Stream<Arguments> crossReferences() {
        return Stream.of(
                row("See [](part:12).", List.of("span.wte-xref[data-wte-part=12]", "!a")),
                row("See [the intro](page:7).", List.of("span.wte-xref[data-wte-part=7]:containsOwn(the intro)")),
                row("[*x*](PART:0042)", List.of("span.wte-xref[data-wte-part=42] > em")),
                row("[x](part:abc)", List.of("!span.wte-xref", "p:containsOwn(x)"), "1: a cross-reference is written"),
                row("[x](part:12/evil)", List.of("!span.wte-xref"), "1: a cross-reference is written"),
                row("![x](part:12)", List.of("!img", "!span.wte-xref"), "1: a cross-reference is a link"));
    }

    @ParameterizedTest
    @MethodSource
    void crossReferences(String markdown, List<String> selectors, List<String> errors) {
        check(markdown, selectors, errors);
    }

    // ---- show/hide ----------------------------------------------------------------------------------

    static Stream<Arguments> showHide() {
        return Stream.of(
                row("```show-hide title=\"Solution\"\nThe answer is **42**.\n```", List.of(
                        "div.wte-showhide[data-wte-initial=closed] > button.wte-showhide-toggle[type=button]"
                                + "[aria-expanded=true][aria-controls^=wte-showhide-]:containsOwn(Solution)",
                        "div.wte-showhide > div.wte-showhide-body[id^=wte-showhide-] > p > strong")),
                row("```show-hide title=\"Hint\" open\nx\n```", List.of("div.wte-showhide[data-wte-initial=open]")),
                row("```show-hide\nx\n```", List.of("button:containsOwn(Show / hide)")),
                row("````show-hide title=\"Outer\"\n```python\nx\n```\n````",
                        List.of(".wte-showhide-body > pre > code.language-python")),
                row("`````show-hide title=\"Outer\"\n````show-hide title=\"Inner\"\ninner\n````\n`````",
                        List.of(".wte-showhide-body > .wte-showhide button:containsOwn(Inner)")),
                row("```show-hide title=\"<b>x</b>\"\nx\n```", List.of("button:containsOwn(<b>x</b>)", "!b")),
                row("```show-hide title=\"S\" colour=red\nx\n```", List.of(".wte-showhide"),
                        "1: unknown option \"colour\" for a show-hide block"),
                row("```show-hide open closed\nx\n```", List.of("div.wte-showhide[data-wte-initial=closed]"),
                        "1: either open or closed"),
                row("one\n\n```show-hide title=\"S\"\ntext\n\n![x](asset:gone.png)\n```", List.of(".wte-markup-problem"),
                        "6: unknown file \"gone.png\""));
    }

    @ParameterizedTest
    @MethodSource
    void showHide(String markdown, List<String> selectors, List<String> errors) {
        check(markdown, selectors, errors);
    }

    @Test
    void eachShowHideButtonControlsItsOwnBodyAndIdsDifferBetweenTexts() {
        String markdown = "```show-hide title=\"A\"\na\n```\n\n```show-hide title=\"B\"\nb\n```";
        Document html = Jsoup.parseBodyFragment(renderer.render(markdown, CONTEXT).html());
        List<String> ids = new ArrayList<>();
        for (Element box : html.select("div.wte-showhide")) {
            Element button = box.child(0);
            Element body = box.child(1);
            assertEquals(body.id(), button.attr("aria-controls"));
            ids.add(body.id());
        }
        assertEquals(2, Set.copyOf(ids).size());
        assertEquals(ids, Jsoup.parseBodyFragment(renderer.render(markdown, CONTEXT).html())
                .select(".wte-showhide-body").eachAttr("id"), "the same text renders the same ids");
        String other = Jsoup.parseBodyFragment(renderer.render(markdown + "\n\nmore", CONTEXT).html())
                .selectFirst(".wte-showhide-body").id();
        assertFalse(ids.contains(other), "another text gets other ids");
    }

    @Test
    void showHideNestedTooDeepIsAnError() {
        StringBuilder markdown = new StringBuilder();
        int levels = DirectiveNodeRenderer.MAX_DEPTH + 2;
        for (int i = 0; i < levels; i++) {
            markdown.append("`".repeat(3 + levels - i)).append("show-hide title=\"L").append(i).append("\"\n");
        }
        for (int i = levels - 1; i >= 0; i--) {
            markdown.append("`".repeat(3 + levels - i)).append("\n");
        }
        Rendered rendered = renderer.render(markdown.toString(), CONTEXT);
        assertEquals(1, rendered.errors().size(), rendered.errors()::toString);
        assertTrue(rendered.errors().get(0).message().contains("nested more than"));
        assertEquals(DirectiveNodeRenderer.MAX_DEPTH + 1, rendered.errors().get(0).line());
    }

    // ---- video --------------------------------------------------------------------------------------

    static Stream<Arguments> youTubeLinks() {
        return Stream.of(
                arguments("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
                arguments("https://youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
                arguments("http://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
                arguments("www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
                arguments("https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG&index=2",
                        "dQw4w9WgXcQ"),
                arguments("https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
                arguments("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90", "dQw4w9WgXcQ?start=90"),
                arguments("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s", "dQw4w9WgXcQ?start=90"),
                arguments("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s", "dQw4w9WgXcQ?start=90"),
                arguments("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1h2m3s", "dQw4w9WgXcQ?start=3723"),
                arguments("https://www.youtube.com/watch?v=dQw4w9WgXcQ#t=45", "dQw4w9WgXcQ?start=45"),
                arguments("https://m.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
                arguments("https://youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
                arguments("https://youtu.be/dQw4w9WgXcQ?t=90", "dQw4w9WgXcQ?start=90"),
                arguments("https://youtu.be/dQw4w9WgXcQ?si=AbCdEf123&t=5", "dQw4w9WgXcQ?start=5"),
                arguments("youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
                arguments("https://www.youtube.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
                arguments("https://www.youtube.com/embed/dQw4w9WgXcQ?start=5", "dQw4w9WgXcQ?start=5"),
                arguments("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=5&rel=0", "dQw4w9WgXcQ?start=5"),
                arguments("https://www.youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
                arguments("https://www.youtube.com/live/dQw4w9WgXcQ?t=0", "dQw4w9WgXcQ"),
                arguments("https://www.youtube.com/v/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
                arguments("  https://youtu.be/a-b_c-D_e-F  ", "a-b_c-D_e-F"));
    }

    @ParameterizedTest
    @MethodSource
    void youTubeLinks(String link, String embedded) {
        Rendered rendered = renderer.render("```video title=\"Intro\"\n" + link + "\n```", CONTEXT);
        assertEquals(List.of(), rendered.errors());
        Element frame = Jsoup.parseBodyFragment(rendered.html()).selectFirst("div.wte-video > iframe");
        assertNotNull(frame, rendered.html());
        assertEquals("https://www.youtube-nocookie.com/embed/" + embedded, frame.attr("src"));
        assertEquals("Intro", frame.attr("title"));
        assertTrue(frame.hasAttr("allowfullscreen"));
        assertEquals("strict-origin-when-cross-origin", frame.attr("referrerpolicy"));
    }

    static Stream<Arguments> rejectedVideoLinks() {
        return Stream.of(
                arguments("https://vimeo.com/76979871", "not a YouTube link"),
                arguments("javascript:alert(1)", "not a YouTube link"),
                arguments("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ", "not a YouTube link"),
                arguments("https://www.youtube.com@evil.example/watch?v=dQw4w9WgXcQ", "not a YouTube link"),
                arguments("ftp://youtube.com/watch?v=dQw4w9WgXcQ", "not a YouTube link"),
                arguments("https://www.youtube.com/watch?v=dQw4w9WgXc", "not a YouTube video id"),
                arguments("https://www.youtube.com/watch?v=dQw4w9WgXcQQ", "not a YouTube video id"),
                arguments("https://youtu.be/dQw4w9WgX\"Q", "not a YouTube"),
                arguments("https://www.youtube.com/watch?v=dQw4w9WgX%22Q", "not a YouTube video id"),
                arguments("https://www.youtube.com/watch?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG", "no video id"),
                arguments("https://www.youtube.com/channel/UC38IQsAvIsxxjztdMZQtwHA", "without a video"),
                arguments("https://youtu.be/", "no video id"),
                arguments("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=soon", "cannot read the start time"),
                arguments("not a link at all", "not a YouTube link"));
    }

    @ParameterizedTest
    @MethodSource
    void rejectedVideoLinks(String link, String message) {
        Rendered rendered = renderer.render("Intro\n\n```video\n" + link + "\n```", CONTEXT);
        assertEquals(1, rendered.errors().size(), rendered.errors()::toString);
        assertEquals(4, rendered.errors().get(0).line());
        assertTrue(rendered.errors().get(0).message().contains(message), rendered.errors()::toString);
        Document html = Jsoup.parseBodyFragment(rendered.html());
        assertTrue(html.select("iframe").isEmpty());
        assertFalse(html.select("p.wte-markup-problem").isEmpty());
    }

    static Stream<Arguments> videoBlocks() {
        return Stream.of(
                row("```video\nhttps://youtu.be/dQw4w9WgXcQ\n```", List.of("iframe[title=YouTube video][loading=lazy]")),
                row("```video\n\nhttps://youtu.be/dQw4w9WgXcQ\n\n```", List.of("iframe")),
                row("```video\n```", List.of("!iframe", "p.wte-markup-problem"), "1: has no YouTube link"),
                row("```video\nhttps://youtu.be/dQw4w9WgXcQ\nhttps://youtu.be/aaaaaaaaaaa\n```", List.of("iframe"),
                        "3: one video per block"),
                row("```video start=5\nhttps://youtu.be/dQw4w9WgXcQ\n```", List.of("iframe"),
                        "1: unknown option \"start\" for a video block"),
                row("```video title=\"\\\" onload=\\\"alert(1)\"\nhttps://youtu.be/dQw4w9WgXcQ\n```",
                        List.of("iframe", "![onload]"), "1: unknown option \"onload\" for a video block"));
    }

    @ParameterizedTest
    @MethodSource
    void videoBlocks(String markdown, List<String> selectors, List<String> errors) {
        check(markdown, selectors, errors);
    }

    // ---- quiz ---------------------------------------------------------------------------------------

    static Stream<Arguments> quizBlocks() {
        return Stream.of(
                row("```quiz key=\"week-1\"\n? Two plus two?\n- [ ] 3\n- [x] 4\n```", List.of(
                        "div.wte-quiz[data-quiz=week-1] > fieldset.wte-quiz-question[data-question=0]",
                        "legend.wte-quiz-text:containsOwn(Two plus two?)",
                        "input[type=radio][name=wte-quiz-week-1-0][value=0][data-choice=0]",
                        "input[type=radio][value=1]", "!input[checked]")),
                row("```quiz\n? Primes?\n- [x] 2\n- [x] 3\n- [ ] 4\n```", List.of("div.wte-quiz[data-quiz=quiz-1]",
                        "input[type=checkbox][name=wte-quiz-quiz-1-0]", "!input[type=radio]")),
                row("```quiz\n? `x`{.python} and *y*\n- [x] `<p>`\n- [ ] b\n```", List.of(
                        "legend > code.language-python", "legend > em", ".wte-quiz-choice-text > code:containsOwn(<p>)")),
                row("```quiz\n? a\n- [x] b\n- [ ] c\n```\n\n```quiz\n? d\n- [x] e\n- [ ] f\n```", List.of(
                        "div[data-quiz=quiz-1]", "div[data-quiz=quiz-2]")),
                row("```quiz key=\"k\"\n? a\n- [x] b\n- [ ] c\n```\n\n```quiz key=\"k\"\n? d\n- [x] e\n- [ ] f\n```",
                        List.of("div[data-quiz=k]", "p.wte-markup-problem"), "7: two quizzes in this page have the key"),
                row("```quiz key=\"bad key!\"\n? a\n- [x] b\n- [ ] c\n```", List.of("div[data-quiz=quiz-1]"),
                        "1: a quiz key is"),
                row("text\n\n```quiz\n? a\n- [ ] b\n- [ ] c\n```", List.of("!div.wte-quiz", "p.wte-markup-problem"),
                        "4: no correct answer"),
                row("```quiz\n```", List.of("!div.wte-quiz"), "1: the quiz has no question"),
                row("```quiz\n? q\n- [x] ![pic](asset:gone.png)\n- [ ] b\n```", List.of(".wte-quiz .wte-markup-problem"),
                        "2: unknown file \"gone.png\""));
    }

    @ParameterizedTest
    @MethodSource
    void quizBlocks(String markdown, List<String> selectors, List<String> errors) {
        check(markdown, selectors, errors);
    }

    @Test
    void validQuizzesAreReturnedInSourceOrderWithTheirLines() {
        Rendered rendered = renderer.render("# Q\n\n```quiz key=\"a\"\n? x\n- [x] 1\n- [ ] 2\n```\n\n"
                + "````show-hide\n```quiz key=\"b\"\n? y\n- [ ] 1\n- [x] 2\n```\n````\n\n```quiz\n? broken\n```", CONTEXT);
        assertEquals(List.of("a@3", "b@10"),
                rendered.quizzes().stream().map(q -> q.key() + "@" + q.line()).toList());
        assertEquals(1, rendered.errors().size());
    }

    // ---- errors and robustness ------------------------------------------------------------------

    @Test
    void errorsAreSortedByLine() {
        Rendered rendered = renderer.render("```quiz\n? a\n```\n\n![x](asset:a)\n\n```video\nhttps://vimeo.com/1\n```\n"
                + "[x](asset:b)", CONTEXT);
        List<Integer> lines = rendered.errors().stream().map(MarkupError::line).toList();
        assertEquals(lines.stream().sorted().toList(), lines);
        assertEquals(List.of(2, 5, 8, 10), lines);
    }

    static Stream<String> hostileInputs() {
        return Stream.of(
                null, "", "\u0000", "\uFFFF\uD800", ">".repeat(50_000) + " deep", "[".repeat(50_000),
                "*".repeat(50_000) + "a" + "_".repeat(50_000), "- ".repeat(20_000) + "x",
                "```show-hide\n".repeat(200), "`".repeat(10_000), "| a |\n|---|\n" + "| b |\n".repeat(5_000),
                "![".repeat(5_000) + "](asset:x)".repeat(5_000), "&#0; &#xD800; &#99999999;");
    }

    @ParameterizedTest
    @MethodSource("hostileInputs")
    void hostileInputsNeverThrow(String markdown) {
        Rendered rendered = renderer.render(markdown, CONTEXT);
        assertNotNull(rendered.html());
        assertNotNull(rendered.errors());
    }

    @Test
    void aRendererFailureGivesEscapedTextAndAnErrorAtLineZero() {
        Rendered rendered = renderer.render("<b>x</b> ![x](asset:a.png)", name -> {
            throw new StackOverflowError("simulated");
        });
        assertEquals(List.of(0), rendered.errors().stream().map(MarkupError::line).toList());
        Document html = Jsoup.parseBodyFragment(rendered.html());
        assertEquals("<b>x</b> ![x](asset:a.png)", html.selectFirst("pre.wte-markup-fallback").text());
        assertTrue(html.select("b").isEmpty());
    }

    @Test
    void oneRendererServesManyThreads() {
        String markdown = MarkupHelp.markdown() + "\n\n```quiz\n? a\n- [x] b\n- [ ] c\n```\n\n![x](asset:gone.png)";
        Rendered expected = renderer.render(markdown, CONTEXT);
        List<Rendered> results = java.util.stream.IntStream.range(0, 64).parallel()
                .mapToObj(i -> renderer.render(markdown, CONTEXT)).toList();
        for (Rendered result : results) {
            assertEquals(expected, result);
        }
    }

    @Test
    void nullContextMeansNoAssets() {
        Rendered rendered = renderer.render("![x](asset:a.png)", null);
        assertEquals(1, rendered.errors().size());
    }

    // ---- the help page and the static files -------------------------------------------------------

    @Test
    void theHelpPageRendersWithoutErrorsAndShowsEveryDirective() {
        Rendered rendered = renderer.render(MarkupHelp.markdown(), MarkupContext.NONE);
        assertEquals(List.of(), rendered.errors());
        String source = MarkupHelp.markdown();
        for (String directive : List.of("```show-hide", "```video", "```quiz", "asset:", "part:", "page:",
                "filename=", "linenos", "no-select", "{.python}", "- [x]", "??", "| Tag")) {
            assertTrue(source.contains(directive), directive);
        }
        Document html = Jsoup.parseBodyFragment(rendered.html());
        assertFalse(html.select("figure.wte-code.wte-no-select span.wte-line[data-line=10]").isEmpty());
        assertFalse(html.select("div.wte-showhide").isEmpty());
        assertFalse(html.select("table").isEmpty());
    }

    @Test
    void theStylesheetAndScriptCoverTheClassesTheRendererWrites() throws IOException {
        String css = Files.readString(Path.of("webapp/static/css/markup.css"));
        String script = Files.readString(Path.of("webapp/static/js/wte-markup.js"));
        Rendered rendered = renderer.render(MarkupHelp.markdown() + "\n\n[x](asset:missing)\n\n"
                + "```quiz\n? a\n- [x] b\n- [ ] c\n```\n\n```video\nhttps://youtu.be/dQw4w9WgXcQ\n```", CONTEXT);
        List<String> classes = new ArrayList<>(Jsoup.parseBodyFragment(rendered.html()).select("[class]").stream()
                .flatMap(e -> e.classNames().stream()).filter(c -> c.startsWith("wte-")).distinct().toList());
        classes.removeAll(List.of("wte-code-linenos", "wte-quiz-choice-text", "wte-code-gutter-2", "wte-asset-download",
                "wte-xref", "wte-video-frame"));
        List<String> unstyled = classes.stream().filter(c -> !css.contains("." + c)).collect(Collectors.toList());
        assertEquals(List.of(), unstyled);
        assertTrue(css.contains("content: attr(data-line)"));
        assertTrue(css.matches("(?s).*\\.wte-no-select[^{]*\\{[^}]*user-select: none.*"));
        assertTrue(script.contains("aria-expanded") && script.contains("data-wte-initial"));
        assertFalse(script.contains("innerHTML"), "the script never writes HTML");
    }

    @Test
    void assetContextLooksUpNearestFirst() {
        assertEquals(Optional.of("/wte/asset/2/logo.png"), CONTEXT.asset("logo.png").map(AssetLink::url));
        assertEquals(Optional.of("/wte/asset/10/data.csv"), CONTEXT.asset("data.csv").map(AssetLink::url));
        assertEquals(Optional.empty(), CONTEXT.asset("nothing"));
        assertTrue(new AssetLink("a", "u", "IMAGE/PNG").isImage());
        assertTrue(new AssetLink("a", "u", "image/svg+xml").isImage());
        assertFalse(new AssetLink("a", "u", "text/html").isImage());
        assertFalse(new AssetLink("a", "u", null).isImage());
    }
}
