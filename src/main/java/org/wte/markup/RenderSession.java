package org.wte.markup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The state of one call to {@link MarkupRenderer#render}: its context, errors, quizzes and counters. */
final class RenderSession {
    final MarkupContext context;
    final List<MarkupError> errors = new ArrayList<>();
    final List<QuizDefinition> quizzes = new ArrayList<>();
    final Set<String> quizKeys = new HashSet<>();
    private int showHideBlocks;
    private int quizBlocks;

    RenderSession(MarkupContext context) {
        this.context = context;
    }

    void error(int line, String message) {
        errors.add(new MarkupError(line, message));
    }

    /** A page-unique id for the next show/hide block's body. */
    String nextShowHideId() {
        return "wte-showhide-" + (++showHideBlocks);
    }

    /** The position of the next quiz block in the page, from 1. */
    int nextQuizNumber() {
        return ++quizBlocks;
    }
}
