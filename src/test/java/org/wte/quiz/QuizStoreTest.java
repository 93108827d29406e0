package org.wte.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wte.CompositionRoot;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.content.Part;
import org.wte.testing.TestDatabase;
import org.wte.web.CurrentUser;

/** Saving a page stores its quizzes; the correct answers stay on the server; unchanged quizzes keep their rows. */
class QuizStoreTest {
    private CompositionRoot root;
    private CurrentUser teacher;
    private long page;

    private static final String QUIZ = """
            Some text.

            ```quiz key="tags"
            ? Which elements are block elements?
            - [x] div
            - [ ] span
            - [x] p
            ```
            """;

    @BeforeEach
    void start() throws Exception {
        root = TestDatabase.start("");
        long userId = root.database().inTransaction(s -> {
            User t = new User("teacher@example.org", "Teacher", UserStatus.ACTIVE, Instant.now());
            s.persist(t);
            return t.getId();
        });
        teacher = new CurrentUser(userId, "teacher@example.org", "Teacher", Set.of("modules.create"), false, false, false);
        page = root.database().inTransaction(s -> {
            Part m = root.partService().createModule(s, teacher, "Module", "");
            Part p = root.partService().createChild(s, teacher, m.getId(), "Part", "", null, null);
            return root.partService().createChild(s, teacher, p.getId(), "Page", "", null, null).getId();
        });
    }

    @AfterEach
    void stop() {
        root.close();
    }

    private List<Quiz> quizzes() {
        return root.database().inTransaction(s -> new QuizStore().quizzes(s, s.get(Part.class, page)));
    }

    @Test
    void savingAPageStoresItsQuizButTheHtmlNeverTellsTheAnswer() {
        root.database().run(s -> root.partService().update(s, teacher, page, null, null, QUIZ, null));
        List<Quiz> stored = quizzes();
        assertEquals(1, stored.size());
        assertEquals("tags", stored.get(0).getKey());
        var questions = root.database().inTransaction(s -> new QuizStore().definition(s, s.get(Quiz.class, stored.get(0).getId())));
        assertEquals(1, questions.size());
        assertTrue(questions.get(0).multiple());
        assertEquals(List.of(true, false, true), questions.get(0).choices().stream().map(c -> c.correct()).toList());
        String html = root.database().inTransaction(s -> s.get(Part.class, page).getCompiled());
        assertTrue(html.contains("div") && html.contains("span"), html);
        assertFalse(html.toLowerCase().contains("correct"), "the page never says which answer is right: " + html);
    }

    @Test
    void anUnchangedQuizKeepsItsRowsAChangedOneIsRewrittenARemovedOneIsDeleted() {
        root.database().run(s -> root.partService().update(s, teacher, page, null, null, QUIZ, null));
        long quizId = quizzes().get(0).getId();
        long questionId = root.database().inTransaction(s -> s.createQuery("select q.id from QuizQuestion q", Long.class)
                .getSingleResult());
        root.database().run(s -> root.partService().update(s, teacher, page, null, null, "New intro.\n\n" + QUIZ, null));
        assertEquals(quizId, quizzes().get(0).getId());
        assertEquals(questionId, (long) root.database().inTransaction(s -> s.createQuery("select q.id from QuizQuestion q",
                Long.class).getSingleResult()), "unchanged questions keep their rows");

        root.database().run(s -> root.partService().update(s, teacher, page, null, null, QUIZ.replace("- [ ] span", "- [ ] a"), null));
        assertEquals(quizId, quizzes().get(0).getId(), "the quiz keeps its key and row");
        assertNotEquals(questionId, (long) root.database().inTransaction(s -> s.createQuery("select q.id from QuizQuestion q",
                Long.class).getSingleResult()), "a changed question is written anew");

        root.database().run(s -> root.partService().update(s, teacher, page, null, null, "No quiz any more.", null));
        assertTrue(quizzes().isEmpty());
        assertEquals(0L, (long) root.database().inTransaction(s -> s.createQuery("select count(c) from QuizChoice c",
                Long.class).getSingleResult()));
    }
}
