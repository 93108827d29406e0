package org.wte.exchange;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * reStructuredText inline markup (one paragraph, a title, a table cell) to WTE Markdown: emphasis, strong,
 * literals, hyperlinks, bare URIs and the original's roles ({@code code-<lang>}, {@code asset},
 * {@code crossref}, {@code style}). Plain text is escaped so that Markdown reads it as the same text.
 */
final class RstInline {
    private static final Pattern ROLE_PREFIX = Pattern.compile(":([A-Za-z0-9_.+-]+(?::[A-Za-z0-9_.+-]+)?):`");
    private static final Pattern ROLE_SUFFIX = Pattern.compile("^:([A-Za-z0-9_.+-]+):");
    private static final Pattern BARE_URI = Pattern.compile("(?i)^(?:https?://|mailto:)[^\\s<>`]+");
    /** Bounded, so that a long run of "a.a.a…" costs little at each of its starts. */
    private static final Pattern SIMPLE_REFERENCE = Pattern.compile(
            "^[A-Za-z0-9]{1,100}(?:[-._+:][A-Za-z0-9]{1,100}){0,20}(__?)");
    private static final Pattern FOOTNOTE_REFERENCE = Pattern.compile("^\\[(?:[0-9]+|#[A-Za-z0-9_-]*|\\*|[A-Za-z][A-Za-z0-9_.-]*)\\]_");
    private static final Pattern SUBSTITUTION = Pattern.compile("^\\|(\\S(?:[^|]*\\S)?)\\|(?:__?)?");
    private static final Pattern ASSET_NAME = Pattern.compile("[a-zA-Z0-9_\\-.]+");
    private static final Pattern CROSSREF_ID = Pattern.compile("^\\s*([0-9]+|external)");
    /** What FragmentRenderer accepts after inline code: {@code `x`{.lang}}. */
    private static final Pattern INLINE_LANGUAGE = Pattern.compile("[A-Za-z0-9_+#-]{1,40}");
    private static final String START_PUNCTUATION = "-:/'\"<([{";
    private static final String END_PUNCTUATION = "-.,:;!?\\/'\")]}>";
    private static final String ESCAPED = "\\`*_[]<>&|~";

    private final RstToMarkdown.State state;

    RstInline(RstToMarkdown.State state) {
        this.state = state;
    }

