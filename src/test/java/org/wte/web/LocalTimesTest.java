package org.wte.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Local times typed into a form and shown on a page, in Europe/London across both DST changes of 2026
 * (29 March: 01:00 → 02:00; 25 October: 02:00 → 01:00), at midnight UTC, and with bad input.
 */
class LocalTimesTest {
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static Instant exact(LocalTimes.Parsed parsed) {
        return assertInstanceOf(LocalTimes.Exact.class, parsed, String.valueOf(parsed)).instant();
    }

    @Test
    void anOrdinaryTimeIsReadInTheZone() {
        assertEquals(Instant.parse("2026-01-15T14:30:00Z"), exact(LocalTimes.parse("2026-01-15", "14:30", null, LONDON)));
        assertEquals(Instant.parse("2026-07-15T13:30:00Z"), exact(LocalTimes.parse("2026-07-15", "14:30", "", LONDON)));
        // An offset sent with a time that is not ambiguous changes nothing.
        assertEquals(Instant.parse("2026-07-15T13:30:00Z"),
                exact(LocalTimes.parse("2026-07-15", "14:30", "+05:00", LONDON)));
        // Spaces around what the browser sent do not matter, nor seconds.
        assertEquals(Instant.parse("2026-07-15T13:30:00Z"),
                exact(LocalTimes.parse(" 2026-07-15 ", " 14:30:00 ", null, LONDON)));
    }

    @Test
    void aTimeInTheSpringGapIsRefusedWithAMessageThatSaysWhy() {
        for (String time : List.of("01:00", "01:30", "01:59")) {
            LocalTimes.Gap gap = assertInstanceOf(LocalTimes.Gap.class, LocalTimes.parse("2026-03-29", time, null, LONDON));
            assertEquals("Sun 29 Mar 2026 " + time + " does not exist in Europe/London: the clocks go forward from 01:00 "
                    + "to 02:00 that night. Choose another time, for example 02:00.", gap.message());
        }
        // Either side of the gap exists.
        assertEquals(Instant.parse("2026-03-29T00:59:00Z"), exact(LocalTimes.parse("2026-03-29", "00:59", null, LONDON)));
        assertEquals(Instant.parse("2026-03-29T01:00:00Z"), exact(LocalTimes.parse("2026-03-29", "02:00", null, LONDON)));
    }

    @Test
    void aTimeInTheAutumnOverlapAsksWhichOfTheTwoAndTheAnswerPicksTheInstant() {
        LocalTimes.Overlap overlap = assertInstanceOf(LocalTimes.Overlap.class,
                LocalTimes.parse("2026-10-25", "01:30", null, LONDON));
        assertEquals("Sun 25 Oct 2026 01:30 happens twice in Europe/London: the clocks go back that night. "
                + "Choose which one you mean.", overlap.message());
        assertEquals(List.of(new LocalTimes.Choice("+01:00", "01:30 BST (UTC+01:00)"),
                new LocalTimes.Choice("+00:00", "01:30 GMT (UTC+00:00)")), overlap.choices(), "earlier instant first");
        assertEquals(Instant.parse("2026-10-25T00:30:00Z"), exact(LocalTimes.parse("2026-10-25", "01:30", "+01:00", LONDON)));
        assertEquals(Instant.parse("2026-10-25T01:30:00Z"), exact(LocalTimes.parse("2026-10-25", "01:30", "+00:00", LONDON)));
        assertEquals(Instant.parse("2026-10-25T01:30:00Z"), exact(LocalTimes.parse("2026-10-25", "01:30", "Z", LONDON)));
        // An offset that is neither of the two asks again instead of guessing.
        assertInstanceOf(LocalTimes.Overlap.class, LocalTimes.parse("2026-10-25", "01:30", "+02:00", LONDON));
        // Just outside the overlap there is one reading.
        assertEquals(Instant.parse("2026-10-24T23:59:00Z"), exact(LocalTimes.parse("2026-10-25", "00:59", null, LONDON)));
        assertEquals(Instant.parse("2026-10-25T02:00:00Z"), exact(LocalTimes.parse("2026-10-25", "02:00", null, LONDON)));
    }

    @Test
    void midnightUtcIsShownInTheZoneWithItsOffset() {
        assertEquals("Mon 1 Jun 2026, 01:00 BST (UTC+01:00)", LocalTimes.format(Instant.parse("2026-06-01T00:00:00Z"), LONDON));
        assertEquals("Thu 1 Jan 2026, 00:00 GMT (UTC+00:00)", LocalTimes.format(Instant.parse("2026-01-01T00:00:00Z"), LONDON));
        assertEquals("Sun 1 Nov 2026, 00:00 UTC (UTC+00:00)",
                LocalTimes.format(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC));
        assertEquals("Sun 1 Nov 2026, 02:00 (UTC+02:00)",
                LocalTimes.format(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.ofHours(2)), "no \"+02:00\" twice");
        assertEquals(Instant.parse("2026-06-01T00:00:00Z"), exact(LocalTimes.parse("2026-06-01", "00:00", null, ZoneId.of("UTC"))));
        assertEquals(Instant.parse("2026-05-31T23:00:00Z"), exact(LocalTimes.parse("2026-06-01", "00:00", null, LONDON)),
                "midnight in London in summer is 23:00 UTC the day before");
    }

