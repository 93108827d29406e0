package org.wte.exchange;

import java.time.LocalDate;
import java.util.List;

/**
 * An import file opened and recognised: {@code wte-export.json} at the root is WTE's own format, else
 * {@code content.json} is the original Python WTE's; anything else is refused. Every file the tree names
 * must be in the ZIP. The ZIP stays open (the importer reads the files from it); closing this closes it.
 */
public final class ImportSource implements AutoCloseable {
    /** The largest manifest read: far beyond any real course's text, far below memory trouble. */
    static final long MAX_MANIFEST = 64L << 20;

    private final SafeZip zip;
    private final ExchangeNode root;
    private final LocalDate referenceDate;
    private final List<String> converted;

    private ImportSource(SafeZip zip, ExchangeNode root, LocalDate referenceDate, List<String> converted) {
        this.zip = zip;
        this.root = root;
        this.referenceDate = referenceDate;
        this.converted = List.copyOf(converted);
    }

    /** Reads and checks the ZIP (closing it on any problem). */
    public static ImportSource open(java.io.InputStream in, SafeZip.Limits limits) {
        SafeZip zip = SafeZip.read(in, limits);
        try {
            ImportSource source;
            if (zip.has(ExportManifest.NAME)) {
                ExportManifest.Read read = ExportManifest.read(manifest(zip, ExportManifest.NAME));
                source = new ImportSource(zip, read.root(), read.referenceDate(), List.of());
            } else if (zip.has("content.json")) {
                OriginalExport.Conversion conversion = OriginalExport.convert(manifest(zip, "content.json"));
                source = new ImportSource(zip, conversion.root(), null, conversion.report());
            } else {
                throw new ImportProblem("This ZIP is not a WTE export: it has neither " + ExportManifest.NAME
                        + " nor content.json.");
            }
            source.checkEntries(source.root);
            return source;
        } catch (RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static byte[] manifest(SafeZip zip, String name) {
        try {
            return zip.read(name, MAX_MANIFEST);
        } catch (SafeZip.TooLarge e) {
            throw new ImportProblem(name + " is larger than " + org.wte.asset.Sizes.readable(MAX_MANIFEST)
                    + ": it cannot be imported.");
        }
    }

    private void checkEntries(ExchangeNode node) {
        for (ExchangeNode.ExchangeFile f : node.files()) {
            if (!zip.has(f.entry())) {
                throw new ImportProblem("The manifest names the file \u201c" + f.entry() + "\u201d (" + f.filename()
                        + " of \u201c" + node.title() + "\u201d), which is not in the ZIP.");
            }
        }
        node.children().forEach(this::checkEntries);
    }

    public ExchangeNode root() {
        return root;
    }

    /** The date the file's timed actions count from, or null (none given, or the original's format). */
    public LocalDate referenceDate() {
        return referenceDate;
    }

    /** What the original format's converter changed (empty for WTE's own format). */
    public List<String> converted() {
        return converted;
    }

    public SafeZip zip() {
        return zip;
    }

    /** Nodes and files in the tree: the importer's steps, for a progress display. */
    public int steps() {
        return count(root);
    }

    private static int count(ExchangeNode n) {
        int c = 1 + n.files().size();
        for (ExchangeNode child : n.children()) {
            c += count(child);
        }
        return c;
    }

    @Override
    public void close() {
        zip.close();
    }
}
