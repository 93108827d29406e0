package org.wte.exchange;

import static org.wte.exchange.RstToMarkdown.DIRECTIVE;
import static org.wte.exchange.RstToMarkdown.SCHEME;
import static org.wte.exchange.RstToMarkdown.blockQuote;
import static org.wte.exchange.RstToMarkdown.fenced;
import static org.wte.exchange.RstToMarkdown.indentedEnd;
import static org.wte.exchange.RstToMarkdown.quote;
import static org.wte.exchange.RstToMarkdown.safeUrl;
import static org.wte.exchange.RstToMarkdown.shiftLeft;
import static org.wte.exchange.RstToMarkdown.trimBlank;
import static org.wte.exchange.RstToMarkdown.verbatim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.wte.exchange.RstToMarkdown.Block;
import org.wte.exchange.RstToMarkdown.Line;
import org.wte.exchange.RstToMarkdown.State;

/**
 * The original WTE's directives ({@code sourcecode}, admonitions, {@code image}/{@code figure},
 * {@code youtube}, {@code show-hide}, {@code table}, {@code quiz}/{@code quiz-question}) in WTE's Markdown;
 * any other directive is kept as text and reported. The block parser ({@link RstToMarkdown}) gives each
 * directive's lines here and converts the bodies that nest other blocks.
 */
final class RstDirectives {
    /** What converts a directive's body: the block parser, at the body's depth. */
    interface Body {
        String markdown(List<Line> lines);

        List<Block> blocks(List<Line> lines);
    }

    private static final Pattern OPTION = Pattern.compile("^:([A-Za-z0-9_-]+):(?:\\s+(.*))?$");
    private static final Pattern YOUTUBE = Pattern.compile(
            "(?i)^https?://(?:(?:www\\.|m\\.)?youtube\\.com|youtu\\.be)/[A-Za-z0-9_?=&/%.:#-]+$");
    private static final Pattern BARE_YOUTUBE_ID = Pattern.compile(
            "(?i)^https?://(?:www\\.|m\\.)?youtube\\.com/([A-Za-z0-9_-]{11})/?$");
    private static final Pattern QUIZ_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_+#.-]{1,40}");
    private static final Pattern ASSET_URL = Pattern.compile("^(?:.*/)?files/name/assets/([A-Za-z0-9_.-]+)$");
    private static final Pattern ASSET_NAME = Pattern.compile("^(?:parent:)?([A-Za-z0-9_.-]+)$");
    private static final Set<String> ADMONITIONS = Set.of("attention", "caution", "danger", "error", "hint",
            "important", "note", "tip", "warning", "seealso");
    private static final Set<String> CODE_DIRECTIVES = Set.of("sourcecode", "code", "code-block");
    private static final Set<String> WTE_BLOCK_WORDS = Set.of("show-hide", "video", "quiz");

    private final State state;
    private final RstInline inline;
    private final Body converter;

    RstDirectives(State state, RstInline inline, Body converter) {
        this.state = state;
        this.inline = inline;
        this.converter = converter;
    }

    /** A directive's parts: argument (first line and continuation lines), options, body. */
    private record Directive(String name, String argument, Map<String, String> options, List<Line> body,
                             List<Line> all, int line) {
    }

    private Directive read(String name, String argument, List<Line> lines) {
        List<Line> rest = shiftLeft(lines.subList(1, lines.size()));
        StringBuilder arg = new StringBuilder(argument);
        int i = 0;
        while (i < rest.size() && !rest.get(i).blank() && !OPTION.matcher(rest.get(i).text()).matches()
                && !argument.isEmpty() && !CODE_DIRECTIVES.contains(name)) {
            arg.append(' ').append(rest.get(i).text().strip());
            i++;
        }
        Map<String, String> options = new java.util.LinkedHashMap<>();
        while (i < rest.size() && !rest.get(i).blank()) {
            Matcher option = OPTION.matcher(rest.get(i).text());
            if (!option.matches()) {
                break;
            }
            options.put(option.group(1).toLowerCase(Locale.ROOT),
                    option.group(2) == null ? "" : option.group(2).strip());
            i++;
        }
        List<Line> body = trimBlank(rest.subList(i, rest.size()));
        return new Directive(name, arg.toString().strip(), options, body, lines, lines.get(0).number());
    }

