package org.wte.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wte.CompositionRoot;
import org.wte.enrolment.EnrolmentService;
import org.wte.enrolment.Role;
import org.wte.testing.TestDatabase;
import org.wte.web.CurrentUser;

/** Grading and recording answers on H2: first vs latest, attempts, multiple choice, validation, races, leaving. */
class QuizAnsweringTest {
    private CompositionRoot root;
    private QuizFixture f;
    private CurrentUser student;

    CompositionRoot startRoot() throws Exception {
        return TestDatabase.start("");
    }

    @BeforeEach
    void start() throws Exception {
        root = startRoot();
        f = new QuizFixture(root);
        student = f.member("sam@example.org", "Sam Student", Role.STUDENT);
    }

    @AfterEach
    void stop() {
        root.close();
    }

    @Test
    void theFirstAnswerStaysTheLatestMovesAndAttemptsCount() {
        QuizAnswering.Checked wrong = f.answer(student, "{\"answers\": {\"0\": [0]}}");
        assertEquals(List.of(new QuizAnswering.Result(0, false, 1)), wrong.results());
        QuizAnswering.Checked right = f.answer(student, "{\"answers\": {\"0\": [1]}}");
        assertEquals(List.of(new QuizAnswering.Result(0, true, 2)), right.results());
        f.answer(student, "{\"answers\": {\"0\": [2]}}");

        QuizAnswer a = f.stored(student, 0);
        assertEquals(List.of(0), a.getFirstChoices().list());
        assertFalse(a.isFirstCorrect());
        assertEquals(List.of(2), a.getLatestChoices().list());
        assertFalse(a.isLatestCorrect());
        assertEquals(3, a.getAttempts());
        assertFalse(a.getLatestAt().isBefore(a.getFirstAt()));
        assertNull(f.stored(student, 1), "question 2 was never answered: no row");
    }

    @Test
    void aMultipleChoiceQuestionIsRightOnlyWithExactlyItsCorrectChoices() {
        assertEquals(false, f.answer(student, "{\"answers\": {\"1\": [0]}}").results().get(0).correct(), "one of two");
        assertEquals(false, f.answer(student, "{\"answers\": {\"1\": [0, 1, 2]}}").results().get(0).correct(), "one too many");
        assertEquals(true, f.answer(student, "{\"answers\": {\"1\": [2, 0]}}").results().get(0).correct(), "any order");
        QuizAnswer a = f.stored(student, 1);
        assertEquals(List.of(0, 2), a.getLatestChoices().list());
        assertEquals(List.of(0), a.getFirstChoices().list());
        assertEquals(3, a.getAttempts());
    }

    @Test
    void bothQuestionsAtOnceAndAnUnansweredOneIsNotRecorded() {
        QuizAnswering.Checked checked = f.answer(student, "{\"answers\": {\"0\": [1], \"1\": [0, 2]}}");
        assertEquals(List.of(new QuizAnswering.Result(0, true, 1), new QuizAnswering.Result(1, true, 1)),
                checked.results());
        f.answer(student, "{\"answers\": {\"0\": [0], \"1\": []}}");
        assertEquals(2, f.stored(student, 0).getAttempts());
        assertEquals(1, f.stored(student, 1).getAttempts(), "an empty list leaves question 2 as it was");
    }

    @Test
    void badAnswersAreRefusedWithAClearStatusAndNothingIsRecorded() {
        assertRefused(400, "no question 3", () -> f.answer(student, "{\"answers\": {\"2\": [0]}}"));
        assertRefused(400, "no choice 4", () -> f.answer(student, "{\"answers\": {\"0\": [3]}}"));
        assertRefused(400, "no choice 0", () -> f.answer(student, "{\"answers\": {\"0\": [-1]}}"));
        assertRefused(400, "one answer only", () -> f.answer(student, "{\"answers\": {\"0\": [0, 1]}}"));
        assertRefused(400, "given twice", () -> f.answer(student, "{\"answers\": {\"1\": [0, 0]}}"));
        assertRefused(400, "at least one question", () -> f.answer(student, "{\"answers\": {}}"));
        assertRefused(400, "at least one question", () -> f.answer(student, "{\"answers\": {\"0\": []}}"));
        assertRefused(400, "not valid JSON", () -> f.answer(student, "{\"answers\": "));
        assertRefused(400, "are missing", () -> f.answer(student, ""));
        assertRefused(400, "Send the answers as", () -> f.answer(student, "[1, 2]"));
        assertRefused(400, "not a question number", () -> f.answer(student, "{\"answers\": {\"x\": [0]}}"));
        assertRefused(400, "whole numbers", () -> f.answer(student, "{\"answers\": {\"0\": [\"1\"]}}"));
        assertRefused(400, "list of numbers", () -> f.answer(student, "{\"answers\": {\"0\": 1}}"));
        assertRefused(404, "no quiz “other”", () -> f.answer(student, f.page, "other", "{\"answers\": {\"0\": [1]}}"));
        assertRefused(404, "no such page", () -> f.answer(student, 999_999, "basics", "{\"answers\": {\"0\": [1]}}"));
        // The quiz exists, but on another page: not found on this one.
        assertRefused(404, "no quiz", () -> f.answer(student, f.part, "basics", "{\"answers\": {\"0\": [1]}}"));

        CurrentUser stranger = f.member("stranger@example.org", "Stranger", null);
        assertRefused(404, "no such page", () -> f.answer(stranger, "{\"answers\": {\"0\": [1]}}"));
        CurrentUser admin = new CurrentUser(f.member("admin@example.org", "Admin", null).id(), "admin@example.org",
                "Admin", Set.of("modules.view_all"), true, false, false);
        assertRefused(403, "Only members", () -> f.answer(admin, "{\"answers\": {\"0\": [1]}}"));
        assertEquals(0, f.answerCount(), "nothing recorded");
    }

