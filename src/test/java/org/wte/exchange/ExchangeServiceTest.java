package org.wte.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.ForbiddenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wte.CompositionRoot;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.asset.Asset;
import org.wte.asset.AssetKind;
import org.wte.content.DisplayMode;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.enrolment.Role;
import org.wte.quiz.QuizStore;
import org.wte.testing.TestDatabase;
import org.wte.timedtask.TaskOptions;
import org.wte.timedtask.TimedTask;
import org.wte.timedtask.TimedTaskStatus;
import org.wte.timedtask.TimedTaskTypes;
import org.wte.web.CurrentUser;

/**
 * Export and import on real Hibernate + H2 ({@link MariaDbExchangeIT} runs the same on MariaDB): the round trip
 * of a module with every kind of content, each hostile ZIP refused with its message and the database unchanged,
 * imports into the wrong place, and an import that fails half-way leaving nothing behind.
 */
class ExchangeServiceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The start of a PNG: enough for the asset rules' check of images. */
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};
    static final LocalDate FIRST_YEAR = LocalDate.of(2025, 9, 1);
    static final LocalDate NEXT_YEAR = LocalDate.now().plusYears(1).withMonth(9).withDayOfMonth(7);

    CompositionRoot root;
    CurrentUser teacher;
    CurrentUser other;
    ZoneId zone;

    CompositionRoot startRoot() throws Exception {
        return TestDatabase.start("");
    }

    @BeforeEach
    void start() throws Exception {
        root = startRoot();
        zone = root.settings().app().timezone();
        long[] ids = root.database().inTransaction(s -> {
            User t = new User("teacher@example.org", "Teacher", UserStatus.ACTIVE, Instant.now());
            User o = new User("other@example.org", "Other", UserStatus.ACTIVE, Instant.now());
            s.persist(t);
            s.persist(o);
            return new long[] {t.getId(), o.getId()};
        });
        teacher = new CurrentUser(ids[0], "teacher@example.org", "Teacher", Set.of("modules.create"), false, false, false);
        other = new CurrentUser(ids[1], "other@example.org", "Other", Set.of(), false, false, false);
    }

    @AfterEach
    void stop() {
        root.close();
    }

    // ------------------------------------------------------------------ a module with everything

    /** Ids of the course built by {@link #course()}. */
    record Course(long module, long html, long css, long first, long second, long styling, long elsewhere) {}

    Course course() {
        var ps = root.partService();
        return root.database().inTransaction(s -> {
            long elsewhere = ps.createModule(s, teacher, "Another module", "").getId();
            Part module = ps.createModule(s, teacher, "Web Basics", "Course");
            long m = module.getId();
            long html = ps.createChild(s, teacher, m, "HTML", "Week 1", null, null).getId();
            long css = ps.createChild(s, teacher, m, "CSS", "Week 2", null, null).getId();
            long first = ps.createChild(s, teacher, html, "First page", "", null, null).getId();
            long second = ps.createChild(s, teacher, html, "Second page", "Exercise", null, null).getId();
            long styling = ps.createChild(s, teacher, css, "Styling", "", null, null).getId();
            ps.update(s, teacher, css, null, null, null, "workspace");
            ps.update(s, teacher, styling, null, null, null, "workspace");
            Part htmlPart = s.get(Part.class, html);
            root.assets().upload(s, module, AssetKind.ASSET, "logo.png", PNG);
            root.assets().upload(s, htmlPart, AssetKind.ASSET, "data.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
            root.assets().upload(s, htmlPart, AssetKind.TEMPLATE, "index.html",
                    "<!doctype html><title>Start</title>".getBytes(StandardCharsets.UTF_8));
            root.assets().upload(s, s.get(Part.class, styling), AssetKind.TEMPLATE, "style.css",
                    "body { color: red; }".getBytes(StandardCharsets.UTF_8));
            ps.update(s, teacher, m, null, null, """
                    # Welcome

                    ![The logo](asset:logo.png) Start with [](part:%d), then [the styles](page:%d).
                    Elsewhere: [another module](part:%d).
                    """.formatted(html, styling, elsewhere), null);
            ps.update(s, teacher, first, null, null, """
                    Some code:

                    ```html filename="index.html" linenos
                    <p>See [](part:%d) in a code block: not a reference.</p>
                    ```

                    Inline `[](part:%d)` stays too. Next: [](page:%d). Data: [the data](asset:data.csv).

                    ```show-hide title="Solution"
                    The answer is in [the second page](page:%d).
                    ```

                    ```video title="Intro"
                    https://www.youtube.com/watch?v=dQw4w9WgXcQ
                    ```

                    ```quiz key="html-basics"
                    ? What does HTML stand for?
                    - [x] HyperText Markup Language
                    - [ ] High Tech Modern Language
                    ```
                    """.formatted(html, html, second, second), null);
            ps.update(s, teacher, second, null, null, """
                    ```quiz
                    ? Which are inline?
                    - [x] `<span>`
                    - [ ] `<div>`
                    ```

                    Back to [](part:%d); and a gone one: [](part:999999).
                    """.formatted(first), null);
            ps.setStatus(s, teacher, m, "available");
            ps.setStatus(s, teacher, html, "available");
            ps.setStatus(s, teacher, first, "available");
            Instant now = Instant.now();
            s.persist(new TimedTask(s.get(Part.class, css), "change-status", TaskOptions.write(Map.of("status", "available")),
                    TimedTaskStatus.SCHEDULED, at(FIRST_YEAR.plusDays(7), 9, 0), teacher.id(), now));
            s.persist(new TimedTask(s.get(Part.class, second), "email-members", TaskOptions.write(Map.of("roles",
                    "student", "subject", "Solutions", "body", "They are online.")), TimedTaskStatus.DRAFT,
                    at(FIRST_YEAR.plusDays(14), 18, 30), teacher.id(), now));
            TimedTask cancelled = new TimedTask(s.get(Part.class, first), "change-status",
                    TaskOptions.write(Map.of("status", "unavailable")), TimedTaskStatus.CANCELLED,
                    at(FIRST_YEAR.plusDays(3), 8, 0), teacher.id(), now);
            s.persist(cancelled);
            return new Course(m, html, css, first, second, styling, elsewhere);
        });
    }

    Instant at(LocalDate date, int hour, int minute) {
        return LocalDateTime.of(date, java.time.LocalTime.of(hour, minute)).atZone(zone).toInstant();
    }

    byte[] export(long partId, LocalDate referenceDate) throws IOException {
        ExchangeService.Export export = root.exchange().export(teacher, partId, referenceDate);
        try {
            return Files.readAllBytes(export.file());
        } finally {
            Files.deleteIfExists(export.file());
        }
    }

    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    static JsonNode manifest(byte[] zip) throws IOException {
        return JSON.readTree(entries(zip).get(ExportManifest.NAME));
    }

    ImportReport importZip(byte[] zip, Long parent, LocalDate date) {
        return root.exchange().importFile(new ByteArrayInputStream(zip), teacher, parent, date);
    }

    // ------------------------------------------------------------------ export

    @Test
    void theExportHoldsTheTreeTheFilesTheQuizKeysAndTheReferencesInsideAndOut() throws Exception {
        Course c = course();
        byte[] zip = export(c.module(), FIRST_YEAR);
        Map<String, byte[]> entries = entries(zip);
        assertEquals(List.of("files/1-web-basics/assets/logo.png", "files/2-html/assets/data.csv",
                "files/2-html/templates/index.html", "files/6-styling/templates/style.css", "wte-export.json"),
                new ArrayList<>(entries.keySet()));
        assertTrue(java.util.Arrays.equals(PNG, entries.get("files/1-web-basics/assets/logo.png")));
        JsonNode m = JSON.readTree(entries.get("wte-export.json"));
        assertEquals("wte-export", m.get("format").asText());
        assertEquals(1, m.get("version").asInt());
        assertEquals("2025-09-01", m.get("referenceDate").asText());
        JsonNode module = m.get("root");
        assertEquals("module", module.get("type").asText());
        assertEquals("Course", module.get("label").asText());
        assertEquals("available", module.get("status").asText());
        // Refs in tree order: module 1, HTML 2, first 3, second 4, CSS 5, styling 6.
        assertTrue(module.get("content").asText().contains("Start with [](part:2), then [the styles](page:6)."),
                module.get("content").asText());
        assertTrue(module.get("content").asText().contains("[another module](part:external)"));
        JsonNode first = module.get("children").get(0).get("children").get(0);
        String text = first.get("content").asText();
        assertTrue(text.contains("<p>See [](part:" + c.html() + ") in a code block"), "code blocks stay: " + text);
        assertTrue(text.contains("Inline `[](part:" + c.html() + ")` stays"), text);
        assertTrue(text.contains("Next: [](page:4)"), text);
        assertTrue(text.contains("The answer is in [the second page](page:4)."), "show-hide holds Markdown: " + text);
        assertEquals("[\"html-basics\"]", first.get("quizzes").toString());
        assertEquals("[\"quiz-1\"]", module.get("children").get(0).get("children").get(1).get("quizzes").toString());
        JsonNode css = module.get("children").get(1);
        assertEquals("workspace", css.get("displayMode").asText());
        assertEquals(1, css.get("order").asInt());
        JsonNode action = css.get("timedActions").get(0);
        assertEquals("change-status", action.get("type").asText());
        assertEquals("available", action.get("options").get("status").asText());
        assertEquals(7 * 86400 + 9 * 3600, action.get("offsetSeconds").asLong());
        assertEquals(0, first.get("timedActions").size(), "a cancelled action is not exported");
        assertEquals(2, m.get("externalReferences").size(), m.get("externalReferences").toString());
        assertEquals("Web Basics", m.get("externalReferences").get(0).get("title").asText());
        assertEquals("4", m.get("externalReferences").get(1).get("node").asText());

        assertEquals(FIRST_YEAR.plusDays(7), root.database().inTransaction(s -> root.exchange().exporter()
                .defaultReferenceDate(s, s.get(Part.class, c.first()))), "the module's first due action, not a cancelled one");
        JsonNode withoutActions = manifest(export(c.module(), null));
        assertTrue(withoutActions.get("referenceDate").isNull());
        assertEquals(0, withoutActions.get("root").get("children").get(1).get("timedActions").size());
    }

    @Test
    void theDownloadsNameIsSafeWhateverTheTitle() {
        Part odd = new Part(null, PartType.MODULE, "\u00c9l\u00e8ve \"1\"/../\r\nSet-Cookie: x", PartStatus.AVAILABLE,
                Instant.now());
        assertEquals("eleve-1-set-cookie-x.wte.zip", Exporter.fileName(odd));
        assertEquals("untitled.wte.zip", Exporter.fileName(new Part(null, PartType.MODULE, "\u65e5\u672c",
                PartStatus.AVAILABLE, Instant.now())));
    }

    @Test
    void onlyEditorsExport() {
        Course c = course();
        root.database().run(s -> s.persist(new org.wte.enrolment.ModuleRole(s.get(Part.class, c.module()),
                s.get(User.class, other.id()), Role.STUDENT, Instant.now())));
        assertThrows(ForbiddenException.class, () -> root.exchange().export(other, c.module(), null));
        assertThrows(jakarta.ws.rs.NotFoundException.class, () -> root.exchange().export(other, c.elsewhere(), null));
    }

    // ------------------------------------------------------------------ the round trip

    @Test
    void exportImportExportGivesTheSameManifestButForIdsStatusesAndDates() throws Exception {
        Course c = course();
        byte[] first = export(c.module(), FIRST_YEAR);
        Map<String, Long> before = counts();
        ImportReport report = importZip(first, null, NEXT_YEAR);
        Map<String, Long> after = counts();
        assertEquals(before.get("part") + 6, after.get("part"));
        assertEquals(before.get("asset") + 4, after.get("asset"));
        assertEquals(before.get("quiz") + 2, after.get("quiz"));
        assertEquals(before.get("timed_task") + 2, after.get("timed_task"));
        assertEquals(6, report.parts());
        assertEquals(4, report.files());
        assertEquals(2, report.quizzes());
        assertEquals(2, report.timedActions());
        assertEquals(3, report.unavailable().size(), report.unavailable().toString());
        assertTrue(report.unavailable().get(0).contains("The module \u201cWeb Basics\u201d was available"));
        assertEquals(2, report.brokenReferences().size(), report.brokenReferences().toString());
        assertTrue(report.brokenReferences().get(0).startsWith("The module \u201cWeb Basics\u201d, line 4:"),
                report.brokenReferences().get(0));
        assertTrue(report.markup().isEmpty(), report.markup().toString());

        long copy = report.rootId();
        assertNotEquals(c.module(), copy);
        root.database().run(s -> {
            Part module = s.get(Part.class, copy);
            assertEquals(PartStatus.UNAVAILABLE, module.getStatus());
            List<Long> subtree = root.parts().subtree(s, module);
            for (Long id : subtree) {
                assertEquals(PartStatus.UNAVAILABLE, s.get(Part.class, id).getStatus());
            }
            assertEquals(Role.OWNER, s.createQuery("select r.role from ModuleRole r where r.module.id = :m and "
                    + "r.user.id = :u", Role.class).setParameter("m", copy).setParameter("u", teacher.id())
                    .getSingleResult());
            List<Part> parts = root.parts().children(s, module);
            Part html = parts.get(0);
            Part css = parts.get(1);
            assertEquals(DisplayMode.WORKSPACE, css.getDisplayMode());
            Part styling = root.parts().children(s, css).get(0);
            assertTrue(module.getContent().contains("Start with [](part:" + html.getId() + "), then [the styles](page:"
                    + styling.getId() + ")."), module.getContent());
            assertTrue(module.getCompiled().contains("data-wte-part=\"" + html.getId() + "\""), module.getCompiled());
            assertTrue(module.getCompiled().contains("wte-asset-image"), "the asset resolves: " + module.getCompiled());
            Part firstPage = root.parts().children(s, html).get(0);
            assertEquals(List.of("html-basics"), new QuizStore().quizzes(s, firstPage).stream()
                    .map(org.wte.quiz.Quiz::getKey).toList());
            Asset logo = root.assets().byName(s, module, AssetKind.ASSET, "logo.png").orElseThrow();
            assertTrue(java.util.Arrays.equals(PNG, root.assets().content(s, logo)));
            TimedTask action = s.createQuery("from TimedTask t where t.part = :p", TimedTask.class)
                    .setParameter("p", css).getSingleResult();
            assertEquals(at(NEXT_YEAR.plusDays(7), 9, 0), action.getDueAt());
            assertEquals(TimedTaskStatus.SCHEDULED, action.getStatus());
        });

        byte[] second = export(copy, NEXT_YEAR);
        assertEquals(normalised(manifest(first)), normalised(manifest(second)));
        assertEquals(entries(first).keySet(), entries(second).keySet());
        Map<String, byte[]> a = entries(first);
        Map<String, byte[]> b = entries(second);
        for (String name : a.keySet()) {
            if (!name.equals(ExportManifest.NAME)) {
                assertTrue(java.util.Arrays.equals(a.get(name), b.get(name)), name);
            }
        }
    }

    /** The manifest without what must differ: the export's time, the reference date, the statuses. */
    static JsonNode normalised(JsonNode manifest) {
        ObjectNode copy = manifest.deepCopy();
        copy.remove("exportedAt");
        copy.remove("referenceDate");
        dropStatus(copy.get("root"));
        return copy;
    }

    private static void dropStatus(JsonNode node) {
        ((ObjectNode) node).remove("status");
        for (Iterator<JsonNode> it = node.get("children").elements(); it.hasNext(); ) {
            dropStatus(it.next());
        }
    }

    @Test
    void withoutANewReferenceDateTheTimedActionsAreDroppedAndReported() throws Exception {
        Course c = course();
        byte[] zip = export(c.module(), FIRST_YEAR);
        long tasks = counts().get("timed_task");
        ImportReport report = importZip(zip, null, null);
        assertEquals(tasks, counts().get("timed_task"));
        assertEquals(0, report.timedActions());
        assertEquals("2 timed actions were not created: no new reference date was given.", report.actions().get(0));
    }

    @Test
    void actionsWhoseTimeHasPassedAreKeptAsDrafts() throws Exception {
        Course c = course();
        ImportReport report = importZip(export(c.module(), FIRST_YEAR), null, LocalDate.of(2020, 1, 6));
        assertEquals(2, report.timedActions());
        assertTrue(report.actions().stream().allMatch(a -> a.contains("which has passed: it is kept as a draft")),
                report.actions().toString());
        assertEquals(Long.valueOf(2), root.database().inTransaction(s -> s.createQuery("select count(t) from TimedTask t where "
                + "t.status = :d and t.part.id in (:ids)", Long.class).setParameter("d", TimedTaskStatus.DRAFT)
                .setParameterList("ids", root.parts().subtree(s, s.get(Part.class, report.rootId()))).uniqueResult()));
    }

    @Test
    void aPartGoesIntoAModuleAndAPageIntoAPartAtTheEnd() throws Exception {
        Course c = course();
        ImportReport part = importZip(export(c.html(), null), c.module(), null);
        ImportReport page = importZip(export(c.first(), null), c.css(), null);
        root.database().run(s -> {
            List<Part> parts = root.parts().children(s, s.get(Part.class, c.module()));
            assertEquals(List.of("HTML", "CSS", "HTML"), parts.stream().map(Part::getTitle).toList());
            assertEquals(part.rootId(), parts.get(2).getId());
            assertEquals(3, root.parts().subtree(s, parts.get(2)).size());
            List<Part> pages = root.parts().children(s, s.get(Part.class, c.css()));
            assertEquals(page.rootId(), pages.get(pages.size() - 1).getId());
            assertEquals(PartType.PAGE, pages.get(pages.size() - 1).getType());
        });
        // The page's reference to its sibling (not in the file) is broken, and said so.
        assertEquals(2, page.brokenReferences().size(), page.brokenReferences().toString());
        assertTrue(page.brokenReferences().get(0).startsWith("The page \u201cFirst page\u201d, line 7: a reference to a "
                + "part outside the exported content"), page.brokenReferences().get(0));
    }

    // ------------------------------------------------------------------ the wrong place, the wrong user

    /**
     * The original Python WTE's export, through the same importer: its reStructuredText arrives as WTE Markdown
     * that compiles without problems, its cross-reference points at the new page, its quiz is registered (with
     * no answer in the page), its files and template are stored, and what could not be converted is reported.
     */
    @Test
    void anExportOfTheOriginalWteIsImportedWithItsContentConverted() throws Exception {
        byte[] zip = Files.readAllBytes(java.nio.file.Path.of("src/test/resources/exchange/original/web-design-1.2.zip"));
        ImportReport report = importZip(zip, null, null);
        assertEquals("Web Design", report.rootTitle());
        assertEquals("module", report.rootType());
        assertEquals(5, report.parts(), "module, part and three pages");
        assertEquals(1, report.quizzes());
        assertTrue(report.converted().stream().anyMatch(c -> c.contains("Leftovers") && c.contains("raw")),
                report.converted().toString());
        assertTrue(report.markup().isEmpty(), "the converted Markdown compiles cleanly: " + report.markup());
        root.database().run(s -> {
            Part module = s.get(Part.class, report.rootId());
            List<Part> parts = root.parts().children(s, module);
            assertEquals(1, parts.size());
            Part part = parts.get(0);
            assertEquals(DisplayMode.WORKSPACE, part.getDisplayMode(), "three_pane_html is the workspace");
            List<Part> pages = root.parts().children(s, part);
            assertEquals(List.of("Elements", "Practice", "Leftovers"), pages.stream().map(Part::getTitle).toList());
            for (Part p : List.of(module, part, pages.get(0), pages.get(1), pages.get(2))) {
                assertEquals(PartStatus.UNAVAILABLE, p.getStatus(), p.getTitle() + " waits for its teacher");
            }
            Part elements = pages.get(0);
            Part practice = pages.get(1);
            assertTrue(elements.getContent().contains("[Practice](part:" + practice.getId() + ")"), elements.getContent());
            assertTrue(elements.getCompiled().contains("data-wte-part=\"" + practice.getId() + "\""), elements.getCompiled());
            assertTrue(elements.getCompiled().contains("<h2"), "the sections are headings: " + elements.getCompiled());
            assertTrue(elements.getCompiled().contains("index.html"), "the code block keeps its file name");
            assertEquals(1, new org.wte.quiz.QuizStore().quizzes(s, practice).size(), "the quiz is registered");
            assertTrue(practice.getCompiled().contains("What does HTML stand for?"), practice.getCompiled());
            assertFalse(practice.getCompiled().contains("[x]"), "no answer in the page");
            List<String> files = s.createQuery("select a.kind || ':' || a.filename from Asset a order by a.filename",
                    String.class).list();
            assertEquals(List.of("ASSET:banner.png", "ASSET:data.csv", "TEMPLATE:index.html", "ASSET:logo.png"), files);
        });
    }

    @Test
    void aFileThatDoesNotFitThePlaceIsRefusedWithAClearMessage() throws Exception {
        Course c = course();
        byte[] page = export(c.first(), null);
        byte[] part = export(c.html(), null);
        byte[] module = export(c.module(), null);
        Map<String, Long> before = counts();
        assertProblem("This file holds a page: a page can only be imported into a part.", page, c.module());
        assertProblem("This file holds a page: a page can only be imported into a part.", page, null);
        assertProblem("This file holds a part: a part can only be imported into a module.", part, c.html());
        assertProblem("This file holds a part: a part can only be imported into a module.", part, null);
        assertProblem("This file holds a whole module: a module can only be imported as a new module, from the "
                + "modules page.", module, c.module());
        assertEquals(before, counts());
        assertThrows(ForbiddenException.class, () -> root.exchange().importFile(new ByteArrayInputStream(module),
                other, null, null));
        assertThrows(ForbiddenException.class, () -> root.exchange().importFile(
                new ByteArrayInputStream(part), other, c.module(), null));
        assertEquals(before, counts());
    }

    void assertProblem(String message, byte[] zip, Long parent) {
        ImportProblem p = assertThrows(ImportProblem.class, () -> importZip(zip, parent, null));
        assertEquals(message, p.getMessage());
    }

    // ------------------------------------------------------------------ one transaction

    @Test
    void anImportThatFailsHalfWayLeavesNothingBehind() throws Exception {
        Course c = course();
        byte[] zip = export(c.module(), FIRST_YEAR);
        Map<String, Long> before = counts();
        // The owner does not exist: the parts, files, quizzes and actions are written, then the role fails.
        assertThrows(RuntimeException.class, () -> root.exchange().importFile(new ByteArrayInputStream(zip),
                987_654_321L, null, NEXT_YEAR, Importer.Progress.NONE));
        assertEquals(before, counts());
    }

    // ------------------------------------------------------------------ hostile ZIPs

    @Test
    void hostileZipsAreRefusedWithTheirReasonAndChangeNothing() throws Exception {
        course();
        Map<String, Long> before = counts();
        String ok = Zips.manifest("module", "");
        hostile("This ZIP is not a WTE export: it has neither wte-export.json nor content.json.",
                Zips.of(Zips.map("readme.txt", "hello")));
        hostile("This file is not a ZIP archive, or it is damaged: it cannot be read.",
                "not a zip at all".getBytes(StandardCharsets.UTF_8));
        hostile("The entry \u201c../evil.txt\u201d leads out of the archive (\u201c..\u201d in its path): it cannot be "
                + "imported.", Zips.of(Zips.map("wte-export.json", ok, "../evil.txt", "x")));
        hostile("The entry \u201cfiles/a/../../evil.txt\u201d leads out of the archive (\u201c..\u201d in its path): "
                + "it cannot be imported.", Zips.of(Zips.map("wte-export.json", ok, "files/a/../../evil.txt", "x")));
        for (String absolute : List.of("/etc/passwd", "C:\\Windows\\evil.txt", "c:/evil.txt", "\\\\server\\share\\x")) {
            // A name written on Windows (FAT) has its backslashes read as the separators they are.
            hostile("The entry \u201c" + absolute.replace('\\', '/') + "\u201d has an absolute path: it cannot be "
                    + "imported.", Zips.raw(Zips.map("wte-export.json", ok, absolute, "x")));
        }
        hostile("The entry \u201cfiles/link\u201d is a symbolic link: links cannot be imported.",
                new Zips().add("wte-export.json", ok).link("files/link", "/etc/passwd").bytes());
        hostile("This ZIP has two entries named \u201cwte-export.json\u201d: it cannot be imported.",
                new Zips().add("wte-export.json", ok).add("wte-export.json", Zips.manifest("part", "")).bytes());
        Zips many = new Zips().add("wte-export.json", ok);
        for (int i = 0; i < 10_000; i++) {
            many.add("files/" + i, "");
        }
        hostile("This ZIP has too many entries: at most 10000 can be imported.", many.bytes());
        // A bomb: 20 MB of zeros in one file that the manifest names.
        byte[] zeros = new byte[20 << 20];
        hostile("The entry \u201cfiles/1-x/assets/zeros.bin\u201d expands to more than 100 times its compressed size: "
                + "this looks like a ZIP bomb, and it is not imported.", new Zips().add("wte-export.json",
                Zips.manifest("module", file("zeros.bin", "files/1-x/assets/zeros.bin")))
                .add("files/1-x/assets/zeros.bin", zeros).bytes());
        // Many entries, each under the floor, that add up to a bomb.
        StringBuilder files = new StringBuilder();
        Zips spread = new Zips();
        byte[] almostMb = new byte[900 << 10];
        for (int i = 0; i < 40; i++) {
            files.append(i == 0 ? "" : ",").append(file("z" + i + ".txt", "files/z" + i));
            spread.add("files/z" + i, almostMb);
        }
        byte[] spreadZip = spread.add("wte-export.json", Zips.manifest("module", files.toString())).bytes();
        ImportProblem total = assertThrows(ImportProblem.class, () -> importZip(spreadZip, null, null));
        assertTrue(total.getMessage().contains("looks like a ZIP bomb"), total.getMessage());
        assertEquals(before, counts());
    }

    @Test
    void brokenManifestsAreRefusedWithWhatIsWrong() throws Exception {
        course();
        Map<String, Long> before = counts();
        hostile("wte-export.json is not valid JSON (line 1, column 2): Unexpected character ('n' (code 110)): was "
                + "expecting double-quote to start field name", manifestZip("{not json"));
        hostile("This file is a WTE export of format version 2, which this WTE cannot read (it reads version 1).",
                manifestZip(Zips.manifest("module", "").replace("\"version\": 1", "\"version\": 2")));
        hostile("wte-export.json names the format \u201cmoodle\u201d: this WTE reads only \u201cwte-export\u201d, version 1.",
                manifestZip(Zips.manifest("module", "").replace("\"wte-export\"", "\"moodle\"")));
        hostile("wte-export.json does not say its format version (\u201cversion\u201d must be a whole number).",
                manifestZip(Zips.manifest("module", "").replace("\"version\": 1", "\"version\": \"1\"")));
        hostile("wte-export.json has no \u201croot\u201d object: there is nothing to import.",
                manifestZip("{\"format\": \"wte-export\", \"version\": 1}"));
        hostile("wte-export.json: the node with ref 1 lacks \u201ctitle\u201d.",
                manifestZip(Zips.manifest("module", "").replace("\"title\": \"Imported module\",", "")));
        hostile("wte-export.json: \u201corder\u201d of the module \u201cImported module\u201d (ref 1) must be a whole "
                + "number, 0 or more.", manifestZip(Zips.manifest("module", "").replace("\"order\": 0", "\"order\": \"first\"")));
        hostile("wte-export.json: \u201ctype\u201d of the node with ref 1 is \u201cchapter\u201d; it must be one of "
                + "module, page, part.", manifestZip(Zips.manifest("chapter", "")));
        String pageInModule = Zips.manifest("module", "").replace("\"children\": []",
                "\"children\": [" + node("2", "page", "[]") + "]");
        hostile("wte-export.json: the node with ref 2 is a page inside a module; a module can only hold parts.",
                manifestZip(pageInModule));
        String tooDeep = Zips.manifest("part", "").replace("\"children\": []",
                "\"children\": [" + node("2", "page", "[" + node("3", "page", "[]") + "]") + "]");
        hostile("wte-export.json: the node with ref 3 is a page inside a page; a page can only hold nothing.",
                manifestZip(tooDeep));
        String twice = Zips.manifest("module", "").replace("\"children\": []",
                "\"children\": [" + node("1", "part", "[]") + "]");
        hostile("wte-export.json: two nodes have the ref 1.", manifestZip(twice));
        hostile("The manifest names the file \u201cfiles/1-x/assets/gone.png\u201d (gone.png of \u201cImported "
                + "module\u201d), which is not in the ZIP.",
                manifestZip(Zips.manifest("module", file("gone.png", "files/1-x/assets/gone.png"))));
        hostile("content.json: the part at the top has no type",
                Zips.of(Zips.map("content.json", "{}")));
        assertEquals(before, counts());
    }

    static String node(String ref, String type, String children) {
        return """
                {"ref": "%s", "type": "%s", "title": "T%s", "label": "", "order": 0, "status": "available",
                 "displayMode": "text", "content": "", "files": [], "timedActions": [], "children": %s}
                """.formatted(ref, type, ref, children);
    }

    static String file(String name, String entry) {
        return "{\"kind\": \"asset\", \"filename\": \"" + name + "\", \"mimeType\": \"application/octet-stream\", "
                + "\"order\": 0, \"entry\": \"" + entry + "\"}";
    }

    static byte[] manifestZip(String manifest) {
        return Zips.of(Zips.map("wte-export.json", manifest));
    }

    @Test
    void aFileOverTheImportLimitIsRefusedWhileItIsRead() throws Exception {
        ExchangeService small = new ExchangeService(root.database(), root.partService(),
                root.exchange().exporter(), new Importer(root.parts(), root.partService(), root.assets(),
                TimedTaskTypes.standard(), zone), 4096);
        Map<String, Long> before = counts();
        byte[] big = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(big);
        byte[] zip = new Zips().add("wte-export.json", Zips.manifest("module", "")).add("files/big", big).bytes();
        int[] read = {0};
        InputStream counting = new ByteArrayInputStream(zip) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                read[0] += Math.max(n, 0);
                return n;
            }
        };
        ImportProblem p = assertThrows(ImportProblem.class, () -> small.importFile(counting, teacher, null, null));
        assertEquals("This file is too large to import: at most 4 KB ([uploads] max_import_size).", p.getMessage());
        assertTrue(read[0] < zip.length, "it stopped reading at the limit: " + read[0] + " of " + zip.length);
        assertEquals(before, counts());
    }

    void hostile(String message, byte[] zip) {
        Map<String, Long> before = counts();
        ImportProblem p = assertThrows(ImportProblem.class, () -> importZip(zip, null, null));
        assertEquals(message, p.getMessage());
        assertEquals(before, counts(), "nothing changed for: " + message);
    }

    /** Rows of the tables an import writes. */
    Map<String, Long> counts() {
        return root.database().inTransaction(s -> {
            Map<String, Long> counts = new TreeMap<>();
            for (String table : List.of("part", "asset", "quiz", "quiz_question", "timed_task", "module_role")) {
                counts.put(table, ((Number) s.createNativeQuery("select count(*) from " + table, Object.class)
                        .getSingleResult()).longValue());
            }
            return counts;
        });
    }

    @Test
    void aFileTheAssetRulesRefuseIsReportedAndTheRestImported() throws Exception {
        String files = file("notes.txt", "files/a") + "," + file("notes.txt", "files/b") + ","
                + "{\"kind\": \"asset\", \"filename\": \"fake.png\", \"mimeType\": \"image/png\", \"order\": 3, "
                + "\"entry\": \"files/c\"}";
        byte[] zip = new Zips().add("wte-export.json", Zips.manifest("module", files)).add("files/a", "one")
                .add("files/b", "two").add("files/c", "this is no PNG").bytes();
        ImportReport report = importZip(zip, null, null);
        assertEquals(2, report.files());
        assertEquals(2, report.fileChanges().size(), report.fileChanges().toString());
        assertTrue(report.fileChanges().get(0).startsWith("Renamed \u201cnotes.txt\u201d to \u201cnotes-1.txt\u201d"),
                report.fileChanges().get(0));
        assertTrue(report.fileChanges().get(1).startsWith("Refused \u201cfake.png\u201d"), report.fileChanges().get(1));
        assertFalse(report.clean());
    }
}
