package org.wte.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The names inside and of an offline copy: safe on any file system, never a path outside the ZIP. */
class PartDownloadsTest {
    @Test
    void pageAndZipNamesAreShortLowerCaseAscii() {
        assertEquals("week-1-html-css", PartDownloads.slug("Week 1: HTML & CSS", "page"));
        assertEquals("uber-cafe", PartDownloads.slug("Über café", "page"));
        assertEquals("page", PartDownloads.slug("日本語", "page"));
        assertEquals("page", PartDownloads.slug("../..", "page"));
        assertEquals(40, PartDownloads.slug("a".repeat(80), "page").length());
        assertFalse(PartDownloads.slug("a".repeat(39) + " b", "page").endsWith("-"));
        Part part = new Part(null, PartType.PART, "\"Quotes\"; rm -rf /", PartStatus.AVAILABLE, Instant.now());
        assertEquals("quotes-rm-rf.zip", PartDownloads.fileName(part));
    }

    @Test
    void assetEntriesCannotLeaveTheAssetsFolder() {
        assertEquals("logo.png", PartDownloads.safeFileName("logo.png"));
        assertEquals("data_sheet.csv", PartDownloads.safeFileName("data sheet.csv"));
        assertEquals("_.._etc_passwd", PartDownloads.safeFileName("../../etc/passwd").replaceFirst("^_+", "_"));
        for (String name : new String[] {"..", ".", "a/../b", "C:\\x", ".hidden", "\u0000"}) {
            String safe = PartDownloads.safeFileName(name);
            assertFalse(safe.contains("/") || safe.contains("\\") || safe.startsWith("."), name + " → " + safe);
            assertFalse(safe.isEmpty());
        }
        assertTrue(PartDownloads.safeFileName("x".repeat(300) + ".png").endsWith(".png"));
    }

    @Test
    void embeddedVideosBecomeWatchLinks() {
        assertEquals("https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                PartDownloads.watchUrl("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"));
        assertEquals("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
                PartDownloads.watchUrl("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42"));
        assertNull(PartDownloads.watchUrl("https://evil.example/embed/dQw4w9WgXcQ"));
        assertNull(PartDownloads.watchUrl(null));
    }
}
