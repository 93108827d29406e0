package org.wte.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteRangesTest {
    private static final String TAG = "\"abc123\"";

    private static ByteRanges.Outcome of(String range) {
        return ByteRanges.of(range, null, TAG, 1000);
    }

    @Test
    void oneRangeOfEachFormIsServed() {
        assertEquals(new ByteRanges.Part(0, 99, 1000), of("bytes=0-99"));
        assertEquals(new ByteRanges.Part(500, 999, 1000), of("bytes=500-"), "to the end");
        assertEquals(new ByteRanges.Part(900, 999, 1000), of("bytes=-100"), "the last 100 bytes");
        assertEquals(new ByteRanges.Part(0, 999, 1000), of("bytes=-5000"), "a suffix longer than the file: all of it");
        assertEquals(new ByteRanges.Part(990, 999, 1000), of("bytes=990-5000"), "cut at the end of the file");
        assertEquals(new ByteRanges.Part(7, 7, 1000), of("Bytes = 7-7"), "the unit in any case, spaces allowed");
        ByteRanges.Part part = (ByteRanges.Part) of("bytes=100-199");
        assertEquals(100, part.size());
        assertEquals("bytes 100-199/1000", part.contentRange());
    }

    @Test
    void whatCannotBeServedAsOneRangeGetsTheWholeFile() {
        ByteRanges.Whole whole = new ByteRanges.Whole();
        assertEquals(whole, of(null));
        assertEquals(whole, of("bytes=0-1,5-9"), "several ranges: the whole file rather than multipart");
        assertEquals(whole, of("items=0-9"), "another unit");
        assertEquals(whole, of("bytes=9-0"), "last before first is not a range");
        assertEquals(whole, of("bytes=-"));
        assertEquals(whole, of("bytes=a-b"));
        assertEquals(whole, of("bytes 0-9"));
        assertEquals(whole, of("bytes=99999999999999999999-"), "a number too long to be a position");
    }

    @Test
    void ifRangeServesTheRangeOnlyForTheSameVersion() {
        assertEquals(new ByteRanges.Part(0, 9, 1000), ByteRanges.of("bytes=0-9", TAG, TAG, 1000));
        assertEquals(new ByteRanges.Whole(), ByteRanges.of("bytes=0-9", "\"older\"", TAG, 1000), "another version");
        assertEquals(new ByteRanges.Whole(), ByteRanges.of("bytes=0-9", "Tue, 24 Nov 2026 10:00:00 GMT", TAG, 1000),
                "a date: no modification time to compare it with");
        assertEquals(new ByteRanges.Whole(), ByteRanges.of("bytes=0-9", "W/\"abc123\"", "W/\"abc123\"", 1000),
                "weak tags never match");
        assertEquals(new ByteRanges.Whole(), ByteRanges.of("bytes=0-9", TAG, null, 1000), "no tag to compare with");
    }

    @Test
    void aRangeOutsideTheFileIsUnsatisfiable() {
        assertEquals(new ByteRanges.Unsatisfiable(1000), of("bytes=1000-"));
        assertEquals(new ByteRanges.Unsatisfiable(1000), of("bytes=-0"));
        assertEquals(new ByteRanges.Unsatisfiable(0), ByteRanges.of("bytes=0-", null, TAG, 0), "an empty file");
        assertEquals("bytes */1000", new ByteRanges.Unsatisfiable(1000).contentRange());
    }
}
