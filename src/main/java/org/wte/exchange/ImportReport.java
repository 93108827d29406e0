package org.wte.exchange;

import java.io.Serializable;
import java.util.List;

/**
 * What an import created and what it had to adjust, for the report page and the CLI: statuses made
 * unavailable, files renamed or refused, references left broken, timed actions dropped or kept as drafts,
 * problems the markup found in the imported text, and what the original format's converter changed.
 */
public record ImportReport(long rootId, String rootTitle, String rootType, int parts, int files, int quizzes,
                           int timedActions, List<String> unavailable, List<String> fileChanges,
                           List<String> brokenReferences, List<String> actions, List<String> markup,
                           List<String> converted) implements Serializable {
    public ImportReport {
        unavailable = List.copyOf(unavailable);
        fileChanges = List.copyOf(fileChanges);
        brokenReferences = List.copyOf(brokenReferences);
        actions = List.copyOf(actions);
        markup = List.copyOf(markup);
        converted = List.copyOf(converted);
    }

    /** Nothing needed adjusting. */
    public boolean clean() {
        return unavailable.isEmpty() && fileChanges.isEmpty() && brokenReferences.isEmpty() && actions.isEmpty()
                && markup.isEmpty() && converted.isEmpty();
    }
}
