package org.wte.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The administrators' help lists every key the loader knows, with its default, under its section: a new
 * key without help fails here.
 */
class ConfigurationHelpTest {
    @Test
    void theHelpListsEveryKnownKeyWithADefault() throws IOException {
        String help = Files.readString(Path.of("src/main/resources/help/configuration.md"));
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Set<String>> section : SettingsLoader.KNOWN.entrySet()) {
            int start = help.indexOf("\n## [" + section.getKey() + "]\n");
            if (start < 0) {
                missing.add("[" + section.getKey() + "] (no section heading)");
                continue;
            }
            int end = help.indexOf("\n## ", start + 1);
            String part = help.substring(start, end < 0 ? help.length() : end);
            for (String key : section.getValue()) {
                // A table row: | `key` | default | meaning |, with a non-empty default.
                int row = part.indexOf("\n| `" + key + "` | ");
                if (row < 0) {
                    missing.add("[" + section.getKey() + "] " + key);
                    continue;
                }
                String[] cells = part.substring(row + 1, part.indexOf('\n', row + 1)).split("\\|");
                assertTrue(cells.length >= 4 && !cells[2].isBlank() && !cells[3].isBlank(),
                        "[" + section.getKey() + "] " + key + ": default and meaning");
            }
        }
        assertEquals(List.of(), missing, "configuration keys missing from help/configuration.md");
    }

    @Test
    void everyKeyOfTheExampleFileIsKnown() throws IOException {
        // The example and the loader agree, so the help covers the example too.
        String section = null;
        List<String> unknown = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("production.ini.example"))) {
            String l = line.strip();
            if (l.startsWith("[")) {
                section = l.substring(1, l.indexOf(']'));
            } else if (!l.isEmpty() && !l.startsWith(";") && l.contains("=")) {
                String key = l.substring(0, l.indexOf('=')).strip();
                if (!SettingsLoader.KNOWN.getOrDefault(section, Set.of()).contains(key)) {
                    unknown.add("[" + section + "] " + key);
                }
            }
        }
        assertEquals(List.of(), unknown);
    }
}