    @Test
    void twoAnswersAtTheSameMomentMakeOneRowWithTwoAttempts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                CurrentUser who = f.member("racer" + round + "@example.org", "Racer " + round, Role.STUDENT);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<QuizAnswering.Checked>> both = new ArrayList<>();
                for (String json : List.of("{\"answers\": {\"0\": [0]}}", "{\"answers\": {\"0\": [1]}}")) {
                    both.add(pool.submit(() -> {
                        go.await();
                        return f.answer(who, json);
                    }));
                }
                go.countDown();
                List<Integer> attempts = new ArrayList<>();
                for (Future<QuizAnswering.Checked> result : both) {
                    attempts.add(result.get(60, TimeUnit.SECONDS).results().get(0).attempts());
                }
                QuizAnswer a = f.stored(who, 0);
                assertNotNull(a);
                assertEquals(2, a.getAttempts(), "round " + round + ": both answers counted");
                assertTrue(attempts.contains(2), "one of them saw two attempts: " + attempts);
                // Whichever came first is first; the other is latest (never both first, never lost).
                assertFalse(a.getFirstChoices().equals(a.getLatestChoices()), "round " + round + ": " + a.getFirstChoices()
                        + " then " + a.getLatestChoices());
                assertEquals(a.isFirstCorrect(), a.getFirstChoices().list().equals(List.of(1)));
                long rows = root.database().inTransaction(s -> s.createQuery(
                        "select count(a) from QuizAnswer a where a.user.id = :u", Long.class)
                        .setParameter("u", who.id()).getSingleResult());
                assertEquals(1, rows);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void thePageStateGivesTheReadersOwnAnswersAndNothingAboutUnansweredQuestions() {
        QuizAnswering.PageState before = root.database().inTransaction(s -> root.quizAnswering().state(s, student,
                "/wte", f.page));
        assertTrue(before.canAnswer());
        assertEquals(1, before.quizzes().size());
        assertEquals("/wte/parts/" + f.page + "/quizzes/basics/answers", before.quizzes().get(0).url());
        assertEquals(2, before.quizzes().get(0).questions());
        assertEquals(List.of(), before.quizzes().get(0).answers());

        f.answer(student, "{\"answers\": {\"0\": [0]}}");
        f.answer(student, "{\"answers\": {\"0\": [1]}}");
        QuizAnswering.PageState after = root.database().inTransaction(s -> root.quizAnswering().state(s, student,
                "/wte", f.page));
        assertEquals(List.of(new QuizAnswering.Previous(0, List.of(1), true, 2)), after.quizzes().get(0).answers());

        CurrentUser other = f.member("other@example.org", "Other", Role.STUDENT);
        QuizAnswering.PageState others = root.database().inTransaction(s -> root.quizAnswering().state(s, other,
                "", f.page));
        assertEquals(List.of(), others.quizzes().get(0).answers(), "another student sees none of Sam's answers");
    }

    @Test
    void anUnchangedQuizKeepsItsAnswersAChangedQuestionLosesOnlyItsOwn() {
        f.answer(student, "{\"answers\": {\"0\": [1], \"1\": [0, 2]}}");
        f.save(f.page, QuizFixture.QUIZ + "\nMore text below the quiz.\n");
        assertNotNull(f.stored(student, 0), "the text changed, the quiz did not");
        assertNotNull(f.stored(student, 1));

        f.save(f.page, QuizFixture.QUIZ.replace("- [ ] span", "- [ ] span (inline)") + "\nMore.\n");
        assertNotNull(f.stored(student, 0), "question 1 did not change: its answer stays");
        assertNull(f.stored(student, 1), "question 2's choices changed: its answer is gone");

        f.save(f.page, "No quiz any more.");
        assertEquals(0, f.answerCount(), "the quiz is gone, and its answers with it");
    }

    @Test
    void leavingTheModuleDeletesTheAnswersInItAndOnlyThere() throws Exception {
        // A second module with the same quiz, which Sam also takes.
        QuizFixture other = new QuizFixture(root, "owner2@example.org");
        root.database().run(s -> s.persist(new org.wte.enrolment.ModuleRole(
                s.get(org.wte.content.Part.class, other.module), s.get(org.wte.account.User.class, student.id()),
                Role.STUDENT, java.time.Instant.now())));
        f.answer(student, "{\"answers\": {\"0\": [1]}}");
        other.answer(student, "{\"answers\": {\"0\": [1]}}");
        CurrentUser classmate = f.member("classmate@example.org", "Classmate", Role.STUDENT);
        f.answer(classmate, "{\"answers\": {\"0\": [0]}}");
        assertEquals(3, f.answerCount());

        assertTrue(root.enrolment().leave(student, f.module) instanceof EnrolmentService.LeaveOutcome.Left);
        assertNull(f.stored(student, 0), "Sam's answer in the module left is gone");
        assertNotNull(other.stored(student, 0), "Sam's answer in the other module stays");
        assertNotNull(f.stored(classmate, 0), "a classmate's answer stays");
        assertEquals(2, f.answerCount());
    }

    private static void assertRefused(int status, String message, Runnable call) {
        AnswerRefused e = assertThrows(AnswerRefused.class, call::run);
        assertEquals(status, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
