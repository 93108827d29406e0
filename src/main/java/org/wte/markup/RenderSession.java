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
    private final String idPrefix;
    private int showHideBlocks;
    private int quizBlocks;

    /**
     * {@code source} seeds the prefix of the ids this rendering writes, so that two texts rendered into one
     * view (a part's introduction and a page, the preview and the page) do not share ids, while the same
     * text always renders to the same HTML.
     */
    RenderSession(MarkupContext context, String source) {
        this.context = context;
        this.idPrefix = "wte-showhide-" + Integer.toString(source.hashCode() & 0xffffff, 36) + "-";
    }

    void error(int line, String message) {
        errors.add(new MarkupError(line, message));
    }

    /** A page-unique id for the next show/hide block's body. */
    String nextShowHideId() {
        return idPrefix + (++showHideBlocks);
    }

    /** The position of the next quiz block in the page, from 1. */
    int nextQuizNumber() {
        return ++quizBlocks;
    }
}
