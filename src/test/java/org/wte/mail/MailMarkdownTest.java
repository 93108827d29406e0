package org.wte.mail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A teacher's message as mail HTML: a mail has no address of its own, so its links are made absolute with app.url. */
class MailMarkdownTest {
    @ParameterizedTest
    @CsvSource({
            "https://school.example/wte, [p](parts/12),           https://school.example/wte/parts/12",
            "https://school.example/wte, [p](/parts/12),          https://school.example/wte/parts/12",
            "https://school.example/teaching/web, [p](/parts/12?x=1#a), https://school.example/teaching/web/parts/12?x=1#a",
            "https://school.example,     [p](/parts/12),          https://school.example/parts/12",
            "https://school.example,     [p](parts/12),           https://school.example/parts/12",
            "https://school.example/wte, [p](https://other.example/x), https://other.example/x",
            "https://school.example/wte, [p](mailto:a@example.org), mailto:a@example.org",
            "https://school.example/wte, [p](#top),               #top",
            "https://school.example/wte, https://auto.example/y,  https://auto.example/y",
    })
    void linksAreAbsoluteUnderTheSitesAddress(String site, String markdown, String href) {
        String html = MailMarkdown.toHtml(markdown, site);
        assertTrue(html.contains("href=\"" + href.replace("&", "&amp;") + "\""), html);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[x](javascript:alert(1))", "[x](data:text/html;base64,AAAA)", "<a href=\"/x\">raw</a>"})
    void unsafeTargetsAndRawHtmlStayOut(String markdown) {
        String html = MailMarkdown.toHtml(markdown, "https://school.example/wte");
        assertFalse(html.contains("href=\"javascript:") || html.contains("href=\"data:") || html.contains("<a href=\"/x\""), html);
    }

    @ParameterizedTest
    @CsvSource({"![logo](parts/1/assets/logo.png), https://school.example/wte/parts/1/assets/logo.png"})
    void imagesToo(String markdown, String src) {
        String html = MailMarkdown.toHtml(markdown, "https://school.example/wte");
        assertTrue(html.contains("src=\"" + src + "\""), html);
    }
}