    @Test
    void formatShowsBothSidesOfEachChange() {
        assertEquals("Sun 29 Mar 2026, 00:59 GMT (UTC+00:00)", LocalTimes.format(Instant.parse("2026-03-29T00:59:00Z"), LONDON));
        assertEquals("Sun 29 Mar 2026, 02:00 BST (UTC+01:00)", LocalTimes.format(Instant.parse("2026-03-29T01:00:00Z"), LONDON));
        assertEquals("Sun 25 Oct 2026, 01:30 BST (UTC+01:00)", LocalTimes.format(Instant.parse("2026-10-25T00:30:00Z"), LONDON));
        assertEquals("Sun 25 Oct 2026, 01:30 GMT (UTC+00:00)", LocalTimes.format(Instant.parse("2026-10-25T01:30:00Z"), LONDON));
    }

    @Test
    void fieldsRefillTheFormAndReadBackToTheSameInstant() {
        for (String at : List.of("2026-03-29T01:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z",
                "2026-06-01T00:00:00Z", "2026-12-31T23:59:00Z")) {
            Instant instant = Instant.parse(at);
            String[] f = LocalTimes.fields(instant, LONDON);
            assertEquals(instant, exact(LocalTimes.parse(f[0], f[1], f[2], LONDON)), at);
        }
        assertArrayEquals(new String[] {"2026-10-25", "01:30", "+00:00"},
                LocalTimes.fields(Instant.parse("2026-10-25T01:30:00Z"), LONDON));
    }

    @Test
    void badInputNamesTheFieldAndSaysWhatToType() {
        LocalTimes.Invalid noDate = assertInstanceOf(LocalTimes.Invalid.class, LocalTimes.parse("", "10:00", null, LONDON));
        assertEquals("date", noDate.field());
        assertTrue(noDate.message().contains("2026-03-29"), noDate.message());
        for (String date : List.of("2026-02-30", "29/03/2026", "tomorrow", "2026-13-01")) {
            assertEquals("date", assertInstanceOf(LocalTimes.Invalid.class, LocalTimes.parse(date, "10:00", null, LONDON))
                    .field(), date);
        }
        assertEquals("date", assertInstanceOf(LocalTimes.Invalid.class, LocalTimes.parse(null, "10:00", null, LONDON)).field());
        for (String time : List.of("", "25:00", "10.30", "noon", "10:60")) {
            LocalTimes.Invalid bad = assertInstanceOf(LocalTimes.Invalid.class, LocalTimes.parse("2026-05-01", time, null, LONDON));
            assertEquals("time", bad.field(), time);
            assertTrue(bad.message().contains("14:30"), bad.message());
        }
        // Years the database cannot hold, or that no teacher means, are refused rather than stored.
        for (String date : List.of("0001-01-01", "+10000-01-01", "1969-12-31")) {
            LocalTimes.Invalid bad = assertInstanceOf(LocalTimes.Invalid.class, LocalTimes.parse(date, "10:00", null, LONDON));
            assertEquals("date", bad.field(), date);
        }
    }

    @Test
    void relativeTimesAndDurationsReadNaturally() {
        Instant now = Instant.parse("2026-05-01T12:00:00Z");
        assertEquals("now", LocalTimes.relative(now.plusSeconds(30), now));
        assertEquals("now", LocalTimes.relative(now.minusSeconds(59), now));
        assertEquals("in 1 minute", LocalTimes.relative(now.plusSeconds(60), now));
        assertEquals("in 5 minutes", LocalTimes.relative(now.plusSeconds(5 * 60 + 10), now));
        assertEquals("2 hours ago", LocalTimes.relative(now.minusSeconds(2 * 3600), now));
        assertEquals("in 3 days", LocalTimes.relative(now.plusSeconds(3 * 86_400 + 100), now));
        assertEquals("in 2 months", LocalTimes.relative(now.plusSeconds(65L * 86_400), now));
        assertEquals("3 years ago", LocalTimes.relative(now.minusSeconds(3L * 366 * 86_400), now));
        // Rounded, not cut: what a reader would say of the time left.
        assertEquals("in 3 days", LocalTimes.relative(now.plusSeconds(3 * 86_400 - 60), now));
        assertEquals("in 2 days", LocalTimes.relative(now.plusSeconds(2 * 86_400 + 11 * 3600), now));
        assertEquals("in 1 hour", LocalTimes.relative(now.plusSeconds(59 * 60 + 40), now));
        assertEquals("in 1 day", LocalTimes.relative(now.plusSeconds(23 * 3600 + 50 * 60), now));
        assertEquals("in 23 hours", LocalTimes.relative(now.plusSeconds(23 * 3600 + 20 * 60), now));
        assertEquals("in 2 minutes", LocalTimes.relative(now.plusSeconds(90), now));
        assertEquals("in 2 months", LocalTimes.relative(now.plusSeconds(60L * 86_400 - 3600), now));
        assertEquals("0 seconds", LocalTimes.duration(0));
        assertEquals("1 second", LocalTimes.duration(1));
        assertEquals("5 minutes", LocalTimes.duration(5 * 60 + 3));
        assertEquals("1 hour", LocalTimes.duration(3600 + 30));
        assertEquals("2 hours 5 minutes", LocalTimes.duration(2 * 3600 + 5 * 60));
        assertEquals("7 days 3 hours", LocalTimes.duration(7 * 86_400 + 3 * 3600 + 59));
    }
}
