package org.wte.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The reStructuredText converter, construct by construct: the exact Markdown and the report. */
class RstToMarkdownTest {
    /** Part 3 is in the file (ref "3"); logo.png is an image, data.csv is not. */
    static final RstToMarkdown.Links LINKS = new RstToMarkdown.Links() {
        @Override
        public Optional<String> part(String id) {
            return Map.of("3", "3", "5", "5").containsKey(id) ? Optional.of(id) : Optional.empty();
        }

        @Override
        public Optional<String> assetMimeType(String name) {
            return Optional.ofNullable(Map.of("logo.png", "image/png", "data.csv", "text/csv").get(name));
        }
    };

    private static RstToMarkdown.Result convert(String rst) {
        return RstToMarkdown.convert(rst, "Page 'Forms'", "Forms", LINKS);
    }

    private static void converts(String rst, String markdown) {
        RstToMarkdown.Result result = convert(rst);
        assertEquals(markdown + "\n", result.markdown());
        assertEquals(List.of(), result.report());
    }

    private static void reports(String rst, String markdown, String... report) {
        RstToMarkdown.Result result = convert(rst);
        assertEquals(markdown + "\n", result.markdown());
        assertEquals(List.of(report), result.report());
    }

    // ---- sections -----------------------------------------------------------------------------------------

    @Test
    void sectionLevelsFollowTheOrderOfTheirAdornments() {
        converts("Intro\n\nOne\n*****\n\ntext\n\nTwo\n+++\n\nThree\n*****",
                "Intro\n\n## One\n\ntext\n\n### Two\n\n## Three");
    }

    @Test
    void anOverlinedTitleIsItsOwnStyle() {
        converts("Intro\n\n=====\n One\n=====\n\nTwo\n=====\n\nThree\n=====",
                "Intro\n\n## One\n\n### Two\n\n### Three");
    }

    @Test
    void aTextThatIsOneSectionLosesItsTitleAsInTheOriginal() {
        converts("Forms\n=====\n\nText.\n\nPart\n----\n\nMore.\n\nPart two\n--------",
                "Text.\n\n## Part\n\nMore.\n\n## Part two");
    }

    @Test
    void aPromotedTitleThatDiffersFromThePageTitleIsReported() {
        reports("Something else\n==============\n\nText.", "Text.",
                "Page 'Forms', line 1: the heading 'Something else' was the title of the text in the original and"
                        + " not shown; it was left out");
    }

    @Test
    void aLoneFirstSubsectionBecameTheSubtitle() {
        reports("Forms\n=====\n\nSub\n---\n\nText.\n\nDeeper\n~~~~~~", "Text.\n\n## Deeper",
                "Page 'Forms', line 4: the heading 'Sub' was the subtitle of the text in the original and not shown;"
                        + " it was left out");
    }

    @Test
    void twoTopSectionsKeepTheirHeadings() {
        converts("One\n===\n\nA\n\nTwo\n===\n\nB", "## One\n\nA\n\n## Two\n\nB");
    }

    @Test
    void headingsKeepInlineMarkupAndATrailingHash() {
        converts("Intro\n\nThe ``<p>`` element\n-------------------\n\nLearning C #\n------------",
                "Intro\n\n## The `<p>` element\n\n## Learning C \\#");
    }

    @Test
    void aTransitionIsARule() {
        converts("A\n\n----------\n\nB", "A\n\n---\n\nB");
    }

    // ---- inline -------------------------------------------------------------------------------------------

    @Test
    void emphasisStrongAndLiterals() {
        converts("*em* **strong** ``x = `y``` and ``a*b``", "*em* **strong** `` x = `y` `` and `a*b`");
    }

    @Test
    void plainTextIsEscapedForMarkdown() {
        converts("3 * 4 and a_b, <div> & [x] | ~~no~~ \\*lit\\*", "3 \\* 4 and a\\_b, \\<div\\> \\& \\[x\\] \\| \\~\\~no\\~\\~ \\*lit\\*");
    }