    /** The directive {@code name} (lower case) whose first line's argument and lines are given. */
    Block convert(String name, String argument, List<Line> lines) {
        Directive d = read(name, argument, lines);
        if (CODE_DIRECTIVES.contains(name)) {
            return code(d);
        }
        if (ADMONITIONS.contains(name) || name.equals("admonition")) {
            return admonition(d);
        }
        return switch (name) {
            case "image", "figure" -> image(d);
            case "youtube" -> youtube(d);
            case "show-hide" -> showHide(d);
            case "quiz" -> quiz(d);
            case "table" -> captionedTable(d);
            default -> keep(d, "the directive '" + name + "' was kept as text");
        };
    }

    private Block keep(Directive d, String message) {
        state.report(d.line(), message);
        return Block.of(verbatim(d.all()));
    }

    private void unknownOptions(Directive d, Set<String> known) {
        for (String option : d.options().keySet()) {
            if (!known.contains(option)) {
                state.report(d.line(), "the option ':" + option + ":' of '" + d.name() + "' was left out");
            }
        }
    }

    private Block code(Directive d) {
        unknownOptions(d, Set.of("filename", "linenos", "no-select", "number-lines", "name", "class"));
        String language = d.argument().isEmpty() ? "" : d.argument().split("\\s+")[0].toLowerCase(Locale.ROOT);
        if (!language.isEmpty() && (!LANGUAGE.matcher(language).matches() || WTE_BLOCK_WORDS.contains(language))) {
            state.report(d.line(), "the language " + RstInline.quoted(language) + " of a code block was left out");
            language = "";
        }
        StringBuilder info = new StringBuilder(language);
        String filename = d.options().get("filename");
        if (filename != null && !filename.isBlank()) {
            String quoted = quote(filename.strip());
            if (quoted == null) {
                state.report(d.line(), "the file name " + RstInline.quoted(filename)
                        + " has both kinds of quote and was left out");
            } else {
                info.append(info.isEmpty() ? "" : " ").append("filename=").append(quoted);
            }
        }
        String linenos = d.options().containsKey("linenos") ? d.options().get("linenos")
                : d.options().get("number-lines");
        if (linenos != null) {
            info.append(info.isEmpty() ? "" : " ").append("linenos");
            String start = linenos.strip();
            if (start.matches("[0-9]{1,6}") && Integer.parseInt(start) >= 1) {
                if (Integer.parseInt(start) != 1) {
                    info.append('=').append(Integer.parseInt(start));
                }
            } else if (!start.isEmpty()) {
                state.report(d.line(), "the first line number " + RstInline.quoted(start)
                        + " is not a number; the lines are numbered from 1");
            }
        }
        String noSelect = d.options().get("no-select");
        if (noSelect != null && !noSelect.strip().equalsIgnoreCase("false")) {
            info.append(info.isEmpty() ? "" : " ").append("no-select");
        }
        StringBuilder body = new StringBuilder();
        d.body().forEach(l -> body.append(l.text()).append('\n'));
        if (d.body().isEmpty()) {
            state.report(d.line(), "the code block is empty");
        }
        return Block.of(fenced(info.toString(), body.toString()));
    }

    private Block admonition(Directive d) {
        String label;
        List<Line> content = new ArrayList<>();
        if (d.name().equals("admonition")) {
            label = d.argument().isEmpty() ? "Note" : inline.convert(d.argument(), d.line());
        } else {
            label = d.name().equals("seealso") ? "See also"
                    : Character.toUpperCase(d.name().charAt(0)) + d.name().substring(1);
            if (!d.argument().isEmpty()) {
                content.add(new Line(d.argument(), d.line()));
            }
        }
        content.addAll(d.body());
        String body = converter.markdown(content);
        return Block.of(blockQuote("**" + label + "**" + (body.isEmpty() ? "" : "\n\n" + body)));
    }

