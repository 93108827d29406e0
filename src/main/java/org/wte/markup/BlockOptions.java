package org.wte.markup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The options on a fenced block's first line (its info string), such as
 * {@code python filename="app.py" linenos=10 no-select} or {@code show-hide title="Solution" open}:
 * a leading word (a language or a directive name), then options written {@code name="value"},
 * {@code name='value'}, {@code name=value} or as a bare flag {@code name}.
 */
final class BlockOptions {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final int MAX_SHOWN = 60;

    private final String word;
    private final Map<String, String> values;
    private final List<String> problems;

    private BlockOptions(String word, Map<String, String> values, List<String> problems) {
        this.word = word;
        this.values = values;
        this.problems = problems;
    }

    /**
     * Reads an info string. A first bare token is the leading word unless it is one of {@code flags}
     * (so that {@code ```linenos} is a code block with line numbers, not the language "linenos").
     */
    static BlockOptions parse(String info, List<String> flags) {
        String text = info == null ? "" : info.strip();
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String word = "";
        int i = 0;
        int n = text.length();
        boolean first = true;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '=') {
                i++;
            }
            String name = text.substring(start, i);
            String value = null;
            if (i < n && text.charAt(i) == '=') {
                i++;
                if (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
                    char quote = text.charAt(i);
                    int close = text.indexOf(quote, i + 1);
                    if (close < 0) {
                        problems.add("the value of " + shown(name) + " has no closing " + quote);
                        value = text.substring(i + 1);
                        i = n;
                    } else {
                        value = text.substring(i + 1, close);
                        i = close + 1;
                    }
                } else {
                    int valueStart = i;
                    while (i < n && !Character.isWhitespace(text.charAt(i))) {
                        i++;
                    }
                    value = text.substring(valueStart, i);
                }
            }
            if (first && value == null && !flags.contains(name)) {
                word = name;
            } else if (!NAME.matcher(name).matches()) {
                problems.add("cannot read " + shown(start < n ? text.substring(start, Math.min(n, i)) : name)
                        + " (options are written name=\"value\" or name)");
            } else if (values.containsKey(name)) {
                problems.add("the option " + name + " is given twice");
            } else {
                values.put(name, value);
            }
            first = false;
        }
        return new BlockOptions(word, values, problems);
    }

    /** The leading word (language or directive), or "" if there is none. */
    String word() {
        return word;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of {@code name}; empty if absent or given as a bare flag. */
    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Whether {@code name} was given as a bare flag (without a value). */
    boolean isFlag(String name) {
        return values.containsKey(name) && values.get(name) == null;
    }

    /** Problems reading the line, plus one per option not in {@code known}. */
    List<String> problems(String what, List<String> known) {
        List<String> all = new ArrayList<>(problems);
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                all.add("unknown option " + shown(name) + " for " + what
                        + (known.isEmpty() ? "" : " (known: " + String.join(", ", known) + ")"));
            }
        }
        return all;
    }

    /** A piece of author text quoted in a message, shortened. */
    static String shown(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        if (oneLine.length() > MAX_SHOWN) {
            oneLine = oneLine.substring(0, MAX_SHOWN) + "…";
        }
        return "\"" + oneLine + "\"";
    }
}
