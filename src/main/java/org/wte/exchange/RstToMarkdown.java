package org.wte.exchange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.ext.heading.anchor.IdGenerator;

/**
 * The original WTE's reStructuredText (docutils plus its directives and roles) to WTE's Markdown, for the
 * subset the original used. Whatever cannot be converted is kept verbatim in a {@code ```rst} block, and
 * every loss is listed in the report as "Page 'Forms', line 12: ...". Pure: no I/O, no database.
 */
public final class RstToMarkdown {
    /** The Markdown and what the teacher should know about it. */
    public record Result(String markdown, List<String> report) {
        public Result {
            report = List.copyOf(report);
        }
    }

    /** What a text may refer to: other parts of the file by the original's id, files by name. */
    public interface Links {
        Links NONE = new Links() {
            @Override
            public Optional<String> part(String id) {
                return Optional.empty();
            }

            @Override
            public Optional<String> assetMimeType(String name) {
                return Optional.empty();
            }
        };

        /** The ref of the part with the original's export id {@code id}, or empty if the file has none. */
        Optional<String> part(String id);

        /** The mimetype of the file {@code name} nearest to the text (its part, then the parts above). */
        Optional<String> assetMimeType(String name);
    }

    static final Pattern DIRECTIVE = Pattern.compile("^\\.\\.\\s+([A-Za-z0-9][A-Za-z0-9_.:+-]*?)::(?:\\s+(.*))?$");
    private static final Pattern TARGET = Pattern.compile("^\\.\\.\\s+_(`[^`]+`|[^:`][^:]*):(?:\\s+(.*))?$");
    private static final Pattern ANONYMOUS_TARGET = Pattern.compile("^(?:\\.\\.\\s+__:|__)(?:\\s+(.*))?$");
    private static final Pattern FOOTNOTE = Pattern.compile("^\\.\\.\\s+\\[[^\\]]+\\](?:\\s.*)?$");
    private static final Pattern SUBSTITUTION_DEFINITION = Pattern.compile("^\\.\\.\\s+\\|[^|]+\\|.*$");
    private static final Pattern BULLET = Pattern.compile("^([-*+\u2022\u2023\u2043])(?: +(.*))?$");
    private static final Pattern ENUMERATOR = Pattern.compile("^(\\(?)([0-9]+|#|[A-Za-z])([.)])(?: +(.*))?$");
    private static final Pattern FIELD = Pattern.compile("^:([^:`\\s][^:`]*):(?:\\s+(.*))?$");
    private static final Pattern ADORNMENT = Pattern.compile("^([!-/:-@\\[-`{-~])\\1+\\s*$");
    static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

    private RstToMarkdown() {
    }

    /**
     * Converts {@code rst}; {@code where} names the text in the report ("Page 'Forms'"), {@code title} is
     * the node's title (a heading that docutils promoted to the document title and did not show is left
     * out, and reported when it differs from the title).
     */
    public static Result convert(String rst, String where, String title, Links links) {
        State state = new State(where, links == null ? Links.NONE : links);
        List<Line> lines = lines(rst == null ? "" : rst);
        state.scanTargets(lines);
        List<Block> blocks = new Converter(state).blocks(lines);
        int shift = docTitle(blocks, state, title);
        String markdown = join(blocks, state, shift);
        return new Result(markdown.isEmpty() ? "" : markdown + "\n", state.sortedReport());
    }

    /**
     * docutils' doctitle transform: a text whose only top-level element is one section had that section's
     * title promoted to the document title (and, in turn, a lone first subsection's to the subtitle), which
     * the original did not show. Removes those headings and returns by how many levels the rest moves up.
     */
    private static int docTitle(List<Block> blocks, State state, String title) {
        int shift = 0;
        int from = 0;
        for (int level = 0; level < 2; level++) {
            int first = -1;
            for (int i = from; i < blocks.size(); i++) {
                if (!blocks.get(i).invisible()) {
                    first = i;
                    break;
                }
            }
            if (first < 0 || blocks.get(first).section() == null
                    || state.styles.indexOf(blocks.get(first).section().style()) != level) {
                break;
            }
            String style = blocks.get(first).section().style();
            long same = blocks.stream().filter(b -> b.section() != null && b.section().style().equals(style)).count();
            if (same != 1) {
                break;
            }
            Section heading = blocks.get(first).section();
            if (title == null || !heading.plain().strip().equalsIgnoreCase(title.strip())) {
                state.report(heading.line(), "the heading " + RstInline.quoted(heading.plain()) + " was the "
                        + (level == 0 ? "title" : "subtitle") + " of the text in the original and not shown;"
                        + " it was left out");
            }
            blocks.set(first, Block.hidden());
            shift++;
            from = first + 1;
        }
        return shift;
    }

