package org.wte.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.wte.asset.Sizes;

/**
 * Reads an uploaded ZIP that may be hostile, for both import formats. The upload is copied to a temporary file
 * while its bytes are counted (past the limit the copy stops), then the central directory is checked before
 * any entry is read: the number of entries, every name (no traversal, no absolute or drive path, no control
 * characters, no duplicates), no symbolic link, no encryption or unknown compression. Entries are inflated
 * with their bytes counted as they come: the header's sizes are never trusted, and an entry (or the whole
 * file) that inflates to more than {@link Limits#maxRatio} times its compressed size, past {@link
 * Limits#ratioFloor} bytes, is refused as a ZIP bomb. Every refusal is an {@link ImportProblem}.
 */
public final class SafeZip implements AutoCloseable {
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    /** The limits: the file's size, its entries, and the inflation ratio allowed past a floor. */
    public record Limits(long maxSize, int maxEntries, int maxRatio, long ratioFloor) {
        public static Limits of(long maxSize) {
            return new Limits(maxSize, 10_000, 100, 1L << 20);
        }
    }

    private final Path file;
    private final ZipFile zip;
    private final Limits limits;
    private final long size;
    private final Map<String, ZipArchiveEntry> entries;
    private long inflated;

    private SafeZip(Path file, ZipFile zip, Limits limits, long size, Map<String, ZipArchiveEntry> entries) {
        this.file = file;
        this.zip = zip;
        this.limits = limits;
        this.size = size;
        this.entries = entries;
    }

    /** Copies the stream (counting, up to the limit) and checks the directory; the caller closes the result. */
    public static SafeZip read(InputStream in, Limits limits) {
        Path file;
        try {
            file = Files.createTempFile("wte-import-", ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            long size = copy(in, file, limits.maxSize());
            ZipFile zip;
            try {
                zip = ZipFile.builder().setPath(file).setUseUnicodeExtraFields(false).get();
            } catch (IOException | RuntimeException e) {
                throw new ImportProblem("This file is not a ZIP archive, or it is damaged: it cannot be read.");
            }
            try {
                return new SafeZip(file, zip, limits, size, check(zip, limits));
            } catch (RuntimeException e) {
                closeQuietly(zip);
                throw e;
            }
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    private static long copy(InputStream in, Path file, long max) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > max) {
                    throw tooLarge(max);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ImportProblem("The file could not be read to the end (" + e.getMessage() + "): send it again.");
        }
        return total;
    }

    static ImportProblem tooLarge(long max) {
        return new ImportProblem("This file is too large to import: at most " + Sizes.readable(max)
                + " ([uploads] max_import_size).");
    }

    private static Map<String, ZipArchiveEntry> check(ZipFile zip, Limits limits) {
        Map<String, ZipArchiveEntry> byName = new LinkedHashMap<>();
        Set<String> folded = new HashSet<>();
        int count = 0;
        for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
            if (++count > limits.maxEntries()) {
                throw new ImportProblem("This ZIP has too many entries: at most " + limits.maxEntries()
                        + " can be imported.");
            }
            String name = entry.getName();
            nameProblem(name);
            if (!folded.add(name.toLowerCase(Locale.ROOT))) {
                throw new ImportProblem("This ZIP has two entries named \u201c" + name + "\u201d: it cannot be "
                        + "imported.");
            }
            if (entry.isUnixSymlink()) {
                throw new ImportProblem("The entry \u201c" + name + "\u201d is a symbolic link: links cannot be "
                        + "imported.");
            }
            if (entry.getGeneralPurposeBit().usesEncryption()) {
                throw new ImportProblem("The entry \u201c" + name + "\u201d is encrypted: encrypted ZIPs cannot be "
                        + "imported.");
            }
            if (!entry.isDirectory() && !zip.canReadEntryData(entry)) {
                throw new ImportProblem("The entry \u201c" + name + "\u201d uses a compression method WTE cannot "
                        + "read (use ordinary deflate).");
            }
            byName.put(name, entry);
        }
        return byName;
    }

    /** Refuses names that could leave the archive's folder, whatever system unpacks it. */
    static void nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            throw new ImportProblem("This ZIP has an entry without a name.");
        }
        if (name.startsWith("/") || name.startsWith("\\") || DRIVE.matcher(name).matches()) {
            throw new ImportProblem("The entry \u201c" + name + "\u201d has an absolute path: it cannot be "
                    + "imported.");
        }
        for (String segment : name.split("[/\\\\]", -1)) {
            if (segment.equals("..")) {
                throw new ImportProblem("The entry \u201c" + name + "\u201d leads out of the archive (\u201c..\u201d"
                        + " in its path): it cannot be imported.");
            }
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ImportProblem("The entry \u201c" + name.replaceAll("\\p{Cntrl}", "?") + "\u201d has control "
                    + "characters in its name: it cannot be imported.");
        }
    }

    /** The number of entries (folders included). */
    public int entryCount() {
        return entries.size();
    }

    /** Whether a file of this exact name is in the archive (a folder does not count). */
    public boolean has(String name) {
        ZipArchiveEntry entry = entries.get(name);
        return entry != null && !entry.isDirectory();
    }

    /**
     * The entry's bytes, counted while inflating. More than {@code maxBytes} throws {@link TooLarge} (the caller
     * decides whether that refuses one file or the whole import); an inflation ratio past the limits refuses
     * the whole import.
     */
    public byte[] read(String name, long maxBytes) {
        ZipArchiveEntry entry = entries.get(name);
        if (entry == null || entry.isDirectory()) {
            throw new ImportProblem("The manifest names \u201c" + name + "\u201d, which is not in the ZIP.");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long count = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                count += n;
                inflated += n;
                long compressed = in instanceof InputStreamStatistics stats ? stats.getCompressedCount()
                        : entry.getCompressedSize();
                if (count > limits.ratioFloor() && count > (long) limits.maxRatio() * Math.max(compressed, 1)) {
                    throw bomb(name);
                }
                if (inflated > limits.ratioFloor() && inflated > (long) limits.maxRatio() * Math.max(size, 1)) {
                    throw bomb(name);
                }
                if (count > maxBytes) {
                    throw new TooLarge(name, maxBytes);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ImportProblem("The entry \u201c" + name + "\u201d is damaged and cannot be read ("
                    + e.getMessage() + ").");
        }
    }

    private ImportProblem bomb(String name) {
        return new ImportProblem("The entry \u201c" + name + "\u201d expands to more than " + limits.maxRatio()
                + " times its compressed size: this looks like a ZIP bomb, and it is not imported.");
    }

    /** An entry larger than the caller allowed. */
    public static final class TooLarge extends RuntimeException {
        private final long limit;

        TooLarge(String name, long limit) {
            super("\u201c" + name + "\u201d is larger than " + Sizes.readable(limit) + ".");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    @Override
    public void close() {
        closeQuietly(zip);
        deleteQuietly(file);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException e) {
            // The temporary file is deleted next; nothing else holds it.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
