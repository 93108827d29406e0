package org.wte.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A workspace as a ZIP file. Every entry name is made safe to unpack anywhere: one plain file name (no
 * folder, no "..", no drive letter, no control character, nothing Windows refuses), unique ignoring case.
 */
public final class WorkspaceArchive {
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3",
            "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7",
            "lpt8", "lpt9");
    private static final int MAX_NAME = 120;

    private WorkspaceArchive() {}

    /** The files (name → bytes) as a ZIP, in the given order; names made safe and unique. */
    public static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Set<String> used = new HashSet<>();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                String name = unique(safeName(file.getKey()), used);
                zip.putNextEntry(new ZipEntry(name));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A name safe as a ZIP entry and as a file on any system: letters (any script), digits, space, dot,
     * dash, underscore, plus and parentheses are kept, everything else becomes "_"; no leading or trailing
     * dot or space other than one leading dot (".gitignore"), no "..", no Windows device name, at most 120
     * characters, never empty.
     */
    public static String safeName(String name) {
        String n = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n.length(); ) {
            int c = n.codePointAt(i);
            boolean keep = Character.isLetterOrDigit(c) || c == ' ' || c == '.' || c == '-' || c == '_' || c == '+'
                    || c == '(' || c == ')';
            sb.appendCodePoint(keep ? c : '_');
            i += Character.charCount(c);
        }
        String safe = sb.toString().replaceAll("\\.{2,}", ".").strip();
        boolean hidden = safe.startsWith(".");
        safe = safe.replaceAll("^[. ]+|[. ]+$", "");
        if (safe.length() > MAX_NAME) {
            safe = safe.substring(0, MAX_NAME).strip();
        }
        String stem = safe.contains(".") ? safe.substring(0, safe.indexOf('.')) : safe;
        if (safe.isEmpty()) {
            return "file";
        }
        if (WINDOWS_DEVICES.contains(stem.toLowerCase(Locale.ROOT))) {
            safe = "file_" + safe;
        }
        return hidden ? "." + safe : safe;
    }

    /** The name of the ZIP itself, from the part's title: "workspace-<title>.zip", made safe the same way. */
    public static String zipName(String title) {
        return safeName("workspace-" + title) + ".zip";
    }

    private static String unique(String name, Set<String> used) {
        String candidate = name;
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            candidate = stem + "-" + i + ext;
        }
        return candidate;
    }

    /** An ordered map, for callers building the file list. */
    public static Map<String, byte[]> files() {
        return new LinkedHashMap<>();
    }
}
