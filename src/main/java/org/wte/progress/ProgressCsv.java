package org.wte.progress;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A report's per-student table as CSV (RFC 4180): a header row, fields quoted when they hold a comma, a quote
 * or a line break, CRLF line ends, UTF-8 without a byte-order mark. A text cell that a spreadsheet would take
 * for a formula (starting with = + - @, or a tab or carriage return) is prefixed with ' so that it stays text
 * (OWASP "CSV injection"): names and e-mails are typed by users.
 */
public final class ProgressCsv {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ProgressCsv() {}

    public static String of(ProgressReport report, ZoneId zone) {
        StringBuilder out = new StringBuilder();
        line(out, List.of("Name", "E-mail", "Pages visited", "Pages", "Current page", "Active seconds", "Time",
                "Last visit (" + zone.getId() + ")"));
        for (ProgressReport.StudentRow r : report.students()) {
            line(out, List.of(r.name(), r.email(), String.valueOf(r.visited()), String.valueOf(r.pages()),
                    r.current() == null ? "" : r.current().title(), String.valueOf(r.seconds()), r.time(),
                    when(r.lastVisit(), zone)));
        }
        return out.toString();
    }

    private static String when(Instant instant, ZoneId zone) {
        return instant == null ? "" : WHEN.format(instant.atZone(zone));
    }

    private static void line(StringBuilder out, List<String> cells) {
        org.wte.web.CsvCells.line(out, cells, false);
    }

    /** One field: neutralised against formulas, then quoted if needed. */
    static String cell(String value) {
        return org.wte.web.CsvCells.cell(value, false);
    }
}
