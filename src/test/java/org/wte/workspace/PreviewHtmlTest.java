package org.wte.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Where the frame script goes into a student's document, and that nothing else of it changes. */
class PreviewHtmlTest {
    private static final String SRC = "/wte/static/js/preview-frame.js";
    private static final String TAG = "<script src=\"" + SRC + "\"></script>";

    @Test
    void rightAfterTheHeadTagTheDoctypeStayingFirst() {
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<HEAD data-x=\"1\">\n<title>T</title></head><body>x</body></html>";
        assertEquals("<!DOCTYPE html>\n<html lang=\"en\">\n<HEAD data-x=\"1\">" + TAG
                + "\n<title>T</title></head><body>x</body></html>", PreviewHtml.withScript(html, SRC));
    }

    @Test
    void whereTheHeadWouldBeginWhenThereIsNone() {
        assertEquals("<!doctype html>\n<html>" + TAG + "<body>x</body></html>",
                PreviewHtml.withScript("<!doctype html>\n<html><body>x</body></html>", SRC));
        assertEquals("<!DOCTYPE html>\n" + TAG + "<p>Hello</p>",
                PreviewHtml.withScript("<!DOCTYPE html>\n<p>Hello</p>", SRC));
        assertEquals(TAG + "<h1>No doctype</h1>", PreviewHtml.withScript("<h1>No doctype</h1>", SRC));
        assertEquals(TAG, PreviewHtml.withScript("", SRC));
    }

    @Test
    void aByteOrderMarkAndCommentsStayBeforeIt() {
        assertEquals("\uFEFF<!-- <head> in a comment -->\n<!DOCTYPE html><head>" + TAG + "<title>x</title>",
                PreviewHtml.withScript("\uFEFF<!-- <head> in a comment -->\n<!DOCTYPE html><head><title>x</title>", SRC));
    }

    @Test
    void aHeadWordLaterInTheDocumentIsNotTheTag() {
        String html = "<!DOCTYPE html><body><header>h</header><script>var s = '<head>';</script></body>";
        assertEquals("<!DOCTYPE html>" + TAG + "<body><header>h</header><script>var s = '<head>';</script></body>",
                PreviewHtml.withScript(html, SRC));
    }

    @Test
    void theScriptAddressIsEscapedAsAnAttribute() {
        assertEquals("<head><script src=\"/a&quot;&lt;b&amp;/x.js\"></script>",
                PreviewHtml.withScript("<head>", "/a\"<b&/x.js"));
    }

    @Test
    void fileNamesArePercentDecodedAsUtf8WithThePlusKept() {
        assertEquals(Optional.of("my page.html"), PreviewFilter.decode("my%20page.html"));
        assertEquals(Optional.of("a+b.css"), PreviewFilter.decode("a+b.css"));
        assertEquals(Optional.of("café.png"), PreviewFilter.decode("caf%C3%A9.png"));
        assertEquals(Optional.empty(), PreviewFilter.decode("bad%2"));
        assertEquals(Optional.empty(), PreviewFilter.decode("bad%zz.html"));
        assertEquals(Optional.empty(), PreviewFilter.decode("%FF.html"), "not UTF-8");
        assertEquals(Optional.empty(), PreviewFilter.decode("nul%00.html"));
    }
}
