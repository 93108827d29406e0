package org.wte.workspace;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the preview's frame script into a student's HTML document: right after {@code <head>}, or where the
 * head would begin when the document has none, and never before the doctype (that would switch the page to
 * quirks mode). Only the document's prologue is read (byte-order mark, doctype, comments, {@code <html>}),
 * so a "&lt;head&gt;" inside a comment, a string or a script further down is never taken for the tag.
 * Every other character of the student's document is left as it was.
 */
public final class PreviewHtml {
    private static final Pattern PROLOGUE_ITEM = Pattern.compile(
            "\\s+|<!--.*?-->|<!(?i:doctype)[^>]*>|<\\?[^>]*>", Pattern.DOTALL);
    private static final Pattern HTML_TAG = Pattern.compile("<(?i:html)(?=[\\s/>])[^>]*>");
    private static final Pattern HEAD_TAG = Pattern.compile("<(?i:head)(?=[\\s/>])[^>]*>");

    private PreviewHtml() {}

    /** The document with {@code <script src="scriptUrl"></script>} inserted. */
    public static String withScript(String html, String scriptUrl) {
        String tag = "<script src=\"" + attribute(scriptUrl) + "\"></script>";
        int at = html.startsWith("\uFEFF") ? 1 : 0;
        at = skipPrologue(html, at);
        Matcher htmlTag = HTML_TAG.matcher(html).region(at, html.length());
        if (htmlTag.lookingAt()) {
            at = skipPrologue(html, htmlTag.end());
        }
        Matcher headTag = HEAD_TAG.matcher(html).region(at, html.length());
        if (headTag.lookingAt()) {
            at = headTag.end();
        }
        return html.substring(0, at) + tag + html.substring(at);
    }

    /** Past whitespace, comments, doctype and processing instructions from {@code from}. */
    private static int skipPrologue(String html, int from) {
        Matcher item = PROLOGUE_ITEM.matcher(html);
        int at = from;
        while (at < html.length() && item.region(at, html.length()).lookingAt()) {
            at = item.end();
        }
        return at;
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
