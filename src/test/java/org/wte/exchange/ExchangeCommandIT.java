package org.wte.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wte.testing.Launcher;
import org.wte.testing.ScratchMariaDb;

/**
 * `wte import` and `wte export` through the distribution's launcher (target/wte/bin/wte) on a scratch MariaDB, as
 * in production (one H2 file shared by a test JVM and launcher processes one after another, each taking and
 * releasing AUTO_SERVER, once showed a launcher an older schema): a module
 * imported with its timed actions, exported again the same, a page refused where it does not fit, a hostile ZIP
 * refused with exit 5 and the database unchanged, bad arguments exit 2, an unreachable database exit 3.
 */
class ExchangeCommandIT {
    static final String SECRET = "cli-test-secret-cli-test-secret-0123456789abcdef";
    static final Duration LIMIT = Duration.ofMinutes(2);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    ScratchMariaDb mariaDb;

    @BeforeAll
    static void findLauncher() {
        Launcher.path();
    }

    @org.junit.jupiter.api.BeforeEach
    void scratch() {
        mariaDb = ScratchMariaDb.create("ExchangeCommandIT");
    }

    @org.junit.jupiter.api.AfterEach
    void drop() throws SQLException {
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    Launcher.Result wte(String... args) throws Exception {
        return Launcher.run(work, LIMIT, args);
    }

    Path ini(String databaseUrl) throws Exception {
        Path ini = work.resolve("wte.ini");
        Files.writeString(ini, """
                [app]
                url = http://127.0.0.1:8080/wte
                secret = %s
                [database]
                url = %s
                user = %s
                password = %s
                """.formatted(SECRET, databaseUrl, ScratchMariaDb.USER, ScratchMariaDb.PASSWORD));
        return ini;
    }

    String dbUrl() {
        return mariaDb.url();
    }

    Path database() throws Exception {
        Path ini = ini(dbUrl());
        Launcher.Result init = wte("initialise-database", ini.toString());
        assertEquals(0, init.exit(), init.toString());
        Launcher.Result admin = Launcher.start(Launcher.command(work, "create-admin", "teacher@example.org", "-c",
                ini.toString())).finish(LIMIT);
        assertEquals(0, admin.exit(), admin.toString());
        return ini;
    }

    /** Rows of the tables an import writes, read straight from the database. */
    Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = java.sql.DriverManager.getConnection(dbUrl(), ScratchMariaDb.USER, ScratchMariaDb.PASSWORD);
             Statement st = c.createStatement()) {
            for (String table : new String[] {"part", "asset", "quiz", "timed_task", "module_role"}) {
                try (ResultSet rs = st.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    static String course() {
        String page = """
                {"ref": "3", "type": "page", "title": "Forms", "label": "", "order": 0, "status": "available",
                 "displayMode": "text", "content": "Back to [](part:2).\\n\\n```quiz\\n? Which?\\n- [x] this\\n- [ ] that\\n```\\n",
                 "quizzes": ["quiz-1"], "files": [], "timedActions": [], "children": []}
                """;
        String part = """
                {"ref": "2", "type": "part", "title": "HTML", "label": "Week 1", "order": 0, "status": "unavailable",
                 "displayMode": "workspace", "content": "See [the data](asset:data.csv).",
                 "quizzes": [], "files": [{"kind": "asset", "filename": "data.csv", "mimeType": "text/csv", "order": 0,
                 "entry": "files/2-html/assets/data.csv"}],
                 "timedActions": [{"type": "change-status", "options": {"status": "available"}, "offsetSeconds": 615600}],
                 "children": [%s]}
                """.formatted(page);
        return """
                {"format": "wte-export", "version": 1, "exportedAt": "2026-01-01T00:00:00Z", "referenceDate": "2026-09-07",
                 "externalReferences": [],
                 "root": {"ref": "1", "type": "module", "title": "CLI course", "label": "Course", "order": 0,
                          "status": "available", "displayMode": "text", "content": "Start with [](part:2).",
                          "quizzes": [], "files": [], "timedActions": [], "children": [%s]}}
                """.formatted(part);
    }

    @Test
    void importThenExportThroughTheLauncher() throws Exception {
        Path ini = database();
        Path zip = work.resolve("course.zip");
        Files.write(zip, new Zips().add("wte-export.json", course()).add("files/2-html/assets/data.csv", "a,b\n1,2\n")
                .bytes());
        Launcher.Result imported = wte("import", zip.toString(), "--owner", "Teacher@Example.org", "--reference-date",
                "2031-09-01", ini.toString());
        assertEquals(0, imported.exit(), imported.toString());
        assertTrue(imported.out().contains("importing: 4/4 entries"), "plain progress lines off a terminal: " + imported);
        Matcher id = Pattern.compile("imported the module “CLI course” as #(\\d+): 3 items \\(the module and "
                + "everything in it\\), 1 file, "
                + "1 quiz, 1 timed action;").matcher(imported.out());
        assertTrue(id.find(), imported.toString());
        assertTrue(imported.out().contains("  - The module “CLI course” was available in the file."), imported.toString());
        assertEquals(Map.of("asset", 1L, "module_role", 1L, "part", 3L, "quiz", 1L, "timed_task", 1L), counts());

        Path out = work.resolve("again.zip");
        Launcher.Result exported = wte("export", id.group(1), out.toString(), "--timed-actions", "--reference-date",
                "2031-09-01", ini.toString());
        assertEquals(0, exported.exit(), exported.toString());
        JsonNode again = null;
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(out))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals("wte-export.json")) {
                    again = JSON.readTree(in.readAllBytes());
                }
            }
        }
        JsonNode original = JSON.readTree(course());
        assertEquals(ExchangeServiceTest.normalised(original), ExchangeServiceTest.normalised(again));

