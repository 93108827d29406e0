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
    private static final Pattern EMBEDDED = Pattern.compile("(?s)^(.*?)\\s*<([^<>]+)>$");
    private static final Pattern BARE_URI = Pattern.compile("(?i)^(?:https?://|mailto:)[^\\s<>`]+");
    private static final Pattern SIMPLE_REFERENCE = Pattern.compile("^[A-Za-z0-9]+(?:[-._+:][A-Za-z0-9]+)*(__?)");
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
        String rest = text.substring(i);
        if (rest.startsWith("``")) {
            int end = findEnd(text, i + 2, "``");
            if (end > 0) {
                out.append(codeSpan(text.substring(i + 2, end)));
                return end + 2 - i;
            }
            return 0;
        }
        Matcher role = ROLE_PREFIX.matcher(rest);
        if (role.lookingAt()) {
            int open = i + role.end();
            int end = findEnd(text, open, "`");
            if (end > 0) {
                out.append(role(role.group(1), text.substring(open, end), line));
                return end + 1 - i;
            }
            return 0;
        }
        if (rest.startsWith("`")) {
            int end = findEnd(text, i + 1, "`");
            if (end < 0) {
                return 0;
            }
            String content = text.substring(i + 1, end);
            String after = text.substring(end + 1);
            if (after.startsWith("__")) {
                out.append(reference(content, true, line));
                return end + 3 - i;
            }
            if (after.startsWith("_")) {
                out.append(reference(content, false, line));
                return end + 2 - i;
            }
            Matcher suffix = ROLE_SUFFIX.matcher(after);
            if (suffix.find()) {
                out.append(role(suffix.group(1), content, line));
                return end + 1 + suffix.end() - i;
            }
            // The default role, title-reference, showed as <cite>: italics.
            out.append(emphasis("*", unescape(content)));
            return end + 1 - i;
        }
        if (rest.startsWith("**")) {
            int end = findEnd(text, i + 2, "**");
            if (end > 0) {
                out.append(emphasis("**", text.substring(i + 2, end)));
                return end + 2 - i;
            }
            return 0;
        }
        if (rest.startsWith("*")) {
            int end = findEnd(text, i + 1, "*");
            if (end > 0) {
                out.append(emphasis("*", text.substring(i + 1, end)));
                return end + 1 - i;
            }
            return 0;
        }
        Matcher uri = BARE_URI.matcher(rest);
        if (uri.lookingAt()) {
            String found = trimTrailingPunctuation(uri.group());
            out.append('<').append(found).append('>');
            return found.length();
        }
        Matcher footnote = FOOTNOTE_REFERENCE.matcher(rest);
        if (footnote.lookingAt()) {
            state.report(line, "the footnote reference " + quoted(footnote.group()) + " was kept as text");
            out.append(escape(footnote.group()));
            return footnote.end();
        }
        Matcher substitution = SUBSTITUTION.matcher(rest);
        if (substitution.lookingAt() && endAllowed(text, i + substitution.end())) {
            state.report(line, "the substitution " + quoted(substitution.group()) + " was kept as text");
            out.append(escape(substitution.group()));
            return substitution.end();
        }
        Matcher simple = SIMPLE_REFERENCE.matcher(rest);
        if (simple.lookingAt() && endAllowed(text, i + simple.end())) {
            String name = rest.substring(0, simple.start(1));
            out.append(reference(name, simple.group(1).length() == 2, line));
            return simple.end();
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
                Matcher embedded = EMBEDDED.matcher(content);
                String shown = embedded.matches() ? embedded.group(1) : content;
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
        Matcher embedded = EMBEDDED.matcher(content);
        String label = embedded.matches() ? embedded.group(1).strip() : "";
        String name = (embedded.matches() ? embedded.group(2) : content).strip();
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
            state.report(line, "the file '" + name + "' is not in the export (the link was kept: attach the file"
                    + " or remove the link)");
        }
        boolean image = mimeType.map(m -> m.strip().toLowerCase(Locale.ROOT).startsWith("image/")).orElse(false);
        if (image) {
            return "![" + escape(label.isEmpty() ? name : label) + "](asset:" + name + ")";
        }
        return "[" + escape(label) + "](asset:" + name + ")";
    }

    private String crossref(String content, int line) {
        Matcher embedded = EMBEDDED.matcher(content);
        String label = embedded.matches() ? embedded.group(1).strip() : "";
        String target = embedded.matches() ? embedded.group(2) : content;
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
        Matcher embedded = EMBEDDED.matcher(text);
        String label;
        String uri;
        if (embedded.matches()) {
            label = embedded.group(1).strip();
            String target = embedded.group(2).replaceAll("\\s+", "");
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
     * The index of the end-string {@code end} that closes markup whose content starts at {@code from}:
     * content may not start or end with whitespace, and the end-string must be followed by an allowed
     * character. Returns -1 if there is none.
     */
    private static int findEnd(String text, int from, String end) {
        if (from >= text.length() || Character.isWhitespace(text.charAt(from))) {
            return -1;
        }
        int at = from;
        while (true) {
            at = text.indexOf(end, at);
            if (at < 0) {
                return -1;
            }
            boolean escaped = !end.startsWith("``") && at > 0 && text.charAt(at - 1) == '\\';
            boolean contentOk = at > from && !Character.isWhitespace(text.charAt(at - 1));
            int after = at + end.length();
            // A backquote may also be followed by "_" (a reference) or ":role:" (a role written after).
            boolean followOk = endAllowed(text, after) || (end.equals("`") && text.charAt(after) == '_')
                    || (end.equals("`") && text.charAt(after) == ':');
            if (!escaped && contentOk && followOk) {
                return at;
            }
            at++;
        }
    }
}