    /** Whether a link or image URL is one WTE keeps: http, https, mailto or relative. */
    static boolean safeUrl(String uri) {
        String clean = uri.replaceAll("[\\x00-\\x20\\x7f]", "");
        Matcher scheme = SCHEME.matcher(clean);
        if (!scheme.find()) {
            return !clean.isEmpty();
        }
        String name = scheme.group(1).toLowerCase(Locale.ROOT);
        return name.equals("http") || name.equals("https") || name.equals("mailto");
    }

    // ---- lines ------------------------------------------------------------------------------------------

    record Line(String text, int number) {
        boolean blank() {
            return text.isBlank();
        }

        int indent() {
            int i = 0;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            return blank() ? Integer.MAX_VALUE : i;
        }

        Line dedent(int by) {
            return new Line(text.length() <= by ? text.strip() : text.substring(Math.min(by, indent())), number);
        }
    }

    /** Splits into lines, tabs expanded to docutils' 8-column stops, trailing blanks removed. */
    static List<Line> lines(String text) {
        String[] raw = text.split("\r\n|\r|\n", -1);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            StringBuilder expanded = new StringBuilder();
            for (char c : raw[i].toCharArray()) {
                if (c == '\t') {
                    expanded.append(" ".repeat(8 - expanded.length() % 8));
                } else if (c == '\f' || c == '\u000b') {
                    expanded.append(' ');
                } else {
                    expanded.append(c);
                }
            }
            lines.add(new Line(expanded.toString().stripTrailing(), i + 1));
        }
        return lines;
    }

    static List<Line> dedent(List<Line> lines) {
        return trimBlank(shiftLeft(lines));
    }

    /** Removes the common indentation, keeping blank lines where they are. */
    static List<Line> shiftLeft(List<Line> lines) {
        int min = lines.stream().mapToInt(Line::indent).min().orElse(0);
        if (min == Integer.MAX_VALUE) {
            min = 0;
        }
        List<Line> result = new ArrayList<>();
        for (Line line : lines) {
            result.add(line.dedent(min));
        }
        return result;
    }

    static List<Line> trimBlank(List<Line> lines) {
        int start = 0;
        int end = lines.size();
        while (start < end && lines.get(start).blank()) {
            start++;
        }
        while (end > start && lines.get(end - 1).blank()) {
            end--;
        }
        return new ArrayList<>(lines.subList(start, end));
    }

    // ---- blocks -------------------------------------------------------------------------------------------

    record Section(String style, String markdown, String plain, int line) {
    }

    /** One converted block: Markdown, a section heading (levels known only at the end), or nothing. */
    record Block(String markdown, Section section, boolean invisible) {
        static Block of(String markdown) {
            return new Block(markdown, null, false);
        }

        static Block hidden() {
            return new Block("", null, true);
        }

        String render(State state, int shift) {
            if (section == null) {
                return markdown;
            }
            int level = Math.max(0, state.styles.indexOf(section.style()) - shift);
            String text = section.markdown();
            if (text.endsWith("#")) {
                // A closing run of # would be read as the end of an ATX heading and dropped.
                text = text.substring(0, text.length() - 1) + "\\#";
            }
            return "#".repeat(Math.min(6, level + 2)) + " " + text;
        }
    }

    private static final Pattern NUMBER_START = Pattern.compile("^([0-9]{1,9})([.)])");
    private static final Pattern BULLET_ITEM = Pattern.compile("(?m)^- ");
    private static final Pattern NUMBERED_ITEM = Pattern.compile("(?m)^([0-9]{1,9})\\. ");

    /**
     * Joins blocks with blank lines. Two lists in a row would merge into one in Markdown, so the second
     * uses the other marker ({@code *} for {@code -}, {@code 1)} for {@code 1.}).
     */
    static String join(List<Block> blocks, State state, int shift) {
        StringBuilder out = new StringBuilder();
        String previous = "";
        for (Block block : blocks) {
            if (block.invisible()) {
                continue;
            }
            String markdown = block.render(state, shift);
            if (previous.startsWith("- ") && markdown.startsWith("- ")) {
                markdown = BULLET_ITEM.matcher(markdown).replaceAll("* ");
            } else if (previous.matches("(?s)^[0-9]{1,9}\\. .*") && markdown.matches("(?s)^[0-9]{1,9}\\. .*")) {
                markdown = NUMBERED_ITEM.matcher(markdown).replaceAll("$1) ");
            }
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(markdown);
            previous = markdown;
        }
        return out.toString();
    }

    /** The fence for a block whose body is {@code body}: longer than any backtick run that starts a line. */
    static String fence(String body) {
        int longest = 0;
        for (String line : body.split("\n", -1)) {
            String stripped = line.stripLeading();
            while (stripped.startsWith(">")) {
                stripped = stripped.substring(1).stripLeading();
            }
            int run = 0;
            while (run < stripped.length() && stripped.charAt(run) == '`') {
                run++;
            }
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    static String fenced(String info, String body) {
        String fence = fence(body);
        return fence + info + "\n" + body + (body.isEmpty() || body.endsWith("\n") ? "" : "\n") + fence;
    }

    static String verbatim(List<Line> lines) {
        StringBuilder body = new StringBuilder();
        for (Line line : trimBlank(lines)) {
            body.append(line.text()).append('\n');
        }
        return fenced("rst", body.toString());
    }

    /** An info-string value, quoted as BlockOptions reads it; null if it has both kinds of quote. */
    static String quote(String value) {
        if (!value.contains("\"")) {
            return "\"" + value + "\"";
        }
        if (!value.contains("'")) {
            return "'" + value + "'";
        }
        return null;
    }

    static String indentLines(String text, String first, String rest) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            if (lines[i].isEmpty()) {
                continue;
            }
            out.append(i == 0 ? first : rest).append(lines[i]);
        }
        return out.toString();
    }

    static String blockQuote(String markdown) {
        StringBuilder out = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(line.isEmpty() ? ">" : "> " + line);
        }
        return out.toString();
    }

    /** The end of the block indented more than {@code indent}, from {@code from} (blank lines included). */
    static int indentedEnd(List<Line> lines, int from, int indent) {
        int end = from;
        int lastContent = from;
        while (end < lines.size() && (lines.get(end).blank() || lines.get(end).indent() > indent)) {
            end++;
            if (!lines.get(end - 1).blank()) {
                lastContent = end;
            }
        }
        return lastContent;
    }

    /** The conversion's shared state: report, section styles in order of appearance, targets, quiz keys. */
    static final class State {
        final String where;
        private final Links links;
        final List<String> report = new ArrayList<>();
        private final List<Integer> lines = new ArrayList<>();
        final List<String> styles = new ArrayList<>();
        private final Map<String, String> targets = new HashMap<>();
        private final List<String> anonymousTargets = new ArrayList<>();
        private int anonymousUsed;
        final Set<String> quizKeys = new HashSet<>();

        State(String where, Links links) {
            this.where = where;
            this.links = links;
        }

        Links links() {
            return links;
        }

        void report(int line, String message) {
            lines.add(line);
            report.add(where + ", line " + line + ": " + message);
        }

        /** The report in line order (the doctitle check, made last, concerns the first lines). */
        List<String> sortedReport() {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < report.size(); i++) {
                order.add(i);
            }
            order.sort(java.util.Comparator.comparingInt(lines::get));
            return order.stream().map(report::get).toList();
        }

        Optional<String> target(String name) {
            String uri = targets.get(normalise(name));
            for (int hops = 0; uri != null && uri.endsWith("_") && hops < 10; hops++) {
                uri = targets.get(normalise(uri.substring(0, uri.length() - 1)));
            }
            return Optional.ofNullable(uri);
        }

        void defineTarget(String name, String uri) {
            targets.putIfAbsent(normalise(name), uri);
        }

        Optional<String> nextAnonymousTarget() {
            return anonymousUsed < anonymousTargets.size()
                    ? Optional.of(anonymousTargets.get(anonymousUsed++)) : Optional.empty();
        }

        /** The ref for the original's crossref id: the file's node, else {@code external} (reported). */
        String crossReference(String id, int line) {
            if (!id.equals("external")) {
                Optional<String> ref = links.part(id);
                if (ref.isPresent()) {
                    return ref.get();
                }
                report(line, "the cross-reference to part " + id + " leads outside the export; it was kept as"
                        + " part:external");
            } else {
                report(line, "the cross-reference leads outside the export (external); it was kept as"
                        + " part:external");
            }
            return "external";
        }

        private static String normalise(String name) {
            String text = name.strip();
            if (text.startsWith("`") && text.endsWith("`") && text.length() > 1) {
                text = text.substring(1, text.length() - 1);
            }
            return text.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        }

        /** Collects named and anonymous targets, and section titles (implicit targets), before converting. */
        void scanTargets(List<Line> lines) {
            IdGenerator ids = IdGenerator.builder().build();
            List<String> pendingInternal = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String text = lines.get(i).text().strip();
                Matcher target = TARGET.matcher(text);
                Matcher anonymous = ANONYMOUS_TARGET.matcher(text);
                if (anonymous.matches()) {
                    if (anonymous.group(1) != null) {
                        anonymousTargets.add(anonymous.group(1).strip());
                    }
                } else if (target.matches()) {
                    StringBuilder uri = new StringBuilder(target.group(2) == null ? "" : target.group(2).strip());
                    for (int j = i + 1; j < lines.size() && !lines.get(j).blank()
                            && lines.get(j).indent() > lines.get(i).indent(); j++) {
                        uri.append(lines.get(j).text().strip());
                    }
                    if (uri.isEmpty()) {
                        pendingInternal.add(target.group(1));
                    } else {
                        defineTarget(target.group(1), uri.toString().replaceAll("\\s+", ""));
                    }
                } else if (i + 1 < lines.size() && !lines.get(i).blank() && lines.get(i).indent() == 0
                        && ADORNMENT.matcher(lines.get(i + 1).text()).matches()
                        && !ADORNMENT.matcher(text).matches()) {
                    String anchor = "#" + ids.generateId(RstInline.unescape(text).replaceAll("[*`]", ""));
                    defineTarget(text, anchor);
                    for (String name : pendingInternal) {
                        defineTarget(name, anchor);
                    }
                    pendingInternal.clear();
                }
            }
        }
    }

    // ---- the block parser -------------------------------------------------------------------------------

    private static final class Converter implements RstDirectives.Body {
        /** Lists, quotes and directives nest; deeper than this is surely not a course page. */
        private static final int MAX_DEPTH = 32;
        private final State state;
        private final RstInline inline;
        private final RstDirectives directives;
        private int depth;

        Converter(State state) {
            this.state = state;
            this.inline = new RstInline(state);
            this.directives = new RstDirectives(state, inline, this);
        }

        @Override
        public String markdown(List<Line> lines) {
            return render(blocks(lines));
        }

        String render(List<Block> blocks) {
            return join(blocks, state, 0);
        }

        @Override
        public List<Block> blocks(List<Line> lines) {
            List<Block> blocks = new ArrayList<>();
            if (depth >= MAX_DEPTH) {
                List<Line> kept = trimBlank(lines);
                if (!kept.isEmpty()) {
                    state.report(kept.get(0).number(), "the text is nested more than " + MAX_DEPTH
                            + " levels deep and was kept as text");
                    blocks.add(Block.of(verbatim(kept)));
                }
                return blocks;
            }
            depth++;
            try {
                int i = 0;
                while (i < lines.size()) {
                    if (lines.get(i).blank()) {
                        i++;
                        continue;
                    }
                    i = Math.max(block(lines, i, blocks), i + 1);
                }
            } finally {
                depth--;
            }
            return blocks;
        }

        /** Converts the block that starts at {@code i}; returns the index after it. */
        private int block(List<Line> lines, int i, List<Block> blocks) {
            Line line = lines.get(i);
            String text = line.text();
            if (line.indent() > 0) {
                int end = indentedEnd(lines, i, 0);
                String quoted = markdown(dedent(lines.subList(i, end)));
                if (!quoted.isEmpty()) {
                    blocks.add(Block.of(blockQuote(quoted)));
                }
                return end;
            }
            if (text.startsWith("..") && (text.length() == 2 || text.charAt(2) == ' ')) {
                int end = indentedEnd(lines, i + 1, 0);
                blocks.add(explicit(lines.subList(i, end)));
                return end;
            }
            if (ANONYMOUS_TARGET.matcher(text).matches()) {
                blocks.add(Block.hidden());
                return i + 1;
            }
            if (RstTable.isGridBorder(text)) {
                int end = i;
                while (end < lines.size() && !lines.get(end).blank()
                        && (lines.get(end).text().startsWith("+") || lines.get(end).text().startsWith("|"))) {
                    end++;
                }
                blocks.add(table(lines.subList(i, end), RstTable.grid(texts(lines.subList(i, end)))));
                return end;
            }
            if (RstTable.isSimpleBorder(text)) {
                int end = i + 1;
                while (end < lines.size()) {
                    boolean border = RstTable.isSimpleBorder(lines.get(end).text());
                    end++;
                    if (border && (end >= lines.size() || lines.get(end).blank())) {
                        break;
                    }
                }
                blocks.add(table(lines.subList(i, end), RstTable.simple(texts(lines.subList(i, end)))));
                return end;
            }
            int section = section(lines, i, blocks);
            if (section > i) {
                return section;
            }
            if (ADORNMENT.matcher(text).matches() && text.strip().length() >= 4) {
                blocks.add(Block.of("---"));
                return i + 1;
            }
            Matcher bullet = BULLET.matcher(text);
            if (bullet.matches()) {
                return list(lines, i, blocks, false);
            }
            Matcher enumerator = ENUMERATOR.matcher(text);
            if (enumerator.matches() && enumerator.group(4) != null
                    && (enumerator.group(1).isEmpty() || enumerator.group(3).equals(")"))) {
                return list(lines, i, blocks, true);
            }
            Matcher field = FIELD.matcher(text);
            if (field.matches()) {
                return fields(lines, i, blocks);
            }
            if (text.startsWith(">>>")) {
                int end = i;
                StringBuilder code = new StringBuilder();
                while (end < lines.size() && !lines.get(end).blank()) {
                    code.append(lines.get(end).text()).append('\n');
                    end++;
                }
                blocks.add(Block.of(fenced("python", code.toString())));
                return end;
            }
            if (text.startsWith("| ") || text.equals("|")) {
                int end = i;
                List<String> kept = new ArrayList<>();
                while (end < lines.size() && (lines.get(end).text().startsWith("| ")
                        || lines.get(end).text().equals("|"))) {
                    kept.add(inline.convert(lines.get(end).text().substring(1).strip(), lines.get(end).number()));
                    end++;
                }
                blocks.add(Block.of(escapeLineStarts(String.join("\\\n", kept))));
                return end;
            }
            if (i + 1 < lines.size() && !lines.get(i + 1).blank() && lines.get(i + 1).indent() > 0) {
                return definitions(lines, i, blocks);
            }
            return paragraph(lines, i, blocks);
        }

        private static List<String> texts(List<Line> lines) {
            return lines.stream().map(Line::text).toList();
        }


        private Block table(List<Line> lines, List<List<String>> rows) {
            if (rows == null) {
                state.report(lines.get(0).number(), "a table with merged cells was kept as text");
                return Block.of(verbatim(lines));
            }
            int line = lines.get(0).number();
            return Block.of(RstTable.markdown(rows, cell -> inline.convert(cell, line)));
        }

        private int section(List<Line> lines, int i, List<Block> blocks) {
            String text = lines.get(i).text();
            Matcher over = ADORNMENT.matcher(text);
            if (over.matches() && i + 2 < lines.size() && !lines.get(i + 1).blank()
                    && lines.get(i + 2).text().strip().equals(text.strip())) {
                String title = lines.get(i + 1).text().strip();
                addSection(blocks, "over" + over.group(1), title, lines.get(i + 1).number());
                return i + 3;
            }
            if (i + 1 < lines.size() && !over.matches()) {
                String under = lines.get(i + 1).text();
                Matcher adornment = ADORNMENT.matcher(under);
                if (adornment.matches() && lines.get(i + 1).indent() == 0
                        && (under.strip().length() >= text.strip().length() || under.strip().length() >= 4)) {
                    addSection(blocks, "under" + adornment.group(1), text.strip(), lines.get(i).number());
                    return i + 2;
                }
            }
            return i;
        }

        private void addSection(List<Block> blocks, String style, String title, int line) {
            if (!state.styles.contains(style)) {
                state.styles.add(style);
            }
            String plain = RstInline.unescape(title).replaceAll("\\*\\*|``|`_?_?", "");
            blocks.add(new Block(null, new Section(style, inline.convert(title, line), plain, line), false));
        }

        private int paragraph(List<Line> lines, int i, List<Block> blocks) {
            int end = i;
            StringBuilder text = new StringBuilder();
            while (end < lines.size() && !lines.get(end).blank() && lines.get(end).indent() == 0) {
                if (end > i) {
                    text.append('\n');
                }
                text.append(lines.get(end).text().strip());
                end++;
            }
            String paragraph = text.toString();
            boolean literal = paragraph.endsWith("::");
            if (literal) {
                paragraph = paragraph.equals("::") ? ""
                        : paragraph.endsWith(" ::") || paragraph.endsWith("\n::")
                        ? paragraph.substring(0, paragraph.length() - 2).stripTrailing()
                        : paragraph.substring(0, paragraph.length() - 1);
            }
            if (!paragraph.isEmpty()) {
                blocks.add(Block.of(escapeLineStarts(inline.convert(paragraph, lines.get(i).number()))));
            }
            int next = end;
            while (next < lines.size() && lines.get(next).blank()) {
                next++;
            }
            if (next < lines.size() && lines.get(next).indent() > 0) {
                int blockEnd = indentedEnd(lines, next, 0);
                List<Line> body = dedent(lines.subList(next, blockEnd));
                if (literal) {
                    StringBuilder code = new StringBuilder();
                    body.forEach(l -> code.append(l.text()).append('\n'));
                    blocks.add(Block.of(fenced("", code.toString())));
                } else {
                    String quoted = markdown(body);
                    if (!quoted.isEmpty()) {
                        blocks.add(Block.of(blockQuote(quoted)));
                    }
                }
                return blockEnd;
            }
            return end;
        }

        /** Lists: items are the marker line and the lines indented below it; nested content converts too. */
        private int list(List<Line> lines, int i, List<Block> blocks, boolean ordered) {
            List<String> items = new ArrayList<>();
            boolean loose = false;
            int start = 1;
            int end = i;
            while (end < lines.size()) {
                Line line = lines.get(end);
                Matcher bullet = BULLET.matcher(line.text());
                Matcher number = ENUMERATOR.matcher(line.text());
                String first;
                int column;
                if (!ordered && bullet.matches() && line.indent() == 0) {
                    first = bullet.group(2) == null ? "" : bullet.group(2);
                    column = bullet.group(2) == null ? 2 : bullet.start(2);
                } else if (ordered && number.matches() && number.group(4) != null && line.indent() == 0) {
                    first = number.group(4);
                    column = number.start(4);
                    if (items.isEmpty() && number.group(2).matches("[0-9]+")) {
                        start = Integer.parseInt(number.group(2).length() > 9 ? "1" : number.group(2));
                    }
                } else {
                    break;
                }
                int itemEnd = indentedEnd(lines, end + 1, 0);
                List<Line> body = new ArrayList<>();
                body.add(new Line(first, line.number()));
                // The item's text starts at the column after the marker; the lines below are relative to it.
                for (Line below : lines.subList(end + 1, itemEnd)) {
                    body.add(below.dedent(column));
                }
                StringBuilder item = new StringBuilder();
                for (Block block : blocks(body)) {
                    if (block.invisible()) {
                        continue;
                    }
                    String markdown = block.render(state, 0);
                    if (item.length() > 0) {
                        // A nested list keeps the list tight; a second paragraph makes it loose.
                        boolean nestedList = markdown.matches("(?s)^(?:- |[0-9]+\\. ).*");
                        loose |= !nestedList;
                        item.append(nestedList ? "\n" : "\n\n");
                    }
                    item.append(markdown);
                }
                items.add(item.toString());
                end = itemEnd;
                int next = end;
                while (next < lines.size() && lines.get(next).blank()) {
                    next++;
                }
                if (next >= lines.size() || lines.get(next).indent() != 0
                        || !(ordered ? ENUMERATOR.matcher(lines.get(next).text()).matches()
                        : BULLET.matcher(lines.get(next).text()).matches())) {
                    break;
                }
                end = next;
            }
            StringBuilder out = new StringBuilder();
            for (int n = 0; n < items.size(); n++) {
                String marker = ordered ? (start + n) + ". " : "- ";
                if (n > 0) {
                    out.append(loose ? "\n\n" : "\n");
                }
                String item = items.get(n).isEmpty() ? "" : items.get(n);
                out.append(item.isEmpty() ? marker.strip() : indentLines(item, marker, " ".repeat(marker.length())));
            }
            blocks.add(Block.of(out.toString()));
            return end;
        }

        /** A definition list: each term bold in a bullet item, its definition below it in the item. */
        private int definitions(List<Line> lines, int i, List<Block> blocks) {
            StringBuilder out = new StringBuilder();
            int end = i;
            while (end + 1 < lines.size() && !lines.get(end).blank() && lines.get(end).indent() == 0
                    && !lines.get(end + 1).blank() && lines.get(end + 1).indent() > 0
                    && (end == i || plainText(lines.get(end).text()))) {
                Line term = lines.get(end);
                int bodyEnd = indentedEnd(lines, end + 1, 0);
                String definition = markdown(dedent(lines.subList(end + 1, bodyEnd)));
                if (out.length() > 0) {
                    out.append("\n\n");
                }
                out.append("- **").append(inline.convert(term.text().strip(), term.number())).append("**");
                if (!definition.isEmpty()) {
                    out.append("\n\n").append(indentLines(definition, "  ", "  "));
                }
                end = bodyEnd;
                while (end < lines.size() && lines.get(end).blank()) {
                    end++;
                }
            }
            blocks.add(Block.of(out.toString()));
            return end;
        }

        /** Whether a line starts no construct of its own (so it can be a definition list's term). */
        private static boolean plainText(String text) {
            return !(text.startsWith("..") || text.startsWith("__ ") || BULLET.matcher(text).matches()
                    || ENUMERATOR.matcher(text).matches() || FIELD.matcher(text).matches()
                    || ADORNMENT.matcher(text).matches() || RstTable.isGridBorder(text)
                    || RstTable.isSimpleBorder(text) || text.startsWith(">>>") || text.startsWith("| "));
        }

        /** A field list (":Author: Jane"): each field a bullet item with its name in bold. */
        private int fields(List<Line> lines, int i, List<Block> blocks) {
            StringBuilder out = new StringBuilder();
            int end = i;
            while (end < lines.size()) {
                Matcher field = FIELD.matcher(lines.get(end).text());
                if (!field.matches() || lines.get(end).indent() > 0) {
                    break;
                }
                int bodyEnd = indentedEnd(lines, end + 1, 0);
                List<Line> body = new ArrayList<>();
                body.add(new Line(field.group(2) == null ? "" : field.group(2), lines.get(end).number()));
                body.addAll(shiftLeft(lines.subList(end + 1, bodyEnd)));
                String value = markdown(trimBlank(body));
                if (out.length() > 0) {
                    out.append('\n');
                }
                String name = "**" + inline.convert(field.group(1).strip(), lines.get(end).number()) + ":**";
                out.append(indentLines(value.isEmpty() ? name : name + " " + value, "- ", "  "));
                end = bodyEnd;
                while (end < lines.size() && lines.get(end).blank() && end + 1 < lines.size()
                        && FIELD.matcher(lines.get(end + 1).text()).matches()) {
                    end++;
                }
            }
            blocks.add(Block.of(out.toString()));
            return end;
        }

        // ---- explicit markup: directives, targets, comments ---------------------------------------------

        private Block explicit(List<Line> lines) {
            Line first = lines.get(0);
            String text = first.text();
            Matcher directive = DIRECTIVE.matcher(text);
            if (directive.matches()) {
                return directives.convert(directive.group(1).toLowerCase(Locale.ROOT),
                        directive.group(2) == null ? "" : directive.group(2).strip(), lines);
            }
            if (TARGET.matcher(text).matches() || ANONYMOUS_TARGET.matcher(text).matches()) {
                return Block.hidden();
            }
            if (FOOTNOTE.matcher(text).matches()) {
                state.report(first.number(), "the footnote was kept as text");
                return Block.of(verbatim(lines));
            }
            if (SUBSTITUTION_DEFINITION.matcher(text).matches()) {
                state.report(first.number(), "the substitution definition was kept as text");
                return Block.of(verbatim(lines));
            }
            return Block.hidden(); // a comment: the original did not show it either
        }
    }

    /** Escapes what would start a block at the start of a line of converted paragraph text. */
    static String escapeLineStarts(String markdown) {
        StringBuilder out = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            Matcher number = NUMBER_START.matcher(line);
            if (number.find()) {
                out.append(number.group(1)).append('\\').append(line.substring(number.group(1).length()));
            } else if (!line.isEmpty() && "#-+=>".indexOf(line.charAt(0)) >= 0) {
                out.append('\\').append(line);
            } else {
                out.append(line);
            }
        }
        return out.toString();
    }
}
