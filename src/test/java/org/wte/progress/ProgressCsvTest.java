package org.wte.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The CSV export: header, RFC 4180 quoting, CRLF, no BOM, and formula injection neutralised. */
class ProgressCsvTest {

    @Test
    void cellsAreQuotedOnlyWhenTheyMustBe() {
        assertEquals("plain", ProgressCsv.cell("plain"));
        assertEquals("", ProgressCsv.cell(""));
        assertEquals("", ProgressCsv.cell(null));
        assertEquals("\"Smith, Ann\"", ProgressCsv.cell("Smith, Ann"));
        assertEquals("\"say \"\"hi\"\"\"", ProgressCsv.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", ProgressCsv.cell("two\nlines"));
        assertEquals("Zoë Ñandú 日本", ProgressCsv.cell("Zoë Ñandú 日本"));
    }

    @Test
    void formulaeAreNeutralisedWithAQuote() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil\"\")\"", ProgressCsv.cell("=HYPERLINK(\"http://evil\")"));
        assertEquals("\"'=1+2,3\"", ProgressCsv.cell("=1+2,3"));
        assertEquals("'+44 20", ProgressCsv.cell("+44 20"));
        assertEquals("'-2", ProgressCsv.cell("-2"));
        assertEquals("'@SUM(A1)", ProgressCsv.cell("@SUM(A1)"));
        assertEquals("'\tx", ProgressCsv.cell("\tx"));
        assertEquals("a=b", ProgressCsv.cell("a=b"), "only a leading sign is a formula");
    }

    @Test
    void theTableHasAHeaderAndOneLinePerStudent() {
        ProgressReport.Ref page = new ProgressReport.Ref(20, "Intro, part 1");
        ProgressReport report = ProgressReport.build(new ProgressReport.Ref(10, "HTML"), false,
                List.of(new ProgressReport.PartPages(new ProgressReport.Ref(10, "HTML"),
                        List.of(page, new ProgressReport.Ref(21, "Forms")))),
                List.of(new ProgressReport.Student(1, "=cmd|' /C calc'!A0", "ann@example.org"),
                        new ProgressReport.Student(2, "Bob \"B\" Brown", "bob@example.org")),
                List.of(new PageVisits.Visit(1, 20, 2, 754, Instant.parse("2026-07-01T09:00:00Z"),
                        Instant.parse("2026-07-01T10:30:00Z"))),
                List.of(new ProgressReport.Position(1, 10, 20, Instant.parse("2026-07-01T10:30:00Z"))),
                Map.of(20L, page));
        String csv = ProgressCsv.of(report, ZoneId.of("Europe/London"));
        assertFalse(csv.startsWith("\uFEFF"), "no byte-order mark");
        assertEquals('N', csv.getBytes(StandardCharsets.UTF_8)[0]);
        assertEquals(List.of(
                "Name,E-mail,Pages visited,Pages,Current page,Active seconds,Time,Last visit (Europe/London)",
                "'=cmd|' /C calc'!A0,ann@example.org,1,2,\"Intro, part 1\",754,12 min 34 s,2026-07-01 11:30",
                "\"Bob \"\"B\"\" Brown\",bob@example.org,0,2,,0,0 s,"),
                List.of(csv.split("\r\n")));
        assertEquals(3, csv.split("\r\n", -1).length - 1, "every line ends with CRLF");
    }
}
