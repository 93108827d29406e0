package org.wte.quiz;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.Session;
import org.wte.content.Part;
import org.wte.markup.QuizDefinition;

/**
 * Keeps a page's stored quizzes equal to the quiz blocks of its Markdown, in the page's save transaction.
 *
 * <p>Students' answers hang on the question rows (quiz_answer, ON DELETE CASCADE), so what happens to them
 * follows from what happens to the rows: a quiz whose definition did not change keeps all its rows, and so
 * all its answers. A changed quiz is compared question by question, at the same position: a question whose
 * text, kind and choices (texts and which are correct) are unchanged keeps its row and its answers; any
 * other is replaced, and its answers are deleted with it, because their choice numbers and their grading
 * could now mean something else. A removed quiz is deleted with all its answers.
 */
public final class QuizStore {

    /** A stored question, with what grading needs; {@code correct} never leaves the server. */
    public record StoredQuestion(long id, int position, String text, boolean multiple, List<String> choices,
                                 Set<Integer> correct) {
        public StoredQuestion {
            choices = List.copyOf(choices);
            correct = Set.copyOf(correct);
        }
    }

    public void sync(Session s, Part part, List<QuizDefinition> definitions) {
        Instant now = Instant.now();
        Map<String, Quiz> existing = new HashMap<>();
        for (Quiz q : s.createQuery("from Quiz q where q.part = :p", Quiz.class).setParameter("p", part).list()) {
            existing.put(q.getKey(), q);
        }
        Set<String> kept = new HashSet<>();
        for (int i = 0; i < definitions.size(); i++) {
            QuizDefinition def = definitions.get(i);
            if (!kept.add(def.key())) {
                continue; // the markup reports duplicate keys to the author; the first one wins
            }
            Quiz quiz = existing.get(def.key());
            if (quiz == null) {
                quiz = new Quiz(part, def.key(), i, now);
                s.persist(quiz);
                writeQuestions(s, quiz, def.questions(), 0);
            } else {
                quiz.setPosition(i);
                if (rewriteChanged(s, quiz, def)) {
                    quiz.touch(now);
                }
            }
        }
        for (Map.Entry<String, Quiz> e : existing.entrySet()) {
            if (!kept.contains(e.getKey())) {
                s.remove(e.getValue());
            }
        }
    }

    /** Replaces the questions that differ from the definition at their position; true if any did. */
    private boolean rewriteChanged(Session s, Quiz quiz, QuizDefinition def) {
        List<QuizDefinition.Question> stored = definition(s, quiz);
        List<QuizDefinition.Question> wanted = def.questions();
        if (stored.equals(wanted)) {
            return false;
        }
        // Compared at the same position (a question inserted in the middle changes every one after it):
        // what differs is deleted, then written again at its position, so (quiz_id, position) stays unique.
        List<Integer> changed = new ArrayList<>();
        for (int p = 0; p < Math.max(stored.size(), wanted.size()); p++) {
            boolean same = p < stored.size() && p < wanted.size() && stored.get(p).equals(wanted.get(p));
            if (!same) {
                changed.add(p);
            }
        }
        s.createMutationQuery("delete from QuizQuestion q where q.quiz = :q and q.position in (:p)")
                .setParameter("q", quiz).setParameterList("p", changed).executeUpdate();
        for (int p : changed) {
            if (p < wanted.size()) {
                writeQuestion(s, quiz, p, wanted.get(p));
            }
        }
        s.flush();
        return true;
    }

    /** The stored questions of a quiz, in the markup's own terms (for comparison). */
    public List<QuizDefinition.Question> definition(Session s, Quiz quiz) {
        List<QuizDefinition.Question> questions = new ArrayList<>();
        for (StoredQuestion q : questions(s, quiz)) {
            List<QuizDefinition.Choice> choices = new ArrayList<>();
            for (int c = 0; c < q.choices().size(); c++) {
                choices.add(new QuizDefinition.Choice(q.choices().get(c), q.correct().contains(c)));
            }
            questions.add(new QuizDefinition.Question(q.text(), q.multiple(), choices));
        }
        return questions;
    }

    /** The questions of a quiz in order, each with its choices: two queries whatever the size. */
    public List<StoredQuestion> questions(Session s, Quiz quiz) {
        Map<Long, List<QuizChoice>> choices = new HashMap<>();
        for (QuizChoice c : s.createQuery("from QuizChoice c where c.question.quiz = :q order by c.position",
                QuizChoice.class).setParameter("q", quiz).list()) {
            choices.computeIfAbsent(c.getQuestion().getId(), k -> new ArrayList<>()).add(c);
        }
        Map<Long, StoredQuestion> byId = new LinkedHashMap<>();
        for (QuizQuestion q : s.createQuery("from QuizQuestion q where q.quiz = :q order by q.position",
                QuizQuestion.class).setParameter("q", quiz).list()) {
            List<String> texts = new ArrayList<>();
            Set<Integer> correct = new HashSet<>();
            List<QuizChoice> own = choices.getOrDefault(q.getId(), List.of());
            for (int c = 0; c < own.size(); c++) {
                texts.add(own.get(c).getText());
                if (own.get(c).isCorrect()) {
                    correct.add(c);
                }
            }
            byId.put(q.getId(), new StoredQuestion(q.getId(), q.getPosition(), q.getText(), q.isMultiple(), texts,
                    correct));
        }
        return new ArrayList<>(byId.values());
    }

    public List<Quiz> quizzes(Session s, Part part) {
        return s.createQuery("from Quiz q where q.part = :p order by q.position", Quiz.class).setParameter("p", part).list();
    }

    public java.util.Optional<Quiz> quiz(Session s, Part part, String key) {
        return s.createQuery("from Quiz q where q.part = :p and q.key = :k", Quiz.class).setParameter("p", part)
                .setParameter("k", key).uniqueResultOptional();
    }

    private static void writeQuestions(Session s, Quiz quiz, List<QuizDefinition.Question> questions, int from) {
        for (int qi = from; qi < questions.size(); qi++) {
            writeQuestion(s, quiz, qi, questions.get(qi));
        }
        s.flush();
    }

    private static void writeQuestion(Session s, Quiz quiz, int position, QuizDefinition.Question question) {
        QuizQuestion row = new QuizQuestion(quiz, position, question.text(), question.multiple());
        s.persist(row);
        for (int ci = 0; ci < question.choices().size(); ci++) {
            QuizDefinition.Choice choice = question.choices().get(ci);
            s.persist(new QuizChoice(row, ci, choice.text(), choice.correct()));
        }
    }
}
