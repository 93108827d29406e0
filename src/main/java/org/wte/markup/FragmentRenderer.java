package org.wte.markup;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Parses and renders one piece of Markdown (a page, the body of a show/hide block, the text of a quiz
 * question) to HTML that is not yet sanitised, recording errors and quizzes in the session.
 */
final class FragmentRenderer {
    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(),
            StrikethroughExtension.builder().requireTwoTildes(true).build(),
            AutolinkExtension.create(),
            HeadingAnchorExtension.create());
    private static final Parser BLOCKS = Parser.builder()
            .extensions(EXTENSIONS)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();
    /** Paragraphs only: a quiz text such as "1. What ..." stays text, not a list. */
    private static final Parser INLINES = Parser.builder()
            .extensions(EXTENSIONS)
            .enabledBlockTypes(Set.of())
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            .build();
    /** Inline code with a language: {@code `print(1)`{.python}}. */
    private static final Pattern LANGUAGE_SUFFIX = Pattern.compile("^\\{\\.([A-Za-z0-9_+#-]{1,40})\\}");

    private final RenderSession session;

    FragmentRenderer(RenderSession session) {
        this.session = session;
    }

    RenderSession session() {
        return session;
    }

    /** Block Markdown whose first line is line {@code lineOffset + 1} of the page. */
    String block(String markdown, int lineOffset, int depth) {
        return render(BLOCKS.parse(markdown), lineOffset, depth, false);
    }

    /** Inline Markdown (a title, a quiz text) on line {@code line} of the page, without a paragraph around it. */
    String inline(String markdown, int line, int depth) {
        return render(INLINES.parse(markdown), line - 1, depth, true);
    }

    private String render(Node document, int lineOffset, int depth, boolean inline) {
        Map<Code, String> languages = codeLanguages(document);
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .escapeHtml(true)
                .percentEncodeUrls(true)
                .omitSingleParagraphP(inline)
                .nodeRendererFactory(context ->
                        new DirectiveNodeRenderer(context, this, lineOffset, depth, languages))
                .build();
        return renderer.render(document);
    }

    /** Finds {@code `code`{.lang}}, removes the {@code {.lang}} text and remembers the language. */
    private static Map<Code, String> codeLanguages(Node document) {
        Map<Code, String> languages = new IdentityHashMap<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Code code) {
                if (code.getNext() instanceof Text text) {
                    Matcher suffix = LANGUAGE_SUFFIX.matcher(text.getLiteral());
                    if (suffix.find()) {
                        languages.put(code, suffix.group(1));
                        // Not unlinked: the visitor is iterating over these siblings.
                        text.setLiteral(text.getLiteral().substring(suffix.end()));
                    }
                }
            }
        });
        return languages;
    }
}
