package org.wte.quiz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a submission against a quiz's stored questions and grades it: a question is right when exactly
 * its correct choices are ticked. Questions left without a choice are not graded (not answered).
 */
public final class QuizGrader {

    /** Question index → correct, for the questions answered; refuses (400) what the quiz cannot hold. */
    public Map<Integer, Boolean> grade(List<QuizStore.StoredQuestion> questions, QuizSubmission submission) {
        Map<Integer, Boolean> results = new LinkedHashMap<>();
        for (Map.Entry<Integer, ChoiceSet> e : submission.answers().entrySet()) {
            int q = e.getKey();
            if (q >= questions.size()) {
                throw new AnswerRefused(400, "This quiz has no question " + (q + 1) + " (it has " + questions.size()
                        + "). Reload the page: it may have changed.");
            }
            QuizStore.StoredQuestion question = questions.get(q);
            ChoiceSet choices = e.getValue();
            for (int c : choices.indexes()) {
                if (c < 0 || c >= question.choices().size()) {
                    throw new AnswerRefused(400, "Question " + (q + 1) + " has no choice " + (c + 1) + " (it has "
                            + question.choices().size() + "). Reload the page: it may have changed.");
                }
            }
            if (!question.multiple() && choices.indexes().size() > 1) {
                throw new AnswerRefused(400, "Question " + (q + 1) + " takes one answer only.");
            }
            if (!choices.isEmpty()) {
                results.put(q, choices.matches(question.correct()));
            }
        }
        if (results.isEmpty()) {
            throw new AnswerRefused(400, "Choose an answer to at least one question first.");
        }
        return results;
    }
}