    @Test
    void lineStartsThatMarkdownWouldReadAsBlocksAreEscaped() {
        converts("A sentence ending\n- with a dash\n# and a hash\n1. and a number", "A sentence ending\n\\- with a dash\n\\# and a hash\n1\\. and a number");
    }

    @Test
    void defaultRoleIsItalic() {
        converts("The `Title` of a book", "The *Title* of a book");
    }

    @Test
    void codeRolesKeepTheirLanguage() {
        converts("Call :code-python:`print(\"hi\")` and :code-html:`<p>`.",
                "Call `print(\"hi\")`{.python} and `<p>`{.html}.");
    }

    @Test
    void unknownRolesAreKeptAsCodeAndReported() {
        reports("See :math:`x^2`.", "See `` :math:`x^2` ``.",
                "Page 'Forms', line 1: the role 'math' was kept as text");
    }

    @Test
    void styleRoleKeepsOnlyTheText() {
        reports("A :style:`red<color:red>` word", "A red word",
                "Page 'Forms', line 1: the style of 'red' was not carried over (styles are not kept; the text is)");
    }

    // ---- links --------------------------------------------------------------------------------------------

    @Test
    void embeddedNamedAndAnonymousLinks() {
        converts("`Python <https://python.org>`_, `docs`_, Docs_ again, `this`__ and `that <mailto:a@b.org>`__\n\n"
                        + ".. _docs: https://docs.example.org/\n.. __: https://anon.example.org/",
                "[Python](<https://python.org>), [docs](<https://docs.example.org/>), [Docs](<https://docs.example.org/>)"
                        + " again, [this](<https://anon.example.org/>) and [that](<mailto:a@b.org>)");
    }

    @Test
    void bareUrisBecomeAutolinks() {
        converts("Go to https://example.org/a_b.", "Go to <https://example.org/a_b>.");
    }

    @Test
    void relativeLinksAndSectionReferences() {
        converts("`next <../page>`_ and `Below`_\n\nBelow\n-----\n\ntext\n\nOther\n-----",
                "[next](<../page>) and [Below](<#below>)\n\n## Below\n\ntext\n\n## Other");
    }

    @Test
    void javascriptLinksAreDroppedAndReported() {
        reports("`click <javascript:alert(1)>`_", "click",
                "Page 'Forms', line 1: the link to 'javascript:alert(1)' was dropped (only http, https, mailto and"
                        + " relative links are kept); its text stays");
    }

    @Test
    void aReferenceWithoutTargetKeepsItsText() {
        reports("see nowhere_ now", "see nowhere now",
                "Page 'Forms', line 1: the link 'nowhere' has no target; only its text was kept");
    }

    // ---- lists --------------------------------------------------------------------------------------------

    @Test
    void nestedBulletAndEnumeratedLists() {
        converts("- one\n- two\n\n  1. a\n  2. b\n\n- three", "- one\n- two\n  1. a\n  2. b\n- three");
    }

    @Test
    void itemsHoldDirectives() {
        converts("- .. sourcecode:: html\n\n     <p>\n\n- :asset:`logo.png`", "- ```html\n  <p>\n  ```\n- ![logo.png](asset:logo.png)");
        converts("10. text\n\n    .. note:: Careful.", "10. text\n\n    > **Note**\n    >\n    > Careful.");
    }

    @Test
    void enumeratedListsKeepTheirStart() {
        converts("3. c\n4. d", "3. c\n4. d");
        converts("#. auto\n#. numbered", "1. auto\n2. numbered");
        converts("(a) first\n(b) second", "1. first\n2. second");
    }

    @Test
    void anItemWithTwoParagraphsMakesALooseList() {
        converts("- one\n\n  more\n- two", "- one\n\n  more\n\n- two");
    }

    @Test
    void definitionListsBecomeBoldTerms() {
        converts("HTML\n   The markup.\nCSS\n   The style.", "- **HTML**\n\n  The markup.\n\n- **CSS**\n\n  The style.");
    }

