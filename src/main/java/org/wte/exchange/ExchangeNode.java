package org.wte.exchange;

import java.util.List;

/**
 * One module, part or page of a tree being exported or imported, whatever the file's format (WTE's own
 * {@code wte-export.json} or the original Python WTE's {@code content.json}): what an import creates.
 *
 * <p>{@code ref} is the node's id within the file (decimal digits, unique in the file). Cross-references
 * in {@code content} (Markdown) name other nodes of the same file by their ref ({@code [](part:<ref>)});
 * a reference that left the exported tree is written {@code part:external}. An import rewrites refs to the
 * new ids. {@code type} is module, part or page; {@code status} available, unavailable or archived (an
 * import makes everything unavailable whatever it says); {@code displayMode} text or workspace.
 */
public record ExchangeNode(String ref, String type, String title, String label, int order, String status,
                           String displayMode, String content, List<ExchangeFile> files,
                           List<ExchangeTimedTask> timedTasks, List<ExchangeNode> children) {
    public ExchangeNode {
        files = List.copyOf(files);
        timedTasks = List.copyOf(timedTasks);
        children = List.copyOf(children);
    }

    /**
     * A file attached to the node: kind asset or template, its name, type and order, and the ZIP entry that
     * holds its bytes (e.g. {@code files/3-week-1/assets/logo.png}, or the original's {@code assets/7}).
     */
    public record ExchangeFile(String kind, String filename, String mimeType, int order, String entry) {}

    /**
     * A timed action: its type and options (JSON, as TimedTaskType reads them), and when it is due, as seconds
     * after the export's reference date (the importer asks for the new reference date).
     */
    public record ExchangeTimedTask(String type, String options, long offsetSeconds) {}
}
