package org.wte.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the targets of cross-references ({@code [text](part:12)}, {@code [](page:12)}, {@code <part:12>})
 * in a page's Markdown, leaving everything else byte for byte as it was. Code blocks and inline code are left
 * alone (a page about WTE may show the syntax); {@code show-hide} and {@code quiz} blocks hold Markdown, so
 * their inside is rewritten too, as the renderer reads it.
 */
public final class CrossReferenceLinks {
    /** The target written for a reference whose part is not in the file (or no longer anywhere). */
    public static final String EXTERNAL = "external";

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*([^\\s`]*).*$");
    private static final Pattern LINK = Pattern.compile(
            "(\\]\\(\\s*<?|<)((?i:part|page)):([0-9]{1,18}|" + EXTERNAL + ")(?=[>)\\s])");
    private static final Pattern INLINE_CODE = Pattern.compile("(`+)[^`]*?\\1|(`+)");

    private CrossReferenceLinks() {}

    /** One reference found: its target as written (digits or "external") and the 1-based line. */
    public record Found(String target, int line) {}

    /** Every cross-reference target in the text, in order. */
    public static List<Found> find(String markdown) {
        List<Found> found = new ArrayList<>();
        rewrite(markdown, (target, line) -> {
            found.add(new Found(target, line));
            return target;
        });
        return found;
    }

    /** A rule for one target: given what is written and its line, what to write instead. */
    @FunctionalInterface
    public interface Rule {
        String apply(String target, int line);
    }

    /** The text with each reference's target replaced by the rule's answer. */
    public static String rewrite(String markdown, Rule rule) {
        if (markdown == null || markdown.isEmpty()) {
            return markdown == null ? "" : markdown;
        }
        StringBuilder out = new StringBuilder(markdown.length());
        // Open fences: char and length; transparent ones (show-hide, quiz) hold Markdown.
        List<String> fences = new ArrayList<>();
        List<Boolean> transparent = new ArrayList<>();
        String[] lines = markdown.split("(?<=\n)", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String bare = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            if (bare.endsWith("\r")) {
                bare = bare.substring(0, bare.length() - 1);
            }
            Matcher fence = FENCE.matcher(bare);
            boolean opaque = !transparent.isEmpty() && !transparent.get(transparent.size() - 1);
            if (fence.matches()) {
                String marks = fence.group(1);
                String info = fence.group(2).toLowerCase(Locale.ROOT);
                if (!fences.isEmpty() && closes(fences.get(fences.size() - 1), marks, bare)) {
                    fences.remove(fences.size() - 1);
                    transparent.remove(transparent.size() - 1);
                    out.append(line);
                    continue;
                }
                if (!opaque) {
                    fences.add(marks);
                    transparent.add(info.equals("show-hide") || info.equals("quiz"));
                    out.append(line);
                    continue;
                }
            }
            out.append(opaque ? line : rewriteLine(line, i + 1, rule));
        }
        return out.toString();
    }

    private static boolean closes(String open, String marks, String line) {
        return marks.charAt(0) == open.charAt(0) && marks.length() >= open.length()
                && line.strip().equals(marks);
    }

    /** Rewrites the references of one line outside its inline code spans. */
    private static String rewriteLine(String line, int number, Rule rule) {
        StringBuilder out = new StringBuilder(line.length());
        Matcher code = INLINE_CODE.matcher(line);
        int at = 0;
        while (code.find()) {
            if (code.group(1) == null) {
                continue;   // an unmatched run of backticks is text
            }
            out.append(rewriteText(line.substring(at, code.start()), number, rule)).append(code.group());
            at = code.end();
        }
        return out.append(rewriteText(line.substring(at), number, rule)).toString();
    }

    private static String rewriteText(String text, int number, Rule rule) {
        Matcher m = LINK.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String target = m.group(3).toLowerCase(Locale.ROOT);
            String replaced = rule.apply(target, number);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + ":" + replaced));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A convenience for a rule that ignores the line. */
    public static String rewrite(String markdown, Function<String, String> rule) {
        return rewrite(markdown, (target, line) -> rule.apply(target));
    }
}