    @Test
    void twoListsInARowStayTwoLists() {
        converts("- a\n\nterm\n   text\n\n- b", "- a\n\n* **term**\n\n  text\n\n- b");
        converts("1. a\n\n- x\n\n#. b", "1. a\n\n- x\n\n1. b");
        converts("1. a\n\n::\n\n   code\n\n2. b", "1. a\n\n```\ncode\n```\n\n2. b");
    }

    @Test
    void fieldLists() {
        converts(":Author: Jane\n:Year: 2015", "- **Author:** Jane\n- **Year:** 2015");
    }

    @Test
    void blockQuotes() {
        converts("Said:\n\n   Quoted *words*.", "Said:\n\n> Quoted *words*.");
    }

    // ---- literal and code blocks ------------------------------------------------------------------------------

    @Test
    void literalBlocksAfterDoubleColons() {
        converts("Example::\n\n    x = 1\n      y\n\nAfter.", "Example:\n\n```\nx = 1\n  y\n```\n\nAfter.");
        converts("Example ::\n\n    x", "Example\n\n```\nx\n```");
        converts("::\n\n    x", "```\nx\n```");
    }

    @Test
    void sourcecodeWithItsOptions() {
        converts(".. sourcecode:: python\n   :filename: app.py\n   :linenos: 10\n   :no-select:\n\n   print(1)\n\n   print(2)",
                "```python filename=\"app.py\" linenos=10 no-select\nprint(1)\n\nprint(2)\n```");
        converts(".. sourcecode:: html\n   :linenos: 1\n   :no-select: false\n\n   <p>", "```html linenos\n<p>\n```");
        converts(".. code:: javascript\n\n   a()", "```javascript\na()\n```");
    }

    @Test
    void codeContainingFencesGetsALongerFence() {
        converts(".. sourcecode:: markdown\n\n   ```\n   x\n   ```", "````markdown\n```\nx\n```\n````");
    }

    @Test
    void aFileNameWithDoubleQuotesIsSingleQuoted() {
        converts(".. sourcecode:: text\n   :filename: say \"hi\".txt\n\n   hi", "```text filename='say \"hi\".txt'\nhi\n```");
    }

    // ---- assets, images, cross-references ------------------------------------------------------------------

    @Test
    void assetRolesByMimeType() {
        converts(":asset:`logo.png` :asset:`Our logo<parent:logo.png>` :asset:`data.csv` :asset:`The data<data.csv>`",
                "![logo.png](asset:logo.png) ![Our logo](asset:logo.png) [](asset:data.csv) [The data](asset:data.csv)");
    }

    @Test
    void anAssetThatIsNotInTheFileIsKeptAndReported() {
        reports(":asset:`gone.pdf`", "[](asset:gone.pdf)",
                "Page 'Forms', line 1: no file 'gone.pdf' is attached to this part or above it in the export (the"
                        + " link was kept: attach the file or remove the link)");
    }

    @Test
    void imagesAndFigures() {
        converts(".. image:: logo.png\n   :alt: The logo\n   :width: 200", "![The logo](asset:logo.png)");
        converts(".. image:: https://example.org/a.png", "![](<https://example.org/a.png>)");
        converts(".. figure:: /parts/7/files/name/assets/logo.png\n   :alt: Logo\n\n   The caption.",
                "![Logo](asset:logo.png)\n\n*The caption.*");
        converts(".. figure:: logo.png\n\n   A *fine* logo.\n\n   The legend.",
                "![logo.png](asset:logo.png)\n\nA *fine* logo.\n\nThe legend.");
        converts(".. image:: logo.png\n   :target: https://example.org", "[![logo.png](asset:logo.png)](<https://example.org>)");
    }

    @Test
    void unsafeImagesAreDropped() {
        reports(".. image:: javascript:alert(1)\n   :alt: x", "x",
                "Page 'Forms', line 1: the image 'javascript:alert(1)' was dropped (only http, https, relative"
                        + " addresses and the export's files are kept)");
    }

