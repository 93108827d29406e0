package org.wte.markup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wte.markup.QuizDefinition.Choice;
import org.wte.markup.QuizDefinition.Question;

class QuizMarkupTest {
    /** The quiz blocks in these tests open on line 5, so their bodies start on line 6. */
    static final int FENCE_LINE = 5;

    static Stream<Arguments> validQuizzes() {
        return Stream.of(
                arguments("? Two plus two?\n- [ ] 3\n- [x] 4", List.of(
                        new Question("Two plus two?", false, List.of(new Choice("3", false), new Choice("4", true))))),
                arguments("?Two plus two?\n* [X] 4\n+ [ ] 5", List.of(
                        new Question("Two plus two?", false, List.of(new Choice("4", true), new Choice("5", false))))),
                arguments("? Primes?\n- [x] 2\n- [x] 3\n- [ ] 4", List.of(
                        new Question("Primes?", true, List.of(new Choice("2", true), new Choice("3", true),
                                new Choice("4", false))))),
                arguments("?? Tick all that apply\n- [x] a\n- [ ] b", List.of(
                        new Question("Tick all that apply", true, List.of(new Choice("a", true), new Choice("b", false))))),
                arguments("\n? First\n- [x] a\n- [ ] b\n\n\n? Second\n- [ ] c\n- [x] d\n", List.of(
                        new Question("First", false, List.of(new Choice("a", true), new Choice("b", false))),
                        new Question("Second", false, List.of(new Choice("c", false), new Choice("d", true))))),
                arguments("? A long\n  question\n- [x] a long\n    choice\n- [ ] b", List.of(
                        new Question("A long question", false, List.of(new Choice("a long choice", true),
                                new Choice("b", false))))),
                arguments("? Empty brackets are wrong answers\n- [] a\n- [x] b", List.of(
                        new Question("Empty brackets are wrong answers", false, List.of(new Choice("a", false),
                                new Choice("b", true))))),
                arguments("  ? Indented\n  - [x] a\n  - [ ] b", List.of(
                        new Question("Indented", false, List.of(new Choice("a", true), new Choice("b", false))))),
                arguments("? What is `1 < 2`?\n- [x] `true`\n- [ ] **false**", List.of(
                        new Question("What is `1 < 2`?", false, List.of(new Choice("`true`", true),
                                new Choice("**false**", false))))));
    }

    @ParameterizedTest
    @MethodSource
    void validQuizzes(String body, List<Question> questions) {
        QuizMarkup.Parsed parsed = QuizMarkup.parse("k", FENCE_LINE, body);
        assertEquals(List.of(), parsed.errors());
        assertEquals(new QuizDefinition(FENCE_LINE, "k", questions), parsed.quiz().orElseThrow());
    }

    @Test
    void questionLinesAreTheirSourceLines() {
        QuizMarkup.Parsed parsed = QuizMarkup.parse("k", FENCE_LINE, "\n? a\n- [x] 1\n- [ ] 2\n\n? b\n- [x] 1\n- [ ] 2");
        assertEquals(List.of(7, 11), parsed.questionLines());
    }

    static Stream<Arguments> invalidQuizzes() {
        return Stream.of(
                arguments("", List.of("5: the quiz has no question")),
                arguments("\n\n", List.of("5: the quiz has no question")),
                arguments("? Lonely question", List.of("6: the question has no choices")),
                arguments("? q\n- [ ] a\n- [ ] b", List.of("6: the question has no correct answer")),
                arguments("? q\n- [x] a", List.of("6: only one choice")),
                arguments("- [x] a\n- [ ] b", List.of("6: a choice before the first question",
                        "7: a choice before the first question")),
                arguments("?\n- [x] a\n- [ ] b", List.of("6: a question needs a text")),
                arguments("? q\n- [x]\n- [ ] b", List.of("7: a choice needs a text")),
                arguments("? q\n- [y] a\n- [x] b\n- [ ] c", List.of("7: cannot read the choice")),
                arguments("? q\n- a\n- [x] b\n- [ ] c", List.of("7: cannot read the choice")),
                arguments("? q\n[x] a\n- [x] b\n- [ ] c", List.of("7: cannot read the choice")),
                arguments("? q\nstray text\n- [x] b\n- [ ] c", List.of("7: a question starts with ?")),
                arguments("? q\n- [x] a\n- [ ] b\n\n? r\n- [ ] c\n- [ ] d\n\n? s",
                        List.of("10: the question has no correct answer", "14: the question has no choices")));
    }

