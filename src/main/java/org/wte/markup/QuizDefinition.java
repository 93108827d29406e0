package org.wte.markup;

import java.util.List;

/**
 * A quiz as its author wrote it in a {@code quiz} block, with the correct answers: this object is for the
 * server (storage and grading), never for the browser. {@code line} is the line of the block's opening
 * fence; {@code key} identifies the quiz within its page and is stable across edits when the author gives
 * one ({@code key="..."}), else it is {@code quiz-N} by position.
 */
public record QuizDefinition(int line, String key, List<Question> questions) {
    public QuizDefinition {
        questions = List.copyOf(questions);
    }

    /** One question; {@code text} is the author's Markdown (inline). */
    public record Question(String text, boolean multiple, List<Choice> choices) {
        public Question {
            choices = List.copyOf(choices);
        }
    }

    /** One choice; {@code text} is the author's Markdown (inline). */
    public record Choice(String text, boolean correct) {
    }
}
