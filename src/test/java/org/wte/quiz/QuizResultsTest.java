package org.wte.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wte.CompositionRoot;
import org.wte.content.Part;
import org.wte.enrolment.Role;
import org.wte.testing.TestDatabase;
import org.wte.web.CurrentUser;

/** Teachers' statistics (the four groups, zero students, who counts) and the CSV of the answers. */
class QuizResultsTest {
    private CompositionRoot root;
    private QuizFixture f;

    CompositionRoot startRoot() throws Exception {
        return TestDatabase.start("");
    }

    @BeforeEach
    void start() throws Exception {
        root = startRoot();
        f = new QuizFixture(root);
    }

    @AfterEach
    void stop() {
        root.close();
    }

    private QuizResults.ResultsPage results(long partId) {
        return root.database().inTransaction(s -> root.quizResults().results(s, s.get(Part.class, partId)));
    }

    @Test
    void withNoStudentTheQuestionsAreListedWithZeros() {
        // The owner tries the quiz: teachers' own tries are not students' answers.
        f.answer(f.owner, "{\"answers\": {\"0\": [1]}}");
        QuizResults.ResultsPage page = results(f.module);
        assertEquals(0, page.students());
        assertEquals(1, page.quizCount());
        assertEquals(1, page.pages().size());
        assertEquals("Page", page.pages().get(0).title());
        QuizResults.QuizBlock quiz = page.pages().get(0).quizzes().get(0);
        assertEquals("basics", quiz.key());
        assertEquals(List.of(new QuizResults.QuestionRow(1, "What does HTML stand for?", 0, 0, 0, 0),
                new QuizResults.QuestionRow(2, "Which are block elements?", 0, 0, 0, 0)), quiz.questions());
        assertEquals(2, quiz.chart().size(), "one chart row per question");
        assertEquals("", csv(f.module).lines().skip(1).reduce("", String::concat), "no student, no answer row");
    }

    @Test
    void eachStudentCountsInExactlyOneGroup() {
        CurrentUser first = f.member("first@example.org", "Fay First", Role.STUDENT);
        CurrentUser later = f.member("later@example.org", "Len Later", Role.STUDENT);
        CurrentUser wrong = f.member("wrong@example.org", "Wes Wrong", Role.STUDENT);
        CurrentUser relapsed = f.member("relapse@example.org", "Rita Relapse", Role.STUDENT);
        f.member("silent@example.org", "Sid Silent", Role.STUDENT);
        CurrentUser tutor = f.member("tutor@example.org", "Tim Tutor", Role.TUTOR);
        f.answer(first, "{\"answers\": {\"0\": [1]}}");
        f.answer(later, "{\"answers\": {\"0\": [0]}}");
        f.answer(later, "{\"answers\": {\"0\": [1]}}");
        f.answer(wrong, "{\"answers\": {\"0\": [2], \"1\": [0]}}");
        f.answer(relapsed, "{\"answers\": {\"0\": [1]}}");
        f.answer(relapsed, "{\"answers\": {\"0\": [0]}}");
        f.answer(tutor, "{\"answers\": {\"0\": [1]}}");

        for (long node : List.of(f.module, f.part, f.page)) {
            QuizResults.ResultsPage page = results(node);
            assertEquals(5, page.students());
            List<QuizResults.QuestionRow> rows = page.pages().get(0).quizzes().get(0).questions();
            assertEquals(new QuizResults.QuestionRow(1, "What does HTML stand for?", 1, 1, 2, 1), rows.get(0),
                    "from node " + node);
            assertEquals(new QuizResults.QuestionRow(2, "Which are block elements?", 0, 0, 1, 4), rows.get(1));
        }
        assertEquals(List.of(), results(f.module).pages().stream().filter(p -> p.id() == f.part).toList(),
                "the part itself has no quiz: it is not listed");
    }

    @Test
    void theQuizCountCoversTheNodeAndEverythingBelowIt() {
        assertEquals(1L, (long) root.database().inTransaction(s -> root.quizResults().quizCount(s, s.get(Part.class, f.module))));
        assertEquals(1L, (long) root.database().inTransaction(s -> root.quizResults().quizCount(s, s.get(Part.class, f.page))));
        f.save(f.part, "```quiz key=\"intro\"\n? Ready?\n- [x] yes\n- [ ] no\n```\n");
        assertEquals(2L, (long) root.database().inTransaction(s -> root.quizResults().quizCount(s, s.get(Part.class, f.module))));
        assertEquals(1L, (long) root.database().inTransaction(s -> root.quizResults().quizCount(s, s.get(Part.class, f.page))));
        QuizResults.ResultsPage page = results(f.module);
        assertEquals(List.of("Part", "Page"), page.pages().stream().map(QuizResults.PageBlock::title).toList(),
                "reading order: the part's own quiz, then its page's");
    }

    @Test
    void theCsvQuotesEveryCellAndDisarmsFormulas() {
        CurrentUser evil = f.member("evil@example.org", "=HYPERLINK(\"http://x\",\"y\")", Role.STUDENT);
        CurrentUser plain = f.member("ann@example.org", "Ann, \"the\" Student", Role.STUDENT);
        f.answer(evil, "{\"answers\": {\"0\": [0]}}");
        f.answer(evil, "{\"answers\": {\"0\": [1]}}");
        f.answer(plain, "{\"answers\": {\"1\": [0, 2]}}");
        String csv = csv(f.module);
        assertTrue(csv.startsWith("\uFEFF\"student\",\"e-mail\",\"page\",\"quiz\",\"question\",\"first answer\","
                + "\"first correct\",\"latest answer\",\"latest correct\",\"attempts\",\"first answered (Europe/London)\","
                + "\"last answered (Europe/London)\"\r\n"), csv);
        List<String> lines = csv.lines().toList();
        assertEquals(3, lines.size(), csv);
        assertTrue(lines.get(1).startsWith("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"evil@example.org\",\"Page\","
                + "\"basics\",\"1. What does HTML stand for?\",\"1. High Tech Modern Language\",\"no\","
                + "\"2. HyperText Markup Language\",\"yes\",\"2\",\""), lines.get(1));
        assertTrue(lines.get(2).startsWith("\"Ann, \"\"the\"\" Student\",\"ann@example.org\",\"Page\",\"basics\","
                + "\"2. Which are block elements?\",\"1. div; 3. p\",\"yes\",\"1. div; 3. p\",\"yes\",\"1\",\""), lines.get(2));
        assertTrue(lines.get(2).matches(".*,\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\",\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\"$"),
                lines.get(2));
    }

    @Test
    void cellsStartingWithAFormulaCharacterAreNeutralised() {
        assertEquals("\"'=1+2\"", QuizResultsCsv.cell("=1+2"));
        assertEquals("\"'+1\"", QuizResultsCsv.cell("+1"));
        assertEquals("\"'-1\"", QuizResultsCsv.cell("-1"));
        assertEquals("\"'@SUM(A1)\"", QuizResultsCsv.cell("@SUM(A1)"));
        assertEquals("\"'\tx\"", QuizResultsCsv.cell("\tx"));
        assertEquals("\"a=b\"", QuizResultsCsv.cell("a=b"));
        assertEquals("\"line\nbreak \"\"q\"\"\"", QuizResultsCsv.cell("line\nbreak \"q\""));
        assertEquals("\"\"", QuizResultsCsv.cell(null));
    }

    private String csv(long partId) {
        return new QuizResultsCsv(ZoneId.of("Europe/London")).write(root.database().inTransaction(
                s -> root.quizResults().answers(s, s.get(Part.class, partId))));
    }
}