        // A page where it does not fit, and a hostile file: exit 5, the reason, nothing changed.
        Map<String, Long> before = counts();
        Path pageZip = work.resolve("page.zip");
        Files.write(pageZip, Zips.of(Zips.map("wte-export.json", Zips.manifest("page", ""))));
        Launcher.Result misplaced = wte("import", pageZip.toString(), "--parent", id.group(1), "--owner",
                "teacher@example.org", ini.toString());
        assertEquals(5, misplaced.exit(), misplaced.toString());
        assertEquals("wte import: page.zip cannot be imported: This file holds a page: a page can only be imported "
                + "into a part.", misplaced.err().strip());
        Path evil = work.resolve("evil.zip");
        Files.write(evil, new Zips().add("wte-export.json", Zips.manifest("module", "")).link("files/x", "/etc/passwd")
                .bytes());
        Launcher.Result hostile = wte("import", evil.toString(), "--owner", "teacher@example.org", ini.toString());
        assertEquals(5, hostile.exit(), hostile.toString());
        assertTrue(hostile.err().contains("The entry “files/x” is a symbolic link: links cannot be imported."),
                hostile.toString());
        assertEquals(before, counts());
    }

    @Test
    void badArgumentsExit2AndAnUnreachableDatabase3() throws Exception {
        Path ini = database();
        Path zip = work.resolve("m.zip");
        Files.write(zip, Zips.of(Zips.map("wte-export.json", Zips.manifest("module", ""))));
        Launcher.Result noOwner = wte("import", zip.toString(), ini.toString());
        assertEquals(2, noOwner.exit(), noOwner.toString());
        assertTrue(noOwner.err().contains("Missing required option: '--owner=EMAIL'"), noOwner.toString());
        Launcher.Result nobody = wte("import", zip.toString(), "--owner", "nobody@example.org", ini.toString());
        assertEquals(2, nobody.exit(), nobody.toString());
        assertEquals("wte import: there is no user nobody@example.org (--owner)", nobody.err().strip());
        Launcher.Result notAnId = wte("export", "abc", work.resolve("x.zip").toString(), ini.toString());
        assertEquals(2, notAnId.exit(), notAnId.toString());
        Launcher.Result noFile = wte("import", work.resolve("missing.zip").toString(), "--owner", "teacher@example.org",
                ini.toString());
        assertEquals(2, noFile.exit(), noFile.toString());
        Launcher.Result noPart = wte("export", "424242", work.resolve("x.zip").toString(), ini.toString());
        assertEquals(5, noPart.exit(), noPart.toString());
        assertEquals("wte export: There is no part #424242.", noPart.err().strip());

        Launcher.Result help = wte("import", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("The INI file comes last"), help.out());

        Path unreachable = ini("jdbc:mariadb://127.0.0.1:9/wte?connectTimeout=2000");
        Launcher.Result down = wte("import", zip.toString(), "--owner", "teacher@example.org", unreachable.toString());
        assertEquals(3, down.exit(), down.toString());
        assertTrue(down.err().startsWith("wte import: cannot reach the database"), down.toString());
    }
}
