package org.wte.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a GET with a {@code Range} header gets of a file held in memory (RFC 9110 §14): the whole file,
 * one range of it (206), or nothing (416). Audio and video need it: browsers seek by asking for ranges, and
 * Safari plays no video from a server that ignores them. One range is served; a request for several
 * ranges, a header that does not parse, a unit other than bytes, or an {@code If-Range} that does not match
 * the file's strong entity tag gets the whole file, as the RFC allows.
 */
public final class ByteRanges {
    private static final Pattern ONE_RANGE = Pattern.compile("\\s*([0-9]{1,18})?-([0-9]{1,18})?\\s*");

    private ByteRanges() {}

    public sealed interface Outcome permits Whole, Part, Unsatisfiable {}

    /** The whole file, with status 200. */
    public record Whole() implements Outcome {}

    /** Bytes {@code first} to {@code last}, both included, of a file of {@code length} bytes: status 206. */
    public record Part(long first, long last, long length) implements Outcome {
        public int size() {
            return (int) (last - first + 1);
        }

        public String contentRange() {
            return "bytes " + first + "-" + last + "/" + length;
        }

        /** These bytes of the whole file. */
        public byte[] of(byte[] whole) {
            return Arrays.copyOfRange(whole, (int) first, (int) last + 1);
        }
    }

    /** No byte of the range is in the file: status 416, with {@link #contentRange()}. */
    public record Unsatisfiable(long length) implements Outcome {
        public String contentRange() {
            return "bytes */" + length;
        }

        /** What the 416 says, for the file {@code name}. */
        public String message(String name) {
            return "The range asked for is outside “" + name + "” (" + length + " bytes).";
        }
    }

    /**
     * @param range   the Range header, or null
     * @param ifRange the If-Range header, or null
     * @param etag    the file's entity tag (quoted), or null when it has none
     * @param length  the file's length in bytes
     */
    public static Outcome of(String range, String ifRange, String etag, long length) {
        if (range == null) {
            return new Whole();
        }
        // A date, a weak tag or another tag: the client's copy may be another version, so it gets this one whole.
        if (ifRange != null && (etag == null || etag.startsWith("W/") || !ifRange.strip().equals(etag))) {
            return new Whole();
        }
        int equals = range.indexOf('=');
        if (equals < 0 || !range.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return new Whole();
        }
        String spec = range.substring(equals + 1);
        if (spec.indexOf(',') >= 0) {
            return new Whole();
        }
        Matcher m = ONE_RANGE.matcher(spec);
        if (!m.matches() || m.group(1) == null && m.group(2) == null) {
            return new Whole();
        }
        if (m.group(1) == null) { // "-500": the last 500 bytes
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || length == 0) {
                return new Unsatisfiable(length);
            }
            return new Part(Math.max(0, length - suffix), length - 1, length);
        }
        long first = Long.parseLong(m.group(1));
        Long last = m.group(2) == null ? null : Long.parseLong(m.group(2));
        if (last != null && last < first) {
            return new Whole(); // not a valid range: ignored
        }
        if (first >= length) {
            return new Unsatisfiable(length);
        }
        return new Part(first, last == null ? length - 1 : Math.min(last, length - 1), length);
    }
}
