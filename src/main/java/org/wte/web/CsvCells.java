package org.wte.web;

import java.util.List;

/**
 * Lines of the CSV files teachers download (RFC 4180, CRLF). A cell that starts like a formula (= + - @, tab,
 * carriage return) gets a leading ' so that a spreadsheet shows it instead of running it.
 */
public final class CsvCells {
    private CsvCells() {}

    /** One cell, neutralised; quoted always, or only when it must be (a comma, a quote, a line break). */
    public static String cell(String value, boolean alwaysQuoted) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        boolean quoted = alwaysQuoted || v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
        return quoted ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    public static void line(StringBuilder out, List<String> cells, boolean alwaysQuoted) {
        for (int i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? "" : ",").append(cell(cells.get(i), alwaysQuoted));
        }
        out.append("\r\n");
    }
}