    @Test
    void crossReferencesInsideAndOutsideTheFile() {
        converts("See :crossref:`3` and :crossref:`the intro<5>`.", "See [](part:3) and [the intro](part:5).");
        reports(":crossref:`A<3>` and :crossref:`B<9>` and :crossref:`external`",
                "[A](part:3) and [B](part:external) and [](part:external)",
                "Page 'Forms', line 1: the cross-reference to part 9 leads outside the export; it was kept as"
                        + " part:external",
                "Page 'Forms', line 1: the cross-reference leads outside the export (external); it was kept as"
                        + " part:external");
    }

    @Test
    void twoTitledCrossReferencesOnOneLineBothConvert() {
        converts(":crossref:`A<3>` and :crossref:`B<5>`", "[A](part:3) and [B](part:5)");
    }

    // ---- WTE directives -------------------------------------------------------------------------------------

    @Test
    void youtubeBecomesAVideoBlock() {
        converts(".. youtube:: https://youtu.be/dQw4w9WgXcQ", "```video\nhttps://youtu.be/dQw4w9WgXcQ\n```");
        converts(".. youtube:: https://www.youtube.com/embed/dQw4w9WgXcQ",
                "```video\nhttps://www.youtube.com/embed/dQw4w9WgXcQ\n```");
        // The original's 1.2 form: the id after the last "/".
        converts(".. youtube:: https://www.youtube.com/dQw4w9WgXcQ", "```video\nhttps://youtu.be/dQw4w9WgXcQ\n```");
    }

    @Test
    void everyConvertedVideoFormIsOneWteEmbeds() {
        for (String url : List.of("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/embed/dQw4w9WgXcQ",
                "https://www.youtube.com/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90",
                "http://m.youtube.com/watch?v=dQw4w9WgXcQ")) {
            org.wte.markup.Rendered rendered = new org.wte.markup.MarkupRenderer().render(
                    convert(".. youtube:: " + url).markdown(), org.wte.markup.MarkupContext.NONE);
            assertEquals(List.of(), rendered.errors(), url);
            assertTrue(rendered.html().contains("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"), rendered.html());
        }
    }

    @Test
    void aVideoElsewhereIsKeptAndReported() {
        reports(".. youtube:: https://vimeo.com/1234", "```rst\n.. youtube:: https://vimeo.com/1234\n```",
                "Page 'Forms', line 1: the video 'https://vimeo.com/1234' is not a YouTube link and was kept as text");
        reports(".. youtube:: https://youtu.be/x\"onload=\"alert(1)",
                "```rst\n.. youtube:: https://youtu.be/x\"onload=\"alert(1)\n```",
                "Page 'Forms', line 1: the video 'https://youtu.be/x\"onload=\"alert(1)' is not a YouTube link and"
                        + " was kept as text");
    }

    @Test
    void showHideKeepsItsInitialState() {
        converts(".. show-hide::\n   :title: Solution\n   :initial: hidden\n\n   The *answer*.",
                "```show-hide title=\"Solution\"\nThe *answer*.\n```");
        converts(".. show-hide::\n   :title: Notes\n\n   Open.", "```show-hide title=\"Notes\" open\nOpen.\n```");
    }

    @Test
    void nestedBlocksGetLongerFences() {
        converts(".. show-hide::\n   :title: Outer\n   :initial: hidden\n\n   .. show-hide::\n      :title: Inner\n"
                        + "      :initial: hidden\n\n      .. sourcecode:: html\n\n         <p>",
                "`````show-hide title=\"Outer\"\n````show-hide title=\"Inner\"\n```html\n<p>\n```\n````\n`````");
    }

    @Test
    void quizzesBecomeQuizBlocks() {
        converts(".. quiz:: week1\n   :title: Check yourself\n\n   .. quiz-question:: q1\n      :question: What is"
                        + " ``<p>``?\n      :type: single-choice\n\n      A paragraph [x]\n      A picture\n\n"
                        + "   .. quiz-question:: q2\n      :question: Which are inline?\n      :type: multi-choice\n\n"
                        + "      [x] span\n      div",
                "**Check yourself**\n\n```quiz key=\"week1\"\n? What is `<p>`?\n- [x] A paragraph\n- [ ] A picture\n\n"
                        + "?? Which are inline?\n- [x] span\n- [ ] div\n```");
    }

