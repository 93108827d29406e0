package org.wte.quiz;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.Session;
import org.wte.content.Part;
import org.wte.markup.QuizDefinition;

/**
 * Keeps a page's stored quizzes equal to the quiz blocks of its Markdown, in the page's save transaction.
 * A quiz whose definition did not change keeps its rows (so answers given to it stay valid); a changed
 * one gets its questions anew; a removed one is deleted.
 */
public final class QuizStore {

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
                writeQuestions(s, quiz, def);
            } else {
                quiz.setPosition(i);
                if (!definition(s, quiz).equals(def.questions())) {
                    s.createMutationQuery("delete from QuizQuestion q where q.quiz = :q").setParameter("q", quiz)
                            .executeUpdate();
                    writeQuestions(s, quiz, def);
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

    /** The stored questions of a quiz, in the markup's own terms (for comparison and, later, grading). */
    public List<QuizDefinition.Question> definition(Session s, Quiz quiz) {
        List<QuizDefinition.Question> questions = new ArrayList<>();
        for (QuizQuestion q : s.createQuery("from QuizQuestion q where q.quiz = :q order by q.position",
                QuizQuestion.class).setParameter("q", quiz).list()) {
            List<QuizDefinition.Choice> choices = s.createQuery("from QuizChoice c where c.question = :q order by c.position",
                    QuizChoice.class).setParameter("q", q).list().stream()
                    .map(c -> new QuizDefinition.Choice(c.getText(), c.isCorrect())).toList();
            questions.add(new QuizDefinition.Question(q.getText(), q.isMultiple(), choices));
        }
        return questions;
    }

    public List<Quiz> quizzes(Session s, Part part) {
        return s.createQuery("from Quiz q where q.part = :p order by q.position", Quiz.class).setParameter("p", part).list();
    }

    private static void writeQuestions(Session s, Quiz quiz, QuizDefinition def) {
        for (int qi = 0; qi < def.questions().size(); qi++) {
            QuizDefinition.Question question = def.questions().get(qi);
            QuizQuestion row = new QuizQuestion(quiz, qi, question.text(), question.multiple());
            s.persist(row);
            for (int ci = 0; ci < question.choices().size(); ci++) {
                QuizDefinition.Choice choice = question.choices().get(ci);
                s.persist(new QuizChoice(row, ci, choice.text(), choice.correct()));
            }
        }
        s.flush();
    }
}
