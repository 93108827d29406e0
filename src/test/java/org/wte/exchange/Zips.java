package org.wte.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds ZIPs for the tests, hostile ones included (any name, duplicates, symbolic links). */
final class Zips {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes);

    Zips add(String name, byte[] data) {
        try {
            zip.putArchiveEntry(new ZipArchiveEntry(name));
            zip.write(data);
            zip.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Zips add(String name, String text) {
        return add(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A symbolic link entry: the unix mode in the external attributes says "link", its data is the target. */
    Zips link(String name, String target) {
        try {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setUnixMode(0120777);
            zip.putArchiveEntry(entry);
            zip.write(target.getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    byte[] bytes() {
        try {
            zip.finish();
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A ZIP of these entries. */
    static byte[] of(Map<String, String> entries) {
        Zips z = new Zips();
        entries.forEach(z::add);
        return z.bytes();
    }

    /** A ZIP written by java.util.zip, which keeps names byte for byte (backslashes too). */
    static byte[] raw(Map<String, String> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Map<String, String> map(String... nameAndText) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndText.length; i += 2) {
            m.put(nameAndText[i], nameAndText[i + 1]);
        }
        return m;
    }

    /** A minimal valid manifest holding one node of this type, whose files are given as JSON. */
    static String manifest(String type, String files) {
        return """
                {"format": "wte-export", "version": 1, "exportedAt": "2026-01-01T00:00:00Z", "referenceDate": null,
                 "externalReferences": [],
                 "root": {"ref": "1", "type": "%s", "title": "Imported %s", "label": "", "order": 0,
                          "status": "available", "displayMode": "text", "content": "Hello", "quizzes": [],
                          "files": [%s], "timedActions": [], "children": []}}
                """.formatted(type, type, files);
    }
}