    private Block image(Directive d) {
        String uri = d.argument().replaceAll("\\s+", "");
        String alt = d.options().getOrDefault("alt", "");
        String source;
        Matcher assetUrl = ASSET_URL.matcher(uri);
        Matcher assetName = ASSET_NAME.matcher(uri);
        if (assetUrl.matches() && state.links().assetMimeType(assetUrl.group(1)).isPresent()) {
            source = "asset:" + assetUrl.group(1);
        } else if (assetName.matches() && state.links().assetMimeType(assetName.group(1)).isPresent()) {
            source = "asset:" + assetName.group(1);
        } else if (uri.isEmpty()) {
            return keep(d, "the " + d.name() + " has no address and was kept as text");
        } else if (!safeUrl(uri) || SCHEME.matcher(uri).find() && uri.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
            state.report(d.line(), "the image " + RstInline.quoted(uri) + " was dropped (only http, https,"
                    + " relative addresses and the export's files are kept)");
            source = null;
        } else {
            if (!SCHEME.matcher(uri).find()) {
                state.report(d.line(), "the image " + RstInline.quoted(uri) + " is not a file of the export;"
                        + " its relative address was kept and may not work here");
            }
            source = RstInline.destination(uri);
        }
        String altText = alt.isEmpty() ? (source != null && source.startsWith("asset:")
                ? source.substring("asset:".length()) : "") : alt;
        String image = source == null ? RstInline.escape(altText) : "![" + RstInline.escape(altText) + "](" + source + ")";
        String target = d.options().get("target");
        if (target != null && source != null) {
            String linkTarget = target.replaceAll("\\s+", "");
            if (safeUrl(linkTarget)) {
                image = "[" + image + "](" + RstInline.destination(linkTarget) + ")";
            } else {
                state.report(d.line(), "the image's link to " + RstInline.quoted(linkTarget) + " was dropped");
            }
        }
        unknownOptions(d, Set.of("alt", "target", "width", "height", "scale", "align", "class", "name",
                "figwidth", "figclass", "loading"));
        List<String> parts = new ArrayList<>();
        if (!image.isEmpty()) {
            parts.add(image);
        }
        if (d.name().equals("figure") && !d.body().isEmpty()) {
            List<Block> caption = converter.blocks(d.body());
            boolean firstParagraph = true;
            for (Block block : caption) {
                if (block.invisible()) {
                    continue;
                }
                String markdown = block.render(state, 0);
                // The caption in italics, unless it has emphasis of its own (which would not nest).
                parts.add(firstParagraph && block.section() == null && !markdown.contains("*")
                        && !markdown.contains("\n\n") ? "*" + markdown.replace("\n", " ") + "*" : markdown);
                firstParagraph = false;
            }
        }
        return Block.of(String.join("\n\n", parts));
    }

    private Block youtube(Directive d) {
        String url = d.argument().strip();
        if (!YOUTUBE.matcher(url).matches()) {
            return keep(d, "the video " + RstInline.quoted(url) + " is not a YouTube link and was kept as text");
        }
        // The original took the id after the last "/", so youtube.com/ID worked there; WTE wants youtu.be/ID.
        Matcher bare = BARE_YOUTUBE_ID.matcher(url);
        return Block.of("```video\n" + (bare.matches() ? "https://youtu.be/" + bare.group(1) : url) + "\n```");
    }

    private Block showHide(Directive d) {
        unknownOptions(d, Set.of("title", "initial"));
        StringBuilder info = new StringBuilder("show-hide");
        String title = d.options().getOrDefault("title", "").strip();
        if (!title.isEmpty()) {
            String quoted = quote(title);
            if (quoted == null) {
                quoted = quote(title.replace("\"", "'"));
                state.report(d.line(), "the title of the show/hide block had both kinds of quote; its \" became '");
            }
            info.append(" title=").append(quoted);
        }
        // The original showed the block unless :initial: was "hidden"; WTE starts blocks closed.
        if (!d.options().getOrDefault("initial", "").strip().equalsIgnoreCase("hidden")) {
            info.append(" open");
        }
        String body = converter.markdown(d.body());
        return Block.of(fenced(info.toString(), body.isEmpty() ? "" : body + "\n"));
    }

    private Block captionedTable(Directive d) {
        unknownOptions(d, Set.of("name", "class", "align", "widths", "width"));
        String body = converter.markdown(d.body());
        String caption = d.argument().isEmpty() ? "" : "**" + inline.convert(d.argument(), d.line()) + "**";
        return Block.of(caption.isEmpty() ? body : caption + "\n\n" + body);
    }

