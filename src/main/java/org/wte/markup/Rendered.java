package org.wte.markup;

import java.util.List;

/**
 * The result of rendering one Markdown text: sanitised HTML ready to store, the author's errors (sorted by
 * line) and the valid quizzes it defines, in source order.
 */
public record Rendered(String html, List<MarkupError> errors, List<QuizDefinition> quizzes) {
    public Rendered {
        errors = List.copyOf(errors);
        quizzes = List.copyOf(quizzes);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