    @ParameterizedTest
    @MethodSource
    void invalidQuizzes(String body, List<String> expected) {
        QuizMarkup.Parsed parsed = QuizMarkup.parse("k", FENCE_LINE, body);
        assertTrue(parsed.quiz().isEmpty());
        assertEquals(expected.size(), parsed.errors().size(), parsed.errors()::toString);
        for (int i = 0; i < expected.size(); i++) {
            String want = expected.get(i);
            MarkupError error = parsed.errors().get(i);
            assertEquals(Integer.parseInt(want.substring(0, want.indexOf(':'))), error.line(), error::toString);
            assertTrue(error.message().contains(want.substring(want.indexOf(':') + 2)), error::toString);
        }
    }

    /** Moving the [x] marks changes the stored quiz, never the HTML: the browser cannot learn the answers. */
    @Test
    void theHtmlNeverSaysWhichChoicesAreCorrect() {
        MarkupRenderer renderer = new MarkupRenderer();
        Rendered first = renderer.render("```quiz key=\"q\"\n? Pick\n- [x] a\n- [ ] b\n- [ ] c\n\n"
                + "? Pick two\n- [x] d\n- [x] e\n- [ ] f\n```", MarkupContext.NONE);
        Rendered second = renderer.render("```quiz key=\"q\"\n? Pick\n- [ ] a\n- [ ] b\n- [x] c\n\n"
                + "? Pick two\n- [ ] d\n- [x] e\n- [x] f\n```", MarkupContext.NONE);
        assertEquals(List.of(), first.errors());
        assertEquals(List.of(), second.errors());
        assertFalse(first.quizzes().equals(second.quizzes()));
        assertEquals(first.html(), second.html());

        Document html = Jsoup.parseBodyFragment(first.html());
        assertTrue(html.select("input[checked], [data-correct], .correct, [class*=correct]").isEmpty());
        assertFalse(first.html().toLowerCase().contains("correct"));
        assertFalse(first.html().contains("[x]"));
        for (Element input : html.select("input")) {
            assertEquals(List.of("type", "name", "value", "data-choice"),
                    input.attributes().asList().stream().map(a -> a.getKey()).toList());
        }
    }

    @Test
    void theHtmlCarriesStableIdsAndTheTexts() {
        QuizDefinition quiz = new QuizDefinition(1, "week-2", List.of(
                new Question("<b>Which</b>?", false, List.of(new Choice("x < y", true), new Choice("y", false))),
                new Question("Both", true, List.of(new Choice("p", true), new Choice("q", true)))));
        Document html = Jsoup.parseBodyFragment(QuizMarkup.html(quiz));
        Element root = html.selectFirst("div.wte-quiz[data-quiz=week-2]");
        assertEquals(2, root.select("fieldset").size());
        assertEquals("<b>Which</b>?", root.selectFirst("fieldset[data-question=0] legend").text());
        assertTrue(html.select("b").isEmpty());
        assertEquals("x < y", root.selectFirst("fieldset[data-question=0] input[data-choice=0]").parent().text());
        assertEquals(2, root.select("fieldset[data-question=1] input[type=checkbox][name=wte-quiz-week-2-1]").size());
        assertEquals(2, root.select("fieldset[data-question=0] input[type=radio][name=wte-quiz-week-2-0]").size());
        assertFalse(html.html().contains("correct"));
    }
}