    /** Converts inline reST; {@code line} is the source line of the text's start, for the report. */
    String convert(String text, int line) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            boolean canStart = startAllowed(text, i);
            if (c == '\\') {
                if (i + 1 < n) {
                    char next = text.charAt(i + 1);
                    if (!Character.isWhitespace(next)) {
                        out.append(escape(String.valueOf(next)));
                    }
                    i += 2;
                } else {
                    i++;
                }
                continue;
            }
            if (canStart) {
                int consumed = markup(text, i, line, out);
                if (consumed > 0) {
                    i += consumed;
                    continue;
                }
            }
            out.append(escape(String.valueOf(c)));
            i++;
        }
        return out.toString();
    }

    /** Tries each inline construct at {@code i}; returns the characters consumed, or 0. */
    private int markup(String text, int i, int line, StringBuilder out) {
        int n = text.length();
        if (text.startsWith("``", i)) {
            int end = findEnd(text, i + 2, "``");
            if (end > 0) {
                out.append(codeSpan(text.substring(i + 2, end)));
                return end + 2 - i;
            }
            return 0;
        }
        Matcher role = ROLE_PREFIX.matcher(text).region(i, n);
        if (role.lookingAt()) {
            int open = role.end();
            int end = findEnd(text, open, "`");
            if (end > 0) {
                out.append(role(role.group(1), text.substring(open, end), line));
                return end + 1 - i;
            }
            return 0;
        }
        if (text.startsWith("`", i)) {
            int end = findEnd(text, i + 1, "`");
            if (end < 0) {
                return 0;
            }
            String content = text.substring(i + 1, end);
            if (text.startsWith("__", end + 1)) {
                out.append(reference(content, true, line));
                return end + 3 - i;
            }
            if (text.startsWith("_", end + 1)) {
                out.append(reference(content, false, line));
                return end + 2 - i;
            }
            Matcher suffix = ROLE_SUFFIX.matcher(text).region(end + 1, n);
            if (suffix.lookingAt()) {
                out.append(role(suffix.group(1), content, line));
                return suffix.end() - i;
            }
            // The default role, title-reference, showed as <cite>: italics.
            out.append(emphasis("*", unescape(content)));
            return end + 1 - i;
        }
        if (text.startsWith("**", i)) {
            int end = findEnd(text, i + 2, "**");
            if (end > 0) {
                out.append(emphasis("**", text.substring(i + 2, end)));
                return end + 2 - i;
            }
            return 0;
        }
        if (text.startsWith("*", i)) {
            int end = findEnd(text, i + 1, "*");
            if (end > 0) {
                out.append(emphasis("*", text.substring(i + 1, end)));
                return end + 1 - i;
            }
            return 0;
        }
        Matcher uri = BARE_URI.matcher(text).region(i, n);
        if (uri.lookingAt()) {
            String found = trimTrailingPunctuation(uri.group());
            out.append('<').append(found).append('>');
            return found.length();
        }
        Matcher footnote = FOOTNOTE_REFERENCE.matcher(text).region(i, n);
        if (footnote.lookingAt()) {
            state.report(line, "the footnote reference " + quoted(footnote.group()) + " was kept as text");
            out.append(escape(footnote.group()));
            return footnote.end() - i;
        }
        Matcher substitution = SUBSTITUTION.matcher(text).region(i, n);
        if (substitution.lookingAt() && endAllowed(text, substitution.end())) {
            state.report(line, "the substitution " + quoted(substitution.group()) + " was kept as text");
            out.append(escape(substitution.group()));
            return substitution.end() - i;
        }
        Matcher simple = SIMPLE_REFERENCE.matcher(text).region(i, n);
        if (simple.lookingAt() && endAllowed(text, simple.end())) {
            String name = text.substring(i, simple.start(1));
            out.append(reference(name, simple.group(1).length() == 2, line));
            return simple.end() - i;
        }
        return 0;
    }

    // ---- roles ------------------------------------------------------------------------------------------

    private String role(String name, String rawContent, int line) {
        String content = unescape(rawContent);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("code-") && lower.length() > 5) {
            String language = lower.substring(5);
            return codeSpan(content) + (INLINE_LANGUAGE.matcher(language).matches() ? "{." + language + "}" : "");
        }
        return switch (lower) {
            case "asset" -> asset(content, rawContent, line);
            case "crossref" -> crossref(content, line);
            case "style" -> {
                String[] embedded = embedded(content);
                String shown = embedded == null ? content : embedded[0];
                state.report(line, "the style of " + quoted(shown) + " was not carried over (styles are not"
                        + " kept; the text is)");
                yield escape(shown);
            }
            case "code", "literal", "samp", "file", "kbd" -> codeSpan(content);
            case "emphasis", "title-reference", "title", "t", "dfn" -> emphasis("*", content);
            case "strong" -> emphasis("**", content);
            case "sub", "subscript", "sup", "superscript", "abbreviation", "ab", "acronym", "ac" -> {
                state.report(line, "the role '" + name + "' was shown as plain text");
                yield escape(content);
            }
            default -> {
                state.report(line, "the role '" + name + "' was kept as text");
                yield codeSpan(":" + name + ":`" + rawContent + "`");
            }
        };
    }

    private String asset(String content, String raw, int line) {
        String[] embedded = embedded(content);
        String label = embedded == null ? "" : embedded[0];
        String name = (embedded == null ? content : embedded[1]).strip();
        if (name.startsWith("parent:")) {
            name = name.substring("parent:".length());
        }
        if (!ASSET_NAME.matcher(name).matches()) {
            state.report(line, "the file reference " + quoted(":asset:`" + raw + "`") + " names no file and was"
                    + " kept as text");
            return codeSpan(":asset:`" + raw + "`");
        }
        Optional<String> mimeType = state.links().assetMimeType(name);
        if (mimeType.isEmpty()) {
            state.report(line, "no file '" + name + "' is attached to this part or above it in the export (the"
                    + " link was kept: attach the file or remove the link)");
        }
        boolean image = mimeType.map(m -> m.strip().toLowerCase(Locale.ROOT).startsWith("image/")).orElse(false);
        if (image) {
            return "![" + escape(label.isEmpty() ? name : label) + "](asset:" + name + ")";
        }
        return "[" + escape(label) + "](asset:" + name + ")";
    }

    private String crossref(String content, int line) {
        String[] embedded = embedded(content);
        String label = embedded == null ? "" : embedded[0];
        String target = embedded == null ? content : embedded[1];
        Matcher id = CROSSREF_ID.matcher(target);
        if (!id.find()) {
            state.report(line, "the cross-reference " + quoted(content) + " names no part; only its text was kept");
            return escape(label.isEmpty() ? content : label);
        }
        String ref = state.crossReference(id.group(1), line);
        return "[" + escape(label) + "](part:" + ref + ")";
    }

    // ---- hyperlinks -----------------------------------------------------------------------------------

    private String reference(String content, boolean anonymous, int line) {
        String text = unescape(content);
        String[] embedded = embedded(text);
        String label;
        String uri;
        if (embedded != null) {
            label = embedded[0];
            String target = embedded[1].replaceAll("\\s+", "");
            if (target.endsWith("_") && !target.endsWith("\\_")) {
                uri = state.target(target.substring(0, target.length() - 1)).orElse(null);
            } else {
                uri = target;
                if (!anonymous && !label.isEmpty()) {
                    state.defineTarget(label, uri);
                }
            }
            if (label.isEmpty()) {
                label = target;
            }
        } else {
            label = text;
            uri = anonymous ? state.nextAnonymousTarget().orElse(null) : state.target(text).orElse(null);
        }
        if (uri == null) {
            state.report(line, "the link " + quoted(label) + " has no target; only its text was kept");
            return escape(label);
        }
        return link(label, uri, line);
    }

    /** A Markdown link, if its scheme is one WTE keeps (http, https, mailto, relative); else only its text. */
    String link(String label, String uri, int line) {
        if (!RstToMarkdown.safeUrl(uri)) {
            state.report(line, "the link to " + quoted(uri) + " was dropped (only http, https, mailto and relative"
                    + " links are kept); its text stays");
            return escape(label);
        }
        return "[" + escape(label) + "](" + destination(uri) + ")";
    }

    static String destination(String uri) {
        String clean = uri.strip().replace(" ", "%20").replace("<", "%3C").replace(">", "%3E");
        return "<" + clean + ">";
    }

    // ---- plumbing -------------------------------------------------------------------------------------

    private static String emphasis(String marker, String content) {
        String body = content.strip();
        if (body.isEmpty()) {
            return "";
        }
        return marker + escape(body.replaceAll("\\s*\n\\s*", " ")) + marker;
    }

    /** A Markdown code span that holds {@code content} exactly, whatever backticks it has. */
    static String codeSpan(String content) {
        String body = content.replaceAll("\\s*\n\\s*", " ");
        int longest = 0;
        Matcher run = Pattern.compile("`+").matcher(body);
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = body.startsWith("`") || body.endsWith("`")
                || (body.startsWith(" ") && body.endsWith(" ") && !body.isBlank());
        return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
    }

    /** Plain text as Markdown: every character that could start markup is backslash-escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (ESCAPED.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Removes reST backslash escapes from interpreted text. */
    static String unescape(String text) {
        return text.replaceAll("\\\\(\\s)", "").replaceAll("\\\\(.)", "$1");
    }

    static String quoted(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return "'" + (oneLine.length() > 60 ? oneLine.substring(0, 60) + "…" : oneLine) + "'";
    }

    private static String trimTrailingPunctuation(String uri) {
        String result = uri;
        while (!result.isEmpty() && ".,;:!?)'\"".indexOf(result.charAt(result.length() - 1)) >= 0) {
            if (result.endsWith(")") && result.chars().filter(ch -> ch == '(').count()
                    >= result.chars().filter(ch -> ch == ')').count()) {
                break;
            }
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /** reST's rule: inline markup starts at the text's start or after whitespace or opening punctuation. */
    private static boolean startAllowed(String text, int i) {
        if (i == 0) {
            return true;
        }
        char before = text.charAt(i - 1);
        if (Character.isWhitespace(before) || START_PUNCTUATION.indexOf(before) >= 0) {
            return true;
        }
        int type = Character.getType(before);
        return type == Character.START_PUNCTUATION || type == Character.INITIAL_QUOTE_PUNCTUATION
                || type == Character.FINAL_QUOTE_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    /** reST's rule: inline markup ends before the text's end, whitespace or closing punctuation. */
    private static boolean endAllowed(String text, int after) {
        if (after >= text.length()) {
            return true;
        }
        char next = text.charAt(after);
        if (Character.isWhitespace(next) || END_PUNCTUATION.indexOf(next) >= 0) {
            return true;
        }
        int type = Character.getType(next);
        return type == Character.END_PUNCTUATION || type == Character.INITIAL_QUOTE_PUNCTUATION
                || type == Character.FINAL_QUOTE_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    /**
     * {@code text <target>} split into the trimmed text and the target; null if {@code content} does not
     * end with a target in angle brackets. (By hand: a regular expression backtracks on long texts.)
     */
    static String[] embedded(String content) {
        String trimmed = content.strip();
        if (!trimmed.endsWith(">")) {
            return null;
        }
        int open = trimmed.lastIndexOf('<');
        if (open < 0 || open == trimmed.length() - 2) {
            return null;
        }
        String target = trimmed.substring(open + 1, trimmed.length() - 1);
        if (target.indexOf('>') >= 0) {
            return null;
        }
        return new String[] {trimmed.substring(0, open).strip(), target};
    }

    /** Where each end-string may close markup in the current text, found once per text (sorted). */
    private String endsOf;
    private final java.util.Map<String, int[]> ends = new java.util.HashMap<>();

    /**
     * The index of the end-string {@code end} that closes markup whose content starts at {@code from}:
     * content may not start or end with whitespace, and the end-string must be followed by an allowed
     * character. Returns -1 if there is none. The possible ends do not depend on the start, so they are
     * found once per text and searched by bisection: a paragraph full of stars stays linear.
     */
    private int findEnd(String text, int from, String end) {
        if (from >= text.length() || Character.isWhitespace(text.charAt(from))) {
            return -1;
        }
        if (endsOf != text) {
            endsOf = text;
            ends.clear();
        }
        int[] positions = ends.computeIfAbsent(end, e -> validEnds(text, e));
        int index = java.util.Arrays.binarySearch(positions, from + 1);
        if (index < 0) {
            index = -index - 1;
        }
        return index < positions.length ? positions[index] : -1;
    }

    private static int[] validEnds(String text, String end) {
        java.util.List<Integer> found = new java.util.ArrayList<>();
        for (int at = text.indexOf(end, 1); at >= 0; at = text.indexOf(end, at + 1)) {
            boolean escaped = !end.startsWith("``") && text.charAt(at - 1) == '\\';
            boolean contentOk = !Character.isWhitespace(text.charAt(at - 1));
            int after = at + end.length();
            // A backquote may also be followed by "_" (a reference) or ":role:" (a role written after).
            boolean followOk = endAllowed(text, after) || (end.equals("`") && (text.charAt(after) == '_'
                    || text.charAt(after) == ':'));
            if (!escaped && contentOk && followOk) {
                found.add(at);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }
}