    @Test
    void quizProblemsAreReported() {
        reports(".. quiz:: q\n\n   .. quiz-question:: a\n      :question: Only one?\n\n      [x] yes",
                "```quiz key=\"q\"\n? Only one?\n- [x] yes\n```",
                "Page 'Forms', line 3: the question 'a' of the quiz 'q' has fewer than two answers; WTE shows the"
                        + " quiz with an error until it is fixed");
        reports(".. quiz:: q\n\n   Intro.\n\n   .. quiz-question:: a\n      :question: Q?\n\n      x\n      y",
                "Intro.\n\n```quiz key=\"q\"\n? Q?\n- [ ] x\n- [ ] y\n```",
                "Page 'Forms', line 1: the text inside the quiz that is not a question was put before it",
                "Page 'Forms', line 5: the question 'a' of the quiz 'q' has no correct answer; WTE shows the quiz"
                        + " with an error until one is marked [x]");
    }

    @Test
    void twoQuizzesWithOneIdGetTwoKeys() {
        RstToMarkdown.Result result = convert(".. quiz:: q\n\n   .. quiz-question:: a\n      :question: A?\n\n"
                + "      [x] y\n      n\n\n.. quiz:: q\n\n   .. quiz-question:: a\n      :question: B?\n\n      [x] y\n      n");
        assertTrue(result.markdown().contains("```quiz key=\"q\"\n? A?"), result.markdown());
        assertTrue(result.markdown().contains("```quiz key=\"q-2\"\n? B?"), result.markdown());
        assertEquals(List.of("Page 'Forms', line 9: two quizzes have the id 'q'; this one's key is 'q-2'"),
                result.report());
    }

    @Test
    void admonitionsBecomeQuotesWithALabel() {
        converts(".. note:: Mind the gap.", "> **Note**\n>\n> Mind the gap.");
        converts(".. warning::\n\n   Hot.\n\n   - a", "> **Warning**\n>\n> Hot.\n>\n> - a");
        converts(".. admonition:: Did you know?\n\n   Yes.", "> **Did you know?**\n>\n> Yes.");
    }

    // ---- tables -------------------------------------------------------------------------------------------

    @Test
    void simpleTables() {
        converts("=====  ========\nTag    Meaning\n=====  ========\n``p``  paragraph\nbr     line\n       break\n"
                        + "=====  ========", "| Tag | Meaning |\n| --- | --- |\n| `p` | paragraph |\n| br | line break |");
        converts("==  ==\na   b\nc   d\n==  ==", "|   |   |\n| --- | --- |\n| a | b |\n| c | d |");
    }

    @Test
    void gridTables() {
        converts("+-----+-------+\n| A   | B     |\n+=====+=======+\n| 1   | two   |\n|     | lines |\n+-----+-------+\n"
                + "| a|b | c     |\n+-----+-------+", "| A | B |\n| --- | --- |\n| 1 | two lines |\n| a\\|b | c |");
    }

    @Test
    void tablesWithSpansAreKeptAndReported() {
        String grid = "+---+---+\n| merged|\n+---+---+";
        reports(grid, "```rst\n" + grid + "\n```", "Page 'Forms', line 1: a table with merged cells was kept as text");
        String simple = "=====  =====\nA      B\n-------------\n1      2\n=====  =====";
        reports(simple, "```rst\n" + simple + "\n```", "Page 'Forms', line 1: a table with merged cells was kept as text");
    }

    // ---- what cannot be converted ---------------------------------------------------------------------------

    @Test
    void unknownDirectivesAreKeptVerbatim() {
        reports("Text\n\n.. raw:: html\n\n   <b>x</b>\n\nAfter", "Text\n\n```rst\n.. raw:: html\n\n   <b>x</b>\n```\n\nAfter",
                "Page 'Forms', line 3: the directive 'raw' was kept as text");
        reports(".. contents::", "```rst\n.. contents::\n```", "Page 'Forms', line 1: the directive 'contents' was kept as text");
        reports(".. include:: other.rst", "```rst\n.. include:: other.rst\n```",
                "Page 'Forms', line 1: the directive 'include' was kept as text");
    }

