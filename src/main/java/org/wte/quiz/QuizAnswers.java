package org.wte.quiz;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.hibernate.Session;
import org.wte.content.Part;
import org.wte.enrolment.MemberData;

/** Users' answers to quiz questions: recording one, reading them back, deleting a leaver's. */
public final class QuizAnswers implements MemberData {

    /**
     * Records one answer in one statement: the first answer inserts the row (first = latest, one attempt),
     * every later one updates only the latest answer and counts the attempt. Two answers at the same moment
     * cannot both be "first": the unique (user, question) key makes the second wait and then update.
     */
    public void record(Session s, long userId, long questionId, ChoiceSet choices, boolean correct, Instant at) {
        s.createNativeMutationQuery("INSERT INTO quiz_answer (user_id, question_id, first_choices, first_correct, "
                        + "first_at, latest_choices, latest_correct, latest_at, attempts) "
                        + "VALUES (:u, :q, :c, :ok, :t, :c, :ok, :t, 1) "
                        + "ON DUPLICATE KEY UPDATE latest_choices = :c, latest_correct = :ok, latest_at = :t, "
                        + "attempts = attempts + 1")
                .setParameter("u", userId).setParameter("q", questionId).setParameter("c", choices.stored())
                .setParameter("ok", correct).setParameter("t", Timestamp.from(at)).executeUpdate();
    }

    /** This user's answers to these questions, by question id. */
    public Map<Long, QuizAnswer> of(Session s, long userId, Collection<Long> questionIds) {
        Map<Long, QuizAnswer> byQuestion = new HashMap<>();
        if (questionIds.isEmpty()) {
            return byQuestion;
        }
        for (QuizAnswer a : s.createQuery("from QuizAnswer a where a.user.id = :u and a.question.id in (:q)",
                QuizAnswer.class).setParameter("u", userId).setParameterList("q", questionIds).list()) {
            byQuestion.put(a.getQuestion().getId(), a);
        }
        return byQuestion;
    }

    /** A member who leaves a module (or is removed) loses their answers in it: the module, its parts and pages. */
    @Override
    public void deleteFor(Session s, Part module, long userId) {
        s.createNativeMutationQuery("DELETE FROM quiz_answer WHERE user_id = :u AND question_id IN ("
                        + "SELECT qq.id FROM quiz_question qq JOIN quiz q ON q.id = qq.quiz_id "
                        + "JOIN part p ON p.id = q.part_id LEFT JOIN part up ON up.id = p.parent_id "
                        + "WHERE p.id = :m OR p.parent_id = :m OR up.parent_id = :m)")
                .setParameter("u", userId).setParameter("m", module.getId()).executeUpdate();
    }
}
