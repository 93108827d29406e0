package org.wte.progress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Minimum, lower quartile, median, upper quartile and maximum of some whole numbers (seconds), by linear
 * interpolation between the sorted values (the method of R's default, type 7, and of spreadsheets'
 * QUARTILE.INC), rounded to whole numbers. {@code count} is how many values there were.
 */
public record Quartiles(int count, long min, long q1, long median, long q3, long max) {

    /** Null when there is no value: "no quartiles" is not "all zero". */
    public static Quartiles of(Collection<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return new Quartiles(sorted.size(), sorted.get(0), at(sorted, 0.25), at(sorted, 0.5), at(sorted, 0.75),
                sorted.get(sorted.size() - 1));
    }

    private static long at(List<Long> sorted, double p) {
        double h = (sorted.size() - 1) * p;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.size() - 1);
        double value = sorted.get(below) + (h - below) * (sorted.get(above) - sorted.get(below));
        return Math.round(value);
    }
}
