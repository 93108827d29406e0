package org.wte.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.account.PasswordHasher;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.asset.AssetKind;
import org.wte.content.Part;
import org.wte.testing.Browser;
import org.wte.testing.Chromium;
import org.wte.testing.Multipart;
import org.wte.testing.TestServer;
import org.wte.web.CurrentUser;

/**
 * The export and import pages on embedded Tomcat at /wte: the editor bar's Export link, the export form and its
 * download, the import form without JavaScript (upload, redirect, the report at its own address), files that do
 * not fit the place or are hostile (the form again with the reason, nothing imported), a file over
 * [uploads] max_import_size (413 before it is read), and in Chromium the import with its progress bar ending on
 * the report, screenshot at 1366×768.
 */
class ExchangeIT {
    static final String PASSWORD = "a long enough password";
    static final ObjectMapper JSON = new ObjectMapper();

    static TestServer server;
    static long module;
    static long part;
    static long page;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("/wte", 0, "[uploads]\nmax_import_size = 1M");
        String hash = new PasswordHasher().hash(PASSWORD);
        long[] ids = server.root().database().inTransaction(s -> {
            User teacher = new User("teacher@example.org", "Tess Teacher", UserStatus.ACTIVE, Instant.now());
            teacher.setPasswordHash(hash);
            teacher.getGroups().add(server.root().users().group(s, "teacher"));
            s.persist(teacher);
            User student = new User("student@example.org", "Sam Student", UserStatus.ACTIVE, Instant.now());
            student.setPasswordHash(hash);
            s.persist(student);
            return new long[] {teacher.getId()};
        });
        CurrentUser teacher = new CurrentUser(ids[0], "teacher@example.org", "Tess Teacher", java.util.Set.of("modules.create"),
                false, false, false);
        var ps = server.root().partService();
        server.root().database().run(s -> {
            Part m = ps.createModule(s, teacher, "Web Course", "Course");
            Part p = ps.createChild(s, teacher, m.getId(), "HTML", "Week 1", null, null);
            Part g = ps.createChild(s, teacher, p.getId(), "Forms", "", null, null);
            server.root().assets().upload(s, p, AssetKind.ASSET, "form.txt", "name=value".getBytes(StandardCharsets.UTF_8));
            ps.update(s, teacher, m.getId(), null, null, "Start with [](part:" + p.getId() + "). See also "
                    + "[the other course](part:999999).", null);
            ps.update(s, teacher, g.getId(), null, null, """
                    Read [the form data](asset:form.txt).

                    ```quiz
                    ? Which element makes a form?
                    - [x] `<form>`
                    - [ ] `<from>`
                    ```
                    """, null);
            ps.setStatus(s, teacher, m.getId(), "available");
            module = m.getId();
            part = p.getId();
            page = g.getId();
        });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Browser login(String email) throws Exception {
        Browser b = new Browser();
        Browser.Page login = b.open(server.url("/account/login"));
        assertEquals(303, b.submit(login, "form[action$=/account/login]", Map.of("email", email, "password", PASSWORD))
                .status());
        return b;
    }

    long modules() {
        return server.root().database().inTransaction(s -> s.createQuery("select count(p) from Part p", Long.class)
                .getSingleResult());
    }

    byte[] exportZip(Browser b, long id, Map<String, String> fields) throws Exception {
        Browser.Page form = b.open(server.url("/parts/" + id + "/export"));
        Element f = form.doc().selectFirst("form.export-form");
        assertNotNull(f, form.body());
        Map<String, String> values = new java.util.LinkedHashMap<>(fields);
        values.put("_csrf", f.selectFirst("input[name=_csrf]").val());
        Browser.Download d = b.download(HttpRequest.newBuilder(java.net.URI.create(f.absUrl("action")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(values))));
        assertEquals(200, d.status(), d.text());
        return d.body();
    }