    @Test
    void footnotesAndSubstitutionsAreKeptAndReported() {
        reports("Said [1]_.\n\n.. [1] A note.", "Said \\[1\\]\\_.\n\n```rst\n.. [1] A note.\n```",
                "Page 'Forms', line 1: the footnote reference '[1]_' was kept as text",
                "Page 'Forms', line 3: the footnote was kept as text");
        reports("A |logo| here.\n\n.. |logo| image:: logo.png", "A \\|logo\\| here.\n\n```rst\n.. |logo| image:: logo.png\n```",
                "Page 'Forms', line 1: the substitution '|logo|' was kept as text",
                "Page 'Forms', line 3: the substitution definition was kept as text");
    }

    @Test
    void commentsAndTargetsAreNotShown() {
        converts(".. a comment\n   on two lines\n\nText\n\n.. _target: https://example.org", "Text");
    }

    @Test
    void tabsAndWindowsLineEndings() {
        converts("Example::\r\n\r\n\tx\r\n", "Example:\n\n```\nx\n```");
    }

    @Test
    void deepNestingIsKeptAsTextInsteadOfOverflowing() {
        RstToMarkdown.Result result = convert("- ".repeat(5000) + "x");
        assertTrue(result.markdown().contains("```rst\n"), result.markdown());
        assertTrue(result.markdown().strip().endsWith("- x\n" + " ".repeat(64) + "```"), result.markdown());
        assertEquals(List.of("Page 'Forms', line 1: the text is nested more than 32 levels deep and was kept as text"),
                result.report());
    }

    /** Long texts made to make a naive parser quadratic convert quickly (the timeout is only a safety net). */
    @Test
    void longHostileParagraphsStayLinear() {
        List<String> texts = List.of(" *a".repeat(200_000), "a.".repeat(200_000) + "_", " `x".repeat(200_000),
                ":crossref:`" + "<".repeat(200_000), "|a ".repeat(200_000), "- x\n".repeat(50_000));
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () -> {
            for (String text : texts) {
                assertTrue(convert(text).markdown().length() >= text.length() / 2);
            }
        });
    }

    /** Fragments of reST glued at random (fixed seed): the converter never throws and always ends. */
    @Test
    void arbitraryTextNeverThrows() {
        String[] pieces = {"\n", "\n\n", "   ", "\t", "- ", "1. ", "#. ", "(a) ", "* ", "**", "*", "``", "`", "_", "__",
            ":crossref:`", ":asset:`", ":code-js:`", ":style:`", "<", ">", "<3>", "<x>", "::", ".. ", ".. sourcecode:: py",
            ".. quiz:: q", ".. quiz-question:: a", ".. show-hide::", ".. youtube:: ", ".. image:: ", ":title: T",
            ":initial: hidden", ":question: Q", "[x] ", "=====", "-----", "+---+---+", "| a | b |", "===  ===", "|x|",
            "[1]_", "text", "word ", "https://example.org/", "javascript:x", "\\", "\"", "'", ">>> ", ".. _t: u",
            "`t`_", "t_", "\u00e9", "\ud83c\udf89", "\r\n"};
        java.util.Random random = new java.util.Random(7);
        org.wte.markup.MarkupRenderer renderer = new org.wte.markup.MarkupRenderer();
        for (int doc = 0; doc < 1000; doc++) {
            StringBuilder rst = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                rst.append(pieces[random.nextInt(pieces.length)]);
            }
            RstToMarkdown.Result result = convert(rst.toString());
            // The renderer falls back to plain text only on its own failures, never on the converter's output.
            assertTrue(renderer.render(result.markdown(), org.wte.markup.MarkupContext.NONE).errors().stream()
                    .noneMatch(e -> e.line() == 0), () -> "renderer failed on\n" + result.markdown());
        }
    }

    @Test
    void emptyContent() {
        assertEquals("", convert("").markdown());
        assertEquals("", convert("   \n\n").markdown());
    }
}
