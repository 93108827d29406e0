package org.wte.exchange;

import java.util.List;

/**
 * The original Python WTE's export ({@code content.json} and {@code assets/<n>}) as an {@link ExchangeNode}
 * tree. This is the placeholder of the exchange branch, with the agreed API; the converter itself is written
 * on the branch "original" and replaces this file when the branches are merged.
 */
public final class OriginalExport {
    private OriginalExport() {}

    /** The converted tree, and what the conversion changed (for the import report). */
    public record Conversion(ExchangeNode root, List<String> report) {
        public Conversion {
            report = List.copyOf(report);
        }
    }

    /** Converts {@code content.json}; a broken file throws {@link ImportProblem}. */
    public static Conversion convert(byte[] contentJson) {
        throw new ImportProblem("Exports of the original Python WTE (content.json) are not yet supported by "
                + "this build of WTE.");
    }
}
