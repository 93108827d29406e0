package org.wte.quiz;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The answers as CSV for a spreadsheet: RFC 4180 quoting (every cell quoted, quotes doubled), CRLF line
 * ends, a UTF-8 byte-order mark so spreadsheets read accents right, and no formulas: a text cell that
 * starts with = + - @ (or a tab or carriage return) gets a leading ' so it is shown, not run.
 */
public final class QuizResultsCsv {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final ZoneId zone;

    public QuizResultsCsv(ZoneId zone) {
        this.zone = zone;
    }

    public String write(List<QuizResults.AnswerRow> rows) {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, List.of("student", "e-mail", "page", "quiz", "question", "first answer", "first correct",
                "latest answer", "latest correct", "attempts", "first answered (" + zone.getId() + ")",
                "last answered (" + zone.getId() + ")"));
        for (QuizResults.AnswerRow r : rows) {
            QuizAnswer a = r.answer();
            line(out, List.of(r.student(), r.email(), r.page(), r.quiz(), r.questionNumber() + ". " + r.question(),
                    a.getFirstChoices().shown(r.choices()), yesNo(a.isFirstCorrect()),
                    a.getLatestChoices().shown(r.choices()), yesNo(a.isLatestCorrect()),
                    String.valueOf(a.getAttempts()), time(a.getFirstAt()), time(a.getLatestAt())));
        }
        return out.toString();
    }

    /** One cell, neutralised and quoted. */
    static String cell(String value) {
        return org.wte.web.CsvCells.cell(value, true);
    }

    private static void line(StringBuilder out, List<String> cells) {
        org.wte.web.CsvCells.line(out, cells, true);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }
}