    private Block quiz(Directive d) {
        unknownOptions(d, Set.of("title"));
        String key = d.argument().isEmpty() ? "" : d.argument().split("\\s+")[0];
        if (!key.isEmpty() && !QUIZ_KEY.matcher(key).matches()) {
            String cleaned = key.replaceAll("[^A-Za-z0-9_-]", "-");
            cleaned = cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
            state.report(d.line(), "the quiz id " + RstInline.quoted(key) + " became the key '" + cleaned + "'");
            key = cleaned;
        }
        if (key.isEmpty()) {
            state.report(d.line(), "the quiz has no id; WTE names it by its position");
        } else if (!state.quizKeys.add(key)) {
            String unique = key;
            for (int n = 2; !state.quizKeys.add(unique); n++) {
                unique = key + "-" + n;
            }
            state.report(d.line(), "two quizzes have the id '" + key + "'; this one's key is '" + unique + "'");
            key = unique;
        }
        List<String> questions = new ArrayList<>();
        List<Line> other = new ArrayList<>();
        List<Line> body = d.body();
        int i = 0;
        while (i < body.size()) {
            Line line = body.get(i);
            if (line.blank()) {
                other.add(line);
                i++;
                continue;
            }
            Matcher directive = DIRECTIVE.matcher(line.text());
            int end = indentedEnd(body, i + 1, line.indent());
            if (line.indent() == 0 && directive.matches()
                    && directive.group(1).equalsIgnoreCase("quiz-question")) {
                Directive q = read("quiz-question", directive.group(2) == null ? "" : directive.group(2).strip(),
                        body.subList(i, end));
                questions.add(question(q, key));
            } else {
                other.addAll(body.subList(i, end == i ? i + 1 : end));
                end = Math.max(end, i + 1);
            }
            i = end;
        }
        List<String> parts = new ArrayList<>();
        String title = d.options().getOrDefault("title", "").strip();
        if (!title.isEmpty()) {
            parts.add("**" + inline.convert(title, d.line()) + "**");
        }
        String extra = converter.markdown(trimBlank(other));
        if (!extra.isEmpty()) {
            state.report(d.line(), "the text inside the quiz that is not a question was put before it");
            parts.add(extra);
        }
        if (questions.isEmpty()) {
            state.report(d.line(), "the quiz has no questions and was kept as text");
            parts.add(verbatim(d.all()));
            return Block.of(String.join("\n\n", parts));
        }
        String quizBody = String.join("\n\n", questions) + "\n";
        parts.add(fenced("quiz" + (key.isEmpty() ? "" : " key=\"" + key + "\""), quizBody));
        return Block.of(String.join("\n\n", parts));
    }

    private String question(Directive q, String quizKey) {
        unknownOptions(q, Set.of("question", "type"));
        String type = q.options().getOrDefault("type", "single-choice").strip();
        boolean multiple = !type.isEmpty() && !type.equalsIgnoreCase("single-choice");
        String text = q.options().getOrDefault("question", "").strip();
        String name = "the question '" + (q.argument().isEmpty() ? "?" : q.argument()) + "' of the quiz '"
                + quizKey + "'";
        if (text.isEmpty()) {
            state.report(q.line(), name + " has no text; its id was used");
            text = q.argument().isEmpty() ? "Question" : q.argument();
        }
        StringBuilder out = new StringBuilder(multiple ? "?? " : "? ").append(oneLine(text, q.line()));
        int choices = 0;
        int correct = 0;
        for (Line line : q.body()) {
            if (line.blank()) {
                continue;
            }
            String answer = line.text().strip();
            boolean right = answer.contains("[x]");
            String shown = answer.replace("[x]", "").strip();
            choices++;
            correct += right ? 1 : 0;
            out.append("\n- [").append(right ? "x" : " ").append("] ")
                    .append(shown.isEmpty() ? "(empty)" : oneLine(shown, line.number()));
        }
        if (choices < 2) {
            state.report(q.line(), name + " has fewer than two answers; WTE shows the quiz with an error"
                    + " until it is fixed");
        } else if (correct == 0) {
            state.report(q.line(), name + " has no correct answer; WTE shows the quiz with an error until one"
                    + " is marked [x]");
        }
        return out.toString();
    }

    /** Inline text of a quiz question or choice: one line, not starting with quiz syntax. */
    private String oneLine(String text, int line) {
        String converted = inline.convert(text, line).replace("\n", " ");
        if (converted.startsWith("?") || converted.startsWith("-") || converted.startsWith("+")) {
            converted = "\\" + converted;
        }
        return converted;
    }
}