    @Test
    void theOwnerExportsThroughTheEditorBarAndTheForm() throws Exception {
        Browser owner = login("teacher@example.org");
        Browser.Page modulePage = owner.open(server.url("/parts/" + module));
        Element link = modulePage.doc().selectFirst(".editor-bar a[href=/wte/parts/" + module + "/export]");
        assertNotNull(link, "the editor bar links to the export");
        assertNotNull(modulePage.doc().selectFirst(".editor-bar a[href=/wte/imports/new?into=" + module + "]"));
        assertTrue(owner.open(server.url("/parts/" + page)).doc().select(".editor-bar a[href*=/imports/]").isEmpty(),
                "a page holds nothing to import into");

        Browser.Page form = owner.open(server.url("/parts/" + module + "/export"));
        assertEquals("Export Web Course", form.doc().selectFirst("h1").text());
        assertEquals(java.time.LocalDate.now(server.settings().app().timezone()).toString(),
                form.doc().selectFirst("#f-reference_date").val(), "no timed action: today");
        assertNotNull(form.doc().selectFirst("label[for=f-include_actions]"));

        Browser.Download d = owner.download(HttpRequest.newBuilder(java.net.URI.create(server.url("/parts/" + module
                        + "/export"))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(Map.of("_csrf",
                        form.doc().selectFirst("input[name=_csrf]").val())))));
        assertEquals(200, d.status());
        assertEquals("application/zip", d.header("content-type"));
        assertEquals("attachment; filename=\"web-course.wte.zip\"", d.header("content-disposition"));
        JsonNode manifest = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(d.body()))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("wte-export.json")) {
                    manifest = JSON.readTree(zip.readAllBytes());
                }
            }
        }
        assertNotNull(manifest);
        assertEquals("Web Course", manifest.get("root").get("title").asText());

        Browser.Page bad = owner.post(server.url("/parts/" + module + "/export"), Map.of("_csrf",
                form.doc().selectFirst("input[name=_csrf]").val(), "include_actions", "yes", "reference_date", "soon"));
        assertEquals(400, bad.status());
        assertEquals("Enter the reference date as a date, such as 2026-09-07.",
                bad.doc().selectFirst("#f-reference_date-error").text());

        Browser student = login("student@example.org");
        assertEquals(403, student.get(server.url("/parts/" + module + "/export")).status());
    }

    @Test
    void aTeacherImportsAModuleWithoutJavaScriptAndReadsTheReport() throws Exception {
        Browser owner = login("teacher@example.org");
        byte[] zip = exportZip(owner, module, Map.of());
        Browser.Page modules = owner.open(server.url("/modules?view=mine"));
        assertNotNull(modules.doc().selectFirst("a[href=/wte/imports/new]"), "the modules page offers the import");
        Browser.Page form = owner.open(server.url("/imports/new"));
        assertEquals("Import a module", form.doc().selectFirst("h1").text());
        Element f = form.doc().selectFirst("form.import-form");
        assertEquals("multipart/form-data", f.attr("enctype"));
        assertTrue(f.attr("action").startsWith("/wte/imports?_csrf="), f.attr("action"));
        assertNotNull(form.doc().selectFirst("progress"), "the progress bar is in the page (hidden until used)");

        long before = modules();
        Browser.Page posted = owner.send(new Multipart().file("file", "web-course.wte.zip", "application/zip", zip)
                .field("reference_date", "").post(f.absUrl("action")));
        assertEquals(303, posted.status(), posted.body());
        assertTrue(posted.location().matches(".*/wte/imports/[0-9a-f]{24}"), posted.location());
        Browser.Page report = owner.open(server.url(posted.location().substring(posted.location().indexOf("/imports/"))));
        assertEquals(200, report.status());
        assertEquals("Import report", report.doc().selectFirst("h1").text());
        assertTrue(report.doc().selectFirst(".import-summary").text().startsWith("Imported the module Web Course: "
                + "3 items (the module and everything in it), 1 file, 1 quiz, 0 timed actions."), report.doc().selectFirst(".import-summary").text());
        assertEquals(1, report.doc().select("#report-broken + ul li").size(), report.body());
        assertTrue(report.doc().select("#report-unavailable + ul li").text().contains("The module “Web Course” was available"));
        assertEquals(before + 3, modules());
        Browser.Page again = owner.open(report.url());
        assertEquals(200, again.status());
        assertEquals(report.doc().selectFirst(".import-summary").text(), again.doc().selectFirst(".import-summary").text(),
                "reloading the report shows it again");
        assertEquals(before + 3, modules(), "and imports nothing again");
        Element open = report.doc().selectFirst("main a.button");
        assertTrue(open.attr("href").startsWith("/wte/parts/"), open.attr("href"));
        assertEquals(200, owner.get(server.url(open.attr("href").substring("/wte".length()))).status());

        Browser student = login("student@example.org");
        assertEquals(404, student.get(report.url()).status(), "a report is its importer's only");
    }

    @Test
    void aFileThatDoesNotFitOrIsHostileShowsTheFormAgainWithTheReason() throws Exception {
        Browser owner = login("teacher@example.org");
        byte[] partZip = exportZip(owner, part, Map.of());
        Browser.Page form = owner.open(server.url("/imports/new?into=" + part));
        assertEquals("Import into HTML", form.doc().selectFirst("h1").text());
        String action = form.doc().selectFirst("form.import-form").absUrl("action");
        long before = modules();
        Browser.Page wrong = owner.send(new Multipart().file("file", "html.wte.zip", "application/zip", partZip)
                .post(action));
        assertEquals(400, wrong.status());
        assertEquals("This file holds a part: a part can only be imported into a module.",
                wrong.doc().selectFirst("#f-file-error").text());

        byte[] traversal = Zips.of(Zips.map("wte-export.json", Zips.manifest("page", ""), "../../etc/cron.d/x", "x"));
        Browser.Page hostile = owner.send(new Multipart().file("file", "evil.zip", "application/zip", traversal)
                .post(action));
        assertEquals(400, hostile.status());
        assertEquals("The entry “../../etc/cron.d/x” leads out of the archive (“..” in its path): it cannot be imported.",
                hostile.doc().selectFirst("#f-file-error").text());

        Browser.Page none = owner.send(new Multipart().field("reference_date", "2026-13-01").post(action));
        assertEquals(400, none.status());
        assertTrue(none.doc().selectFirst("#f-reference_date-error").text().startsWith("Enter the new reference date"));

        byte[] big = new byte[2 << 20];
        new java.util.Random(1).nextBytes(big);
        Browser.Page tooLarge = owner.send(new Multipart().file("file", "big.zip", "application/zip", big).post(action));
        assertEquals(413, tooLarge.status());
        assertTrue(tooLarge.body().contains("This file is too large to import: at most"), tooLarge.body());
        assertEquals(before, modules());

        Browser.Page pageZipIntoPart = owner.send(new Multipart().file("file", "forms.wte.zip", "application/zip",
                exportZip(owner, page, Map.of())).post(action));
        assertEquals(303, pageZipIntoPart.status(), pageZipIntoPart.body());
        assertEquals(before + 1, modules());
    }

    /** A module whose import needs every kind of adjustment: references, files, actions, text, statuses. */
    static byte[] adjusted() {
        String files = ExchangeServiceTest.file("notes.txt", "files/a") + "," + ExchangeServiceTest.file("notes.txt",
                "files/b") + ",{\"kind\": \"asset\", \"filename\": \"photo.png\", \"mimeType\": \"image/png\", "
                + "\"order\": 2, \"entry\": \"files/c\"}";
        String manifest = Zips.manifest("module", files)
                .replace("\"title\": \"Imported module\"", "\"title\": \"Old Course\"")
                .replace("\"content\": \"Hello\"", "\"content\": \"Read [](part:77) and [the guide](part:external)."
                        + "\\n\\n![Plan](asset:plan.png)\"")
                .replace("\"timedActions\": []", "\"timedActions\": [{\"type\": \"change-status\", \"options\": "
                        + "{\"status\": \"available\"}, \"offsetSeconds\": 32400}, {\"type\": \"send-pigeon\", "
                        + "\"options\": {}, \"offsetSeconds\": 0}]");
        return new Zips().add("wte-export.json", manifest).add("files/a", "first").add("files/b", "second")
                .add("files/c", "not a picture").bytes();
    }

    @Test
    void inTheBrowserTheUploadShowsItsProgressAndEndsOnTheReport() throws Exception {
        Chromium.assumeInstalled(getClass().getSimpleName());
        Browser owner = login("teacher@example.org");
        Path zip = Files.createTempFile("wte-course", ".zip");
        Files.write(zip, adjusted());
        try (Chromium b = Chromium.start("exchange-import")) {
            b.open(server.url("/account/login"));
            b.type("#f-email", "teacher@example.org");
            b.type("#f-password", PASSWORD);
            b.go(b.button("main form", "Log in"));
            b.open(server.url("/imports/new"));
            // Record what the progress area shows while the request runs.
            // What the progress area says while the request runs, kept in sessionStorage across the navigation.
            b.js("sessionStorage.setItem('wteSeen', ''); new MutationObserver(function () {"
                    + " sessionStorage.setItem('wteSeen', sessionStorage.getItem('wteSeen') + '|'"
                    + " + document.querySelector('.import-status').textContent); })"
                    + ".observe(document.querySelector('.import-status'), {childList: true, characterData: true, subtree: true});");
            b.screenshot("exchange-import-form");
            b.find("#f-file").sendKeys(zip.toString());
            b.find("#f-reference_date").sendKeys("09072031");
            b.find("form.import-form button[type=submit]").click();
            b.untilPath(".*/imports/[0-9a-f]{24}");
            b.until("the report", d -> d.getTitle().startsWith("Import report") ? true : null);
            b.assertText("h1", "Import report");
            assertTrue(b.text(".import-summary").contains("Imported the module Old Course"), b.text(".import-summary"));
            for (String section : new String[] {"#report-broken", "#report-files", "#report-actions", "#report-markup",
                    "#report-unavailable"}) {
                assertTrue(b.find(section).isDisplayed(), section);
            }
            String seen = (String) b.js("return sessionStorage.getItem('wteSeen');");
            assertTrue(seen.contains("|Uploading"), "the upload's progress was shown: " + seen);
            assertTrue(seen.contains("|Processing: checking the file"), "then the processing state: " + seen);
            Number width = (Number) b.js("return document.documentElement.scrollWidth;");
            assertTrue(width.intValue() <= 1366, "no sideways scrolling at 1366 px: " + width);
            Path shot = b.screenshot("exchange-import-report");
            System.out.println("Screenshot of the import report: " + shot.toAbsolutePath());
        } finally {
            Files.deleteIfExists(zip);
        }
    }

}
