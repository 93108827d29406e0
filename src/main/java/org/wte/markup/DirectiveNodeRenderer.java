package org.wte.markup;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;
import org.wte.markup.MarkupContext.AssetLink;

/**
 * Renders WTE's directives, which are written in plain CommonMark so that they degrade gracefully:
 * fenced code blocks with options, {@code show-hide}, {@code video} and {@code quiz} blocks, inline code
 * with a language, {@code asset:} images and links, {@code part:} / {@code page:} cross-references, and
 * ordinary links and images whose URLs are checked. Everything else is CommonMark's own rendering.
 */
final class DirectiveNodeRenderer implements NodeRenderer {
    /** How deep show/hide blocks may nest. */
    static final int MAX_DEPTH = 8;

    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_+#.-]{1,40}");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");
    private static final Pattern CROSS_REFERENCE = Pattern.compile("(?:part|page):([0-9]{1,18})",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INVISIBLE = Pattern.compile("[\\x00-\\x20\\x7f]");
    private static final List<String> CODE_OPTIONS = List.of("filename", "linenos", "no-select");
    private static final int MAX_LINE_START = 1_000_000;
    private static final String REL_EXTERNAL = "noopener noreferrer";

    private final HtmlNodeRendererContext context;
    private final HtmlWriter out;
    private final FragmentRenderer fragments;
    private final RenderSession session;
    private final int lineOffset;
    private final int depth;
    private final Map<Code, String> codeLanguages;

    DirectiveNodeRenderer(HtmlNodeRendererContext context, FragmentRenderer fragments, int lineOffset, int depth,
            Map<Code, String> codeLanguages) {
        this.context = context;
        this.out = context.getWriter();
        this.fragments = fragments;
        this.session = fragments.session();
        this.lineOffset = lineOffset;
        this.depth = depth;
        this.codeLanguages = codeLanguages;
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return Set.of(FencedCodeBlock.class, Link.class, Image.class, Code.class);
    }

    @Override
    public void render(Node node) {
        if (node instanceof FencedCodeBlock block) {
            fencedBlock(block);
        } else if (node instanceof Link link) {
            link(link);
        } else if (node instanceof Image image) {
            image(image);
        } else if (node instanceof Code code) {
            inlineCode(code);
        }
    }

    // ---- blocks -------------------------------------------------------------------------------------

    private void fencedBlock(FencedCodeBlock block) {
        int line = lineOf(block);
        BlockOptions options = BlockOptions.parse(block.getInfo(), CODE_OPTIONS);
        String literal = block.getLiteral() == null ? "" : block.getLiteral();
        switch (options.word().toLowerCase(Locale.ROOT)) {
            case "show-hide" -> showHide(line, options, literal);
            case "video" -> video(line, options, literal);
            case "quiz" -> quiz(line, options, literal);
            default -> codeBlock(line, options, literal);
        }
    }

    private void codeBlock(int line, BlockOptions options, String literal) {
        options.problems("a code block", CODE_OPTIONS).forEach(p -> session.error(line, p));
        String language = options.word();
        if (!language.isEmpty() && !LANGUAGE.matcher(language).matches()) {
            session.error(line, "not a language name: " + BlockOptions.shown(language));
            language = "";
        }
        String filename = null;
        if (options.has("filename")) {
            filename = options.value("filename").map(String::strip).orElse("");
            if (filename.isEmpty()) {
                session.error(line, "filename needs a value, as in filename=\"app.py\"");
                filename = null;
            }
        }
        int firstLine = 0;
        if (options.has("linenos")) {
            firstLine = options.value("linenos").map(v -> lineStart(line, v)).orElse(1);
        }
        boolean noSelect = options.has("no-select");

        List<String> lines = codeLines(literal);
        Map<String, String> codeAttributes = language.isEmpty() ? Map.of() : Map.of("class", "language-" + language);
        boolean plain = filename == null && firstLine == 0 && !noSelect;
        out.line();
        if (!plain) {
            List<String> classes = new ArrayList<>(List.of("wte-code"));
            if (firstLine > 0) {
                int lastLine = firstLine + Math.max(lines.size(), 1) - 1;
                classes.add("wte-code-linenos");
                classes.add("wte-code-gutter-" + Math.min(String.valueOf(lastLine).length(), 7));
            }
            if (noSelect) {
                classes.add("wte-no-select");
            }
            out.tag("figure", attributes("class", String.join(" ", classes)));
            if (filename != null) {
                out.tag("figcaption", attributes("class", "wte-code-filename"));
                out.text(filename);
                out.tag("/figcaption");
            }
        }
        out.tag("pre");
        out.tag("code", codeAttributes);
        if (firstLine > 0) {
            for (int i = 0; i < lines.size(); i++) {
                out.tag("span", attributes("class", "wte-line", "data-line", String.valueOf(firstLine + i)));
                out.text(lines.get(i));
                out.tag("/span");
                out.raw("\n");
            }
        } else {
            out.text(literal);
        }
        out.tag("/code");
        out.tag("/pre");
        if (!plain) {
            out.tag("/figure");
        }
        out.line();
    }

    private int lineStart(int line, String value) {
        try {
            int start = Integer.parseInt(value.strip());
            if (start >= 1 && start <= MAX_LINE_START) {
                return start;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        session.error(line, "linenos takes the number of the first line, as in linenos=10 (not "
                + BlockOptions.shown(value) + ")");
        return 1;
    }

    private static List<String> codeLines(String literal) {
        if (literal.isEmpty()) {
            return List.of();
        }
        String text = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        return List.of(text.split("\n", -1));
    }

    private void showHide(int line, BlockOptions options, String literal) {
        options.problems("a show-hide block", List.of("title", "open", "closed")).forEach(p -> session.error(line, p));
        String title = options.value("title").map(String::strip).orElse("");
        if (options.has("title") && title.isEmpty()) {
            session.error(line, "title needs a value, as in title=\"Solution\"");
        }
        if (title.isEmpty()) {
            title = "Show / hide";
        }
        if (options.has("open") && options.has("closed")) {
            session.error(line, "a show-hide block is either open or closed, not both");
        }
        boolean open = options.has("open") && !options.has("closed");
        if (depth >= MAX_DEPTH) {
            session.error(line, "show-hide blocks are nested more than " + MAX_DEPTH + " deep");
            out.line();
            out.tag("pre");
            out.text(literal);
            out.tag("/pre");
            out.line();
            return;
        }
        String id = session.nextShowHideId();
        out.line();
        out.tag("div", attributes("class", "wte-showhide", "data-wte-initial", open ? "open" : "closed"));
        out.line();
        // Rendered expanded: without JavaScript the content is visible; wte-markup.js applies the initial state.
        out.tag("button", attributes("type", "button", "class", "wte-showhide-toggle", "aria-expanded", "true",
                "aria-controls", id));
        out.text(title);
        out.tag("/button");
        out.line();
        out.tag("div", attributes("class", "wte-showhide-body", "id", id));
        out.line();
        out.raw(fragments.block(literal, line, depth + 1));
        out.tag("/div");
        out.line();
        out.tag("/div");
        out.line();
    }

    private void video(int line, BlockOptions options, String literal) {
        options.problems("a video block", List.of("title")).forEach(p -> session.error(line, p));
        String title = options.value("title").map(String::strip).filter(t -> !t.isEmpty()).orElse("YouTube video");
        List<String> links = new ArrayList<>();
        List<Integer> linkLines = new ArrayList<>();
        String[] lines = literal.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                links.add(lines[i].strip());
                linkLines.add(line + 1 + i);
            }
        }
        YouTubeVideo video = null;
        if (links.isEmpty()) {
            session.error(line, "the video block has no YouTube link (put the link on the line below ```video)");
        } else {
            if (links.size() > 1) {
                session.error(linkLines.get(1), "one video per block: start another ```video block for "
                        + BlockOptions.shown(links.get(1)));
            }
            try {
                video = YouTubeVideo.parse(links.get(0));
            } catch (YouTubeVideo.NotAVideo e) {
                session.error(linkLines.get(0), e.getMessage());
            }
        }
        out.line();
        if (video == null) {
            problem("p", "Video not shown: its link is not a YouTube video.");
            out.line();
            return;
        }
        out.tag("div", attributes("class", "wte-video"));
        Map<String, String> frame = attributes("class", "wte-video-frame", "src", video.embedUrl(), "title", title,
                "loading", "lazy", "referrerpolicy", "strict-origin-when-cross-origin");
        frame.put("allowfullscreen", null);
        out.tag("iframe", frame);
        out.tag("/iframe");
        out.tag("/div");
        out.line();
    }

    private void quiz(int line, BlockOptions options, String literal) {
        options.problems("a quiz block", List.of("key")).forEach(p -> session.error(line, p));
        int number = session.nextQuizNumber();
        String key = "quiz-" + number;
        if (options.has("key")) {
            String given = options.value("key").map(String::strip).orElse("");
            if (MarkupPolicy.QUIZ_KEY.matcher(given).matches()) {
                key = given;
            } else {
                session.error(line, "a quiz key is 1 to 64 letters, digits, - or _ (not " + BlockOptions.shown(given)
                        + ")");
            }
        }
        QuizMarkup.Parsed parsed = QuizMarkup.parse(key, line, literal);
        parsed.errors().forEach(e -> session.error(e.line(), e.message()));
        boolean duplicate = !session.quizKeys.add(key);
        if (duplicate) {
            session.error(line, "two quizzes in this page have the key " + BlockOptions.shown(key)
                    + " (give each quiz its own key=\"...\")");
        }
        out.line();
        if (parsed.quiz().isEmpty() || duplicate) {
            problem("p", "Quiz not shown: it has errors.");
            out.line();
            return;
        }
        QuizDefinition quiz = parsed.quiz().get();
        session.quizzes.add(quiz);
        QuizMarkup.write(out, quiz, parsed.questionLines(), (text, textLine) -> fragments.inline(text, textLine,
                depth + 1));
    }

    // ---- inlines ------------------------------------------------------------------------------------

    private void inlineCode(Code code) {
        String language = codeLanguages.get(code);
        out.tag("code", language == null ? Map.of() : Map.of("class", "language-" + language));
        out.text(code.getLiteral());
        out.tag("/code");
    }

    private void link(Link link) {
        String destination = link.getDestination() == null ? "" : link.getDestination();
        String scheme = schemeOf(destination);
        switch (scheme) {
            case "asset" -> assetReference(link, destination, false);
            case "part", "page" -> crossReference(link, destination);
            case "", "http", "https", "mailto" -> {
                Map<String, String> attributes = attributes("href", context.encodeUrl(destination.strip()));
                if (link.getTitle() != null) {
                    attributes.put("title", link.getTitle());
                }
                if (scheme.startsWith("http") || destination.strip().startsWith("//")) {
                    attributes.put("rel", REL_EXTERNAL);
                }
                out.tag("a", attributes);
                if (link.getFirstChild() == null) {
                    out.text(destination);
                } else {
                    renderChildren(link);
                }
                out.tag("/a");
            }
            default -> {
                session.error(lineOf(link), "a link may go to http, https or mailto addresses, asset:, part: or"
                        + " page:, not " + BlockOptions.shown(destination));
                renderChildren(link);
            }
        }
    }

    private void image(Image image) {
        String destination = image.getDestination() == null ? "" : image.getDestination();
        String scheme = schemeOf(destination);
        switch (scheme) {
            case "asset" -> assetReference(image, destination, true);
            case "", "http", "https" -> {
                Map<String, String> attributes = attributes("src", context.encodeUrl(destination.strip()),
                        "alt", altText(image));
                if (image.getTitle() != null) {
                    attributes.put("title", image.getTitle());
                }
                out.tag("img", attributes, false);
            }
            case "part", "page" -> {
                session.error(lineOf(image), "a cross-reference is a link, not an image: write [](" + destination
                        + ") without the !");
                out.text(altText(image));
            }
            default -> {
                session.error(lineOf(image), "an image may come from http, https or asset:, not "
                        + BlockOptions.shown(destination));
                out.text(altText(image));
            }
        }
    }

    /**
     * {@code ![alt](asset:name)}: an image shows inline, any other file becomes a download link;
     * {@code [text](asset:name)}: a download link to the file, whatever it is.
     */
    private void assetReference(Node node, String destination, boolean asImage) {
        int line = lineOf(node);
        String name = percentDecode(destination.strip().substring("asset:".length())).strip();
        String label = asImage ? altText(node) : null;
        if (name.isEmpty()) {
            session.error(line, "asset: needs the name of a file, as in ![diagram](asset:diagram.png)");
            problem("span", "[missing file name]");
            return;
        }
        Optional<AssetLink> found;
        try {
            found = session.context.asset(name);
            if (found == null) {
                found = Optional.empty();
            }
        } catch (RuntimeException e) {
            found = Optional.empty();
        }
        if (found.isEmpty() || found.get().url() == null) {
            session.error(line, "unknown file " + BlockOptions.shown(name)
                    + " (attach it to this part or to one above it, or check the spelling)");
            problem("span", "[missing file: " + name + "]");
            return;
        }
        AssetLink asset = found.get();
        String title = node instanceof Image image ? image.getTitle() : ((Link) node).getTitle();
        if (asImage && asset.isImage()) {
            Map<String, String> attributes = attributes("class", "wte-asset-image", "src", asset.url(),
                    "alt", label);
            if (title != null) {
                attributes.put("title", title);
            }
            out.tag("img", attributes, false);
            return;
        }
        Map<String, String> attributes = attributes("class", "wte-asset-download", "href", asset.url());
        attributes.put("download", null);
        if (title != null) {
            attributes.put("title", title);
        }
        out.tag("a", attributes);
        if (asImage) {
            out.text(label.isBlank() ? displayName(asset, name) : label);
        } else if (node.getFirstChild() == null) {
            out.text(displayName(asset, name));
        } else {
            renderChildren(node);
        }
        out.tag("/a");
    }

    private static String displayName(AssetLink asset, String name) {
        return asset.name() == null || asset.name().isBlank() ? name : asset.name();
    }

    /** {@code [](part:12)} or {@code [text](page:12)}: a placeholder that {@link CrossReferences} fills at view time. */
    private void crossReference(Link link, String destination) {
        Matcher reference = CROSS_REFERENCE.matcher(destination.strip());
        if (!reference.matches()) {
            session.error(lineOf(link), "a cross-reference is written [](part:12) or [text](part:12) with the number"
                    + " of the part or page, not " + BlockOptions.shown(destination));
            renderChildren(link);
            return;
        }
        out.tag("span", attributes("class", "wte-xref", CrossReferences.ATTRIBUTE,
                String.valueOf(Long.parseLong(reference.group(1)))));
        renderChildren(link);
        out.tag("/span");
    }

    // ---- plumbing -----------------------------------------------------------------------------------

    private void problem(String element, String text) {
        out.tag(element, attributes("class", "wte-markup-problem"));
        out.text(text);
        out.tag("/" + element);
    }

    private void renderChildren(Node parent) {
        Node node = parent.getFirstChild();
        while (node != null) {
            Node next = node.getNext();
            context.render(node);
            node = next;
        }
    }

    /** The 1-based page line of a node: its own source span, else its nearest ancestor's. */
    private int lineOf(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            List<SourceSpan> spans = n.getSourceSpans();
            if (spans != null && !spans.isEmpty()) {
                return lineOffset + spans.get(0).getLineIndex() + 1;
            }
        }
        return lineOffset + 1;
    }

    /** The lower-case scheme of a URL, ignoring the blanks and control characters browsers ignore; "" if none. */
    private static String schemeOf(String destination) {
        Matcher matcher = SCHEME.matcher(INVISIBLE.matcher(destination).replaceAll(""));
        return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : "";
    }

    private static String altText(Node node) {
        StringBuilder text = new StringBuilder();
        collectText(node, text);
        return text.toString();
    }

    private static void collectText(Node parent, StringBuilder text) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Text t) {
                text.append(t.getLiteral());
            } else if (node instanceof Code c) {
                text.append(c.getLiteral());
            } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
                text.append(' ');
            } else {
                collectText(node, text);
            }
        }
    }

    /** Decodes %XX sequences (UTF-8) in an asset name; a malformed sequence stays as written. */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(encoded);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static Map<String, String> attributes(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
