package org.wte.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Locale;

/**
 * Times as people read and type them, in the configured zone ({@code app.timezone}), while the database keeps
 * instants: a local time that does not exist (clocks go forward) is refused with a message, and one that
 * happens twice (clocks go back) asks which of the two is meant, by its UTC offset.
 */
public final class LocalTimes {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 9999;

    private LocalTimes() {}

    /** The answer to an entered date and time. */
    public sealed interface Parsed permits Exact, Gap, Overlap, Invalid {}

    public record Exact(Instant instant) implements Parsed {}

    /** The time does not exist in the zone; {@code message} says why and what to do. */
    public record Gap(String message) implements Parsed {}

    /** The time happens twice; {@code choices} are the two offsets, earlier instant first. */
    public record Overlap(String message, List<Choice> choices) implements Parsed {}

    public record Invalid(String field, String message) implements Parsed {}

    /** One reading of an ambiguous time: the offset to submit, and how to show it. */
    public record Choice(String offset, String label) {}

    /**
     * Reads "yyyy-MM-dd" and "HH:mm" in {@code zone}. {@code offset} (e.g. "+01:00") picks one of the two
     * readings of an ambiguous time; it is ignored for times that are not ambiguous.
     */
    public static Parsed parse(String date, String time, String offset, ZoneId zone) {
        LocalDate d;
        LocalTime t;
        try {
            d = LocalDate.parse(date == null ? "" : date.strip());
        } catch (DateTimeParseException e) {
            return new Invalid("date", "Enter the date as year-month-day, for example 2026-03-29.");
        }
        if (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR) {
            // The database's DATETIME holds years 1000-9999; a year outside this range is a typing slip.
            return new Invalid("date", "Enter a year between " + MIN_YEAR + " and " + MAX_YEAR + ".");
        }
        try {
            t = LocalTime.parse(time == null ? "" : time.strip());
        } catch (DateTimeParseException e) {
            return new Invalid("time", "Enter the time as hours:minutes on a 24-hour clock, for example 14:30.");
        }
        LocalDateTime local = LocalDateTime.of(d, t);
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = zone.getRules().getTransition(local);
            return new Gap(String.format(Locale.ENGLISH,
                    "%s %s does not exist in %s: the clocks go forward from %s to %s that night. Choose another time, "
                            + "for example %s.", DAY.format(d), TIME.format(t), zone.getId(),
                    TIME.format(gap.getDateTimeBefore()), TIME.format(gap.getDateTimeAfter()),
                    TIME.format(gap.getDateTimeAfter())));
        }
        if (offsets.size() == 1) {
            return new Exact(local.atOffset(offsets.get(0)).toInstant());
        }
        for (ZoneOffset o : offsets) {
            if (o.getId().equals(offset) || ("Z".equals(o.getId()) && "+00:00".equals(offset))) {
                return new Exact(local.atOffset(o).toInstant());
            }
        }
        List<Choice> choices = offsets.stream()
                .sorted((a, b) -> local.atOffset(a).toInstant().compareTo(local.atOffset(b).toInstant()))
                .map(o -> new Choice(offsetId(o), TIME.format(t) + abbreviation(ZonedDateTime.ofLocal(local, zone, o))
                        + " (UTC" + offsetId(o) + ")"))
                .toList();
        return new Overlap(String.format(Locale.ENGLISH, "%s %s happens twice in %s: the clocks go back that night. "
                + "Choose which one you mean.", DAY.format(d), TIME.format(t), zone.getId()), choices);
    }

    /** "Sun 29 Mar 2026, 03:00 BST (UTC+01:00)". */
    public static String format(Instant instant, ZoneId zone) {
        ZonedDateTime z = instant.atZone(zone);
        return DAY.format(z) + ", " + TIME.format(z) + abbreviation(z) + " (UTC" + offsetId(z.getOffset()) + ")";
    }

    /** The date and time fields of a form showing {@code instant} in {@code zone}: "yyyy-MM-dd", "HH:mm", offset. */
    public static String[] fields(Instant instant, ZoneId zone) {
        ZonedDateTime z = instant.atZone(zone);
        return new String[] {z.toLocalDate().toString(), TIME.format(z), offsetId(z.getOffset())};
    }

    /**
     * "in 3 days", "in 5 minutes", "2 hours ago", "now": rounded to the nearest unit (2 days 23 hours is
     * "in 3 days", not "in 2 days"), and a unit that rounds up to the next one is said in that one
     * (59 minutes 40 seconds is "in 1 hour").
     */
    public static String relative(Instant instant, Instant now) {
        Duration d = Duration.between(now, instant);
        boolean future = !d.isNegative();
        long s = Math.abs(d.getSeconds());
        if (s < 60) {
            return "now";
        }
        String amount;
        if (rounded(s, 60) < 60) {
            amount = plural(rounded(s, 60), "minute");
        } else if (rounded(s, 3600) < 24) {
            amount = plural(rounded(s, 3600), "hour");
        } else if (rounded(s, 86_400) < 60) {
            amount = plural(rounded(s, 86_400), "day");
        } else if (s < 730L * 86_400) {
            amount = plural(rounded(s, 30L * 86_400), "month");
        } else {
            amount = plural(rounded(s, 365L * 86_400), "year");
        }
        return future ? "in " + amount : amount + " ago";
    }

    private static long rounded(long seconds, long unit) {
        return (seconds + unit / 2) / unit;
    }

    /** "3 days 4 hours" for a lateness or a duration. */
    public static String duration(long seconds) {
        if (seconds < 60) {
            return plural(seconds, "second");
        }
        if (seconds < 3600) {
            return plural(seconds / 60, "minute");
        }
        if (seconds < 86_400) {
            return plural(seconds / 3600, "hour") + (seconds % 3600 >= 60 ? " " + plural(seconds % 3600 / 60, "minute") : "");
        }
        return plural(seconds / 86_400, "day") + (seconds % 86_400 >= 3600 ? " " + plural(seconds % 86_400 / 3600, "hour") : "");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String offsetId(ZoneOffset o) {
        return o.getTotalSeconds() == 0 ? "+00:00" : o.getId();
    }

    /**
     * " BST", " GMT", " CET": the zone's short name with a leading space. A fixed-offset zone has none (its short
     * name would be "Z" or "+02:00", which the offset beside it already says), except UTC itself.
     */
    private static String abbreviation(ZonedDateTime z) {
        if (z.getZone() instanceof ZoneOffset offset) {
            return offset.getTotalSeconds() == 0 ? " UTC" : "";
        }
        return " " + DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(z);
    }
}
