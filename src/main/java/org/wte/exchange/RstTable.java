package org.wte.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * reStructuredText grid and simple tables without spans, read into rows of cell texts and written as a
 * Markdown pipe table. A table with a span (or anything this reader does not understand) gives null, and
 * the caller keeps it verbatim.
 */
final class RstTable {
    private RstTable() {
    }

    static boolean isGridBorder(String line) {
        return line.strip().matches("\\+(?:[-=]+\\+)+");
    }

    static boolean isSimpleBorder(String line) {
        return line.strip().matches("=+(?: +=+)+");
    }

    /** Rows (first = header, possibly all empty) of a grid table, or null if it has spans. */
    static List<List<String>> grid(List<String> lines) {
        String first = lines.get(0);
        List<Integer> bounds = new ArrayList<>();
        for (int i = 0; i < first.length(); i++) {
            if (first.charAt(i) == '+') {
                bounds.add(i);
            }
        }
        int width = bounds.get(bounds.size() - 1);
        List<List<String>> rows = new ArrayList<>();
        List<StringBuilder> current = null;
        int headerRows = -1;
        for (String raw : lines) {
            String line = raw.stripTrailing();
            if (line.length() != width + 1) {
                return null;
            }
            if (line.charAt(0) == '+') {
                char fill = line.charAt(1);
                for (int b = 0; b < bounds.size(); b++) {
                    if (line.charAt(bounds.get(b)) != '+') {
                        return null;
                    }
                    if (b > 0) {
                        for (int i = bounds.get(b - 1) + 1; i < bounds.get(b); i++) {
                            if (line.charAt(i) != fill || (fill != '-' && fill != '=')) {
                                return null;
                            }
                        }
                    }
                }
                if (current != null) {
                    rows.add(current.stream().map(s -> s.toString().strip()).toList());
                    current = null;
                }
                if (fill == '=') {
                    if (headerRows >= 0) {
                        return null;
                    }
                    headerRows = rows.size();
                }
            } else if (line.charAt(0) == '|') {
                for (int bound : bounds) {
                    if (line.charAt(bound) != '|') {
                        return null;
                    }
                }
                if (current == null) {
                    current = new ArrayList<>();
                    for (int b = 1; b < bounds.size(); b++) {
                        current.add(new StringBuilder());
                    }
                }
                for (int b = 1; b < bounds.size(); b++) {
                    String cell = line.substring(bounds.get(b - 1) + 1, bounds.get(b)).strip();
                    if (!cell.isEmpty()) {
                        current.get(b - 1).append(current.get(b - 1).length() > 0 ? " " : "").append(cell);
                    }
                }
            } else {
                return null;
            }
        }
        if (current != null || rows.isEmpty()) {
            return null;
        }
        return withHeader(rows, headerRows, bounds.size() - 1);
    }

    /** Rows (first = header, possibly all empty) of a simple table, or null if it has spans. */
    static List<List<String>> simple(List<String> lines) {
        String border = lines.get(0);
        List<int[]> columns = new ArrayList<>();
        for (int i = 0; i < border.length(); ) {
            if (border.charAt(i) == '=') {
                int start = i;
                while (i < border.length() && border.charAt(i) == '=') {
                    i++;
                }
                columns.add(new int[] {start, i});
            } else {
                i++;
            }
        }
        List<List<String>> rows = new ArrayList<>();
        int headerRows = -1;
        int borders = 0;
        for (int l = 1; l < lines.size(); l++) {
            String line = lines.get(l);
            if (isSimpleBorder(line) || line.strip().matches("=+")) {
                borders++;
                if (l < lines.size() - 1) {
                    if (headerRows >= 0) {
                        return null;
                    }
                    headerRows = rows.size();
                }
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.strip().matches("[-\\s]+")) {
                return null; // column-span underline
            }
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                int start = columns.get(c)[0];
                int end = c == columns.size() - 1 ? Math.max(line.length(), start) : columns.get(c)[1];
                cells.add(start >= line.length() ? "" : line.substring(start, Math.min(end, line.length())).strip());
                if (c < columns.size() - 1) {
                    int gapEnd = Math.min(columns.get(c + 1)[0], line.length());
                    for (int g = Math.min(columns.get(c)[1], line.length()); g < gapEnd; g++) {
                        if (!Character.isWhitespace(line.charAt(g))) {
                            return null; // text across a column boundary: a span
                        }
                    }
                }
            }
            if (cells.get(0).isEmpty() && !rows.isEmpty() && headerRows != rows.size()) {
                List<String> previous = new ArrayList<>(rows.remove(rows.size() - 1));
                for (int c = 0; c < cells.size(); c++) {
                    if (!cells.get(c).isEmpty()) {
                        previous.set(c, (previous.get(c) + " " + cells.get(c)).strip());
                    }
                }
                rows.add(previous);
            } else {
                rows.add(cells);
            }
        }
        if (borders == 0 || rows.isEmpty()) {
            return null;
        }
        return withHeader(rows, headerRows, columns.size());
    }

    private static List<List<String>> withHeader(List<List<String>> rows, int headerRows, int columns) {
        List<List<String>> result = new ArrayList<>();
        if (headerRows <= 0) {
            List<String> empty = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                empty.add("");
            }
            result.add(empty);
            result.addAll(rows);
            return result;
        }
        // Markdown has one header row: several are joined cell by cell.
        List<String> header = new ArrayList<>(rows.get(0));
        for (int r = 1; r < headerRows; r++) {
            for (int c = 0; c < columns; c++) {
                header.set(c, (header.get(c) + " " + rows.get(r).get(c)).strip());
            }
        }
        result.add(header);
        result.addAll(rows.subList(headerRows, rows.size()));
        return result;
    }

    /** A pipe table; {@code cell} converts a cell's reST inline text to Markdown. */
    static String markdown(List<List<String>> rows, Function<String, String> cell) {
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            out.append('|');
            for (String text : rows.get(r)) {
                String converted = cell.apply(text).replace("\n", " ");
                out.append(' ').append(converted.isEmpty() ? " " : converted).append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append('|');
                for (int c = 0; c < rows.get(0).size(); c++) {
                    out.append(" --- |");
                }
                out.append('\n');
            }
        }
        return out.toString().stripTrailing();
    }
}
