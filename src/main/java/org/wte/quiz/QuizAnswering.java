package org.wte.quiz;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.hibernate.Session;
import org.wte.content.Access;
import org.wte.content.ContentAccess;
import org.wte.content.Part;
import org.wte.content.Parts;
import org.wte.web.CurrentUser;

/**
 * A reader answering the quizzes of a page: checks who may answer, grades on the server, records the answer,
 * and gives back correct/incorrect per question — never which choices are right. Also what the page shows
 * on a later visit: the reader's own latest answers and their results, and nothing about questions they
 * have not answered.
 */
public final class QuizAnswering {
    static final String NOT_A_MEMBER = "Only members of the module can check their answers: take the module first.";

    private final Parts parts;
    private final ContentAccess access;
    private final QuizStore store;
    private final QuizGrader grader;
    private final QuizAnswers answers;

    public QuizAnswering(Parts parts, ContentAccess access, QuizStore store, QuizGrader grader, QuizAnswers answers) {
        this.parts = parts;
        this.access = access;
        this.store = store;
        this.grader = grader;
        this.answers = answers;
    }

    /** One question's result after a check. */
    public record Result(@JsonProperty("question") int question, @JsonProperty("correct") boolean correct,
                         @JsonProperty("attempts") int attempts) {}

    public record Checked(@JsonProperty("quiz") String quiz, @JsonProperty("results") List<Result> results) {}

    /** A previous answer, as the page pre-ticks it. */
    public record Previous(@JsonProperty("question") int question, @JsonProperty("choices") List<Integer> choices,
                           @JsonProperty("correct") boolean correct, @JsonProperty("attempts") int attempts) {}

    /** One quiz of the page: where to send answers, how many questions, the reader's previous answers. */
    public record QuizState(@JsonProperty("key") String key, @JsonProperty("url") String url,
                            @JsonProperty("questions") int questions,
                            @JsonProperty("answers") List<Previous> answers) {}

    /** {@code message} says why the reader cannot answer (null when they can). */
    public record PageState(@JsonProperty("canAnswer") boolean canAnswer, @JsonProperty("message") String message,
                            @JsonProperty("quizzes") List<QuizState> quizzes) {}

    public Checked check(Session s, CurrentUser user, long pageId, String key, String body) {
        Part page = visible(s, user, pageId);
        if (!access.of(s, user, page).member()) {
            throw new AnswerRefused(403, NOT_A_MEMBER);
        }
        Quiz quiz = quiz(s, page, key);
        QuizSubmission submission = QuizSubmission.parse(body);
        List<QuizStore.StoredQuestion> questions = store.questions(s, quiz);
        Map<Integer, Boolean> graded = grader.grade(questions, submission);
        Instant now = Instant.now();
        for (Map.Entry<Integer, Boolean> e : graded.entrySet()) {
            answers.record(s, user.id(), questions.get(e.getKey()).id(), submission.answers().get(e.getKey()),
                    e.getValue(), now);
        }
        Map<Long, QuizAnswer> stored = answers.of(s, user.id(), questions.stream().map(QuizStore.StoredQuestion::id)
                .toList());
        List<Result> results = new ArrayList<>();
        for (Map.Entry<Integer, Boolean> e : graded.entrySet()) {
            QuizAnswer a = stored.get(questions.get(e.getKey()).id());
            results.add(new Result(e.getKey(), e.getValue(), a == null ? 1 : a.getAttempts()));
        }
        return new Checked(quiz.getKey(), results);
    }

    /** Every quiz of the page with this reader's previous answers. */
    public PageState state(Session s, CurrentUser user, String base, long pageId) {
        Part page = visible(s, user, pageId);
        boolean member = access.of(s, user, page).member();
        List<QuizState> quizzes = new ArrayList<>();
        for (Quiz quiz : store.quizzes(s, page)) {
            quizzes.add(quizState(s, user, base, page, quiz, member));
        }
        return new PageState(member, member ? null : NOT_A_MEMBER, quizzes);
    }

    public QuizState quizState(Session s, CurrentUser user, String base, long pageId, String key) {
        Part page = visible(s, user, pageId);
        return quizState(s, user, base, page, quiz(s, page, key), access.of(s, user, page).member());
    }

    private QuizState quizState(Session s, CurrentUser user, String base, Part page, Quiz quiz, boolean member) {
        List<QuizStore.StoredQuestion> questions = store.questions(s, quiz);
        List<Previous> previous = new ArrayList<>();
        if (member) {
            Map<Long, QuizAnswer> mine = answers.of(s, user.id(), questions.stream()
                    .map(QuizStore.StoredQuestion::id).toList());
            for (int q = 0; q < questions.size(); q++) {
                QuizAnswer a = mine.get(questions.get(q).id());
                if (a != null) {
                    previous.add(new Previous(q, a.getLatestChoices().list(), a.isLatestCorrect(), a.getAttempts()));
                }
            }
        }
        return new QuizState(quiz.getKey(), base + "/parts/" + page.getId() + "/quizzes/" + quiz.getKey() + "/answers",
                questions.size(), previous);
    }

    private Part visible(Session s, CurrentUser user, long pageId) {
        Part page = parts.byId(s, pageId).orElseThrow(() -> new AnswerRefused(404, "There is no such page."));
        Access a = access.of(s, user, page);
        if (!a.view()) {
            throw new AnswerRefused(404, "There is no such page.");
        }
        return page;
    }

    private Quiz quiz(Session s, Part page, String key) {
        String k = key == null ? "" : key;
        return store.quiz(s, page, k).orElseThrow(() -> new AnswerRefused(404, "This page has no quiz “"
                + (k.length() > 64 ? k.substring(0, 64) + "…" : k) + "”. Reload the page: it may have changed."));
    }
}
