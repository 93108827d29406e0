package org.wte.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Cross-reference targets are rewritten where the renderer reads links, and nowhere else. */
class CrossReferenceLinksTest {
    private static String shifted(String markdown) {
        return CrossReferenceLinks.rewrite(markdown, target -> target.equals(CrossReferenceLinks.EXTERNAL) ? "x"
                : String.valueOf(Long.parseLong(target) + 100));
    }

    @Test
    void linksAutolinksAndTitlesAreRewrittenWithTheirPrefixKept() {
        assertEquals("[](part:101) [a](PAGE:102 \"t\") <part:103> [b](<page:104>) [](part:x)",
                shifted("[](part:1) [a](PAGE:2 \"t\") <part:3> [b](<page:4>) [](part:external)"));
    }

    @Test
    void codeIsLeftAloneButShowHideAndQuizBlocksAreMarkdown() {
        String text = """
                ```python
                [](part:1)
                ```
                ~~~
                [](part:2)
                ~~~
                `[](part:3)` and ``[](part:4)`` but [](part:5)
                ````show-hide title="Solution"
                [](part:6)
                ```html
                [](part:7)
                ```
                [](part:8)
                ````
                ```quiz
                ? Read [](page:9)
                - [x] yes
                - [ ] no
                ```
                [](part:10)""";
        String expected = text.replace("part:5)", "part:105)").replace("part:6)", "part:106)")
                .replace("part:8)", "part:108)").replace("page:9)", "page:109)").replace("part:10)", "part:110)");
        assertEquals(expected, shifted(text));
    }

    @Test
    void findListsTargetsWithTheirLines() {
        assertEquals(List.of(new CrossReferenceLinks.Found("12", 1), new CrossReferenceLinks.Found("external", 3)),
                CrossReferenceLinks.find("[](part:12)\n\n[x](part:external)\n[y](https://part:3)"));
    }

    @Test
    void crlfAndTextWithoutReferencesStayByteForByte() {
        String text = "A\r\n```\r\n[](part:1)\r\n```\r\n[](part:2)\r\n";
        assertEquals("A\r\n```\r\n[](part:1)\r\n```\r\n[](part:102)\r\n", shifted(text));
        assertEquals("no links (part:3) here", shifted("no links (part:3) here"));
    }
}
