package org.wte.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.testing.Browser;
import org.wte.testing.TestServer;

/**
 * The workspace over HTTP on embedded Tomcat at /wte: the three-pane page, the JSON API (list, save and its
 * version check, limits, add, delete, reset, ZIP), that students only ever touch their own files, and the
 * tutors' read-only view from the module's users page.
 */
class WorkspaceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static WorkspaceSite site;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("/wte", 0, "[workspace]\nmax_file_size = 2K\nmax_files = 5");
        site = new WorkspaceSite(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String api(String path) {
        return server.url("/parts/" + site.part + "/workspace" + path);
    }

    private static JsonNode json(Browser.Page page) throws Exception {
        assertTrue(page.header("content-type").startsWith("application/json"), page.status() + " " + page.body());
        return JSON.readTree(page.body());
    }

    private static Browser.Page post(Browser b, String csrf, String url, Map<String, String> fields) throws Exception {
        return b.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(fields))));
    }

    private static String csrf(Browser b) throws Exception {
        return json(b.get(api("/files"))).get("csrf").asText();
    }

    @Test
    void aWorkspacePageShowsTheTextTheNavigationTheFilesPaneAndTheSandboxedPreview() throws Exception {
        Browser student = WorkspaceSite.login(server, "student");
        Browser.Page page = student.open(server.url("/parts/" + site.page));
        assertEquals(200, page.status(), page.body());
        assertTrue(page.doc().select(".ws-text article").text().contains("Write your first page."), page.body());
        assertNotNull(page.doc().selectFirst(".ws-text nav.page-nav a[rel=next][href=/wte/parts/" + site.page2 + "]"));
        Element workspace = page.doc().selectFirst("#workspace");
        assertNotNull(workspace, page.body());
        assertEquals("/wte/parts/" + site.part + "/workspace/files", workspace.attr("data-files-url"));
        Element iframe = page.doc().selectFirst("iframe#preview");
        assertEquals("allow-scripts allow-forms allow-modals", iframe.attr("sandbox"), "never allow-same-origin");
        String src = iframe.attr("src");
        assertTrue(src.startsWith("/wte/preview/") && src.endsWith("/index.html"), src);
        String token = src.substring("/wte/preview/".length(), src.lastIndexOf('/'));
        assertEquals(new PreviewLinks.Target(site.users.get("student"), site.part),
                server.root().previewLinks().verify(token).orElseThrow(), "the student's own files of the part");
        Element open = page.doc().selectFirst("a#ws-preview-open");
        assertEquals(src, open.attr("href"));
        assertEquals("_blank", open.attr("target"));
        assertEquals("noopener", open.attr("rel"));
        for (String script : new String[] {"lib/codemirror.js", "mode/htmlmixed/htmlmixed.js", "mode/css/css.js",
                "mode/javascript/javascript.js", "addon/edit/matchbrackets.js", "addon/edit/matchtags.js",
                "addon/edit/closetag.js"}) {
            Element tag = page.doc().selectFirst("script[src=/wte/webjars/codemirror/5.65.16/" + script + "]");
            assertNotNull(tag, script);
            assertEquals(200, student.download("http://localhost:" + server.port() + tag.attr("src")).status(), script);
        }
        assertEquals(200, student.download(server.url("/static/js/workspace.js")).status());

        Browser.Page text = student.open(server.url("/parts/" + site.textPage));
        assertEquals(200, text.status());
        assertTrue(text.doc().select("#workspace").isEmpty(), "a text part's page has no workspace");
        assertEquals(404, student.get(server.url("/parts/" + site.textPart + "/workspace/files")).status(),
                "nor a workspace API");
    }

    @Test
    void theFilesAreMadeFromTheTextTemplatesAndSavedWithAVersionCheck() throws Exception {
        Browser student = WorkspaceSite.login(server, "classmate");
        JsonNode listing = json(student.get(api("/files")));
        assertEquals(2, listing.get("files").size(), listing.toString());
        JsonNode index = listing.get("files").get(0);
        assertEquals("index.html", index.get("name").asText());
        assertEquals(WorkspaceSite.INDEX, index.get("content").asText());
        assertEquals(1, index.get("version").asInt());
        assertEquals("/wte/parts/" + site.part + "/workspace/files/index.html", index.get("saveUrl").asText());
        assertEquals(2048, listing.get("maxFileSize").asLong());
        String csrf = listing.get("csrf").asText();

        Browser.Page saved = post(student, csrf, api("/files/index.html"),
                Map.of("content", "<h1>Mine</h1>", "version", "1", "preview", "index.html"));
        assertEquals(200, saved.status(), saved.body());
        assertEquals(2, json(saved).get("version").asInt());
        assertTrue(json(saved).get("previewUrl").asText().matches("/wte/preview/[^/]+/index\\.html"), saved.body());

        Browser.Page stale = post(student, csrf, api("/files/index.html"), Map.of("content", "<h1>Other tab</h1>",
                "version", "1"));
        assertEquals(409, stale.status(), stale.body());
        assertEquals(2, json(stale).get("version").asInt());
        assertEquals("<h1>Mine</h1>", json(stale).get("content").asText());

        Browser.Page tooLarge = post(student, csrf, api("/files/index.html"), Map.of("content", "x".repeat(2049),
                "version", "2"));
        assertEquals(413, tooLarge.status());
        assertTrue(json(tooLarge).get("error").asText().contains("at most 2 KB"), tooLarge.body());
        assertEquals(400, post(student, csrf, api("/files/index.html"), Map.of("content", "x")).status(),
                "no version");
        assertEquals(404, post(student, csrf, api("/files/gone.html"), Map.of("content", "x", "version", "1")).status());
        assertEquals(403, student.post(api("/files/index.html"), Map.of("content", "x", "version", "2")).status(),
                "no CSRF token");
        assertEquals("<h1>Mine</h1>", json(student.get(api("/files"))).get("files").get(0).get("content").asText());
    }

    @Test
    void filesAreAddedDeletedAndResetAndTheZipHasSafeNames() throws Exception {
        Browser student = WorkspaceSite.login(server, "owner"); // an owner trying the workspace has one too
        String csrf = csrf(student);
        Browser.Page added = post(student, csrf, api("/files"), Map.of("name", "über uns.html"));
        assertEquals(201, added.status(), added.body());
        assertEquals("/wte/parts/" + site.part + "/workspace/files/%C3%BCber%20uns.html",
                json(added).get("saveUrl").asText());
        assertEquals(200, post(student, csrf, server.url(json(added).get("saveUrl").asText().substring(4)),
                Map.of("content", "<p>Über uns</p>", "version", "1")).status());
        Browser.Page bad = post(student, csrf, api("/files"), Map.of("name", "../evil.html"));
        assertEquals(400, bad.status());
        assertTrue(json(bad).get("error").asText().contains(".."), bad.body());
        assertEquals(400, post(student, csrf, api("/files"), Map.of("name", "INDEX.html")).status(), "case-insensitive");

        assertEquals(200, post(student, csrf, api("/files/style.css"), Map.of("content", "h1{}", "version", "1")).status());
        Browser.Page reset = post(student, csrf, api("/files/style.css/reset"), Map.of());
        assertEquals(200, reset.status(), reset.body());
        assertEquals(WorkspaceSite.STYLE, json(reset).get("content").asText());
        assertEquals(3, json(reset).get("version").asInt());

        Browser.Download zip = student.download(HttpRequest.newBuilder(URI.create(api("/download"))).GET());
        assertEquals(200, zip.status());
        assertEquals("application/zip", zip.header("content-type"));
        String disposition = zip.header("content-disposition");
        assertTrue(disposition.startsWith("attachment; filename=\"workspace-HTML basics.zip\""), disposition);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertEquals(java.util.List.of("index.html", "style.css", "über uns.html", "logo.png"),
                java.util.List.copyOf(entries.keySet()), "the files, then the binary templates");
        assertEquals("<p>Über uns</p>", new String(entries.get("über uns.html"), StandardCharsets.UTF_8));

        // Renaming over HTTP: bad requests are 4xx with a reason, a good one answers the file at its new name.
        String renameUrl = api("/files/%C3%BCber%20uns.html/rename");
        assertEquals(400, post(student, csrf, renameUrl, Map.of("to", "about.html")).status(), "no version");
        assertEquals(400, post(student, csrf, renameUrl, Map.of("to", " ", "version", "2")).status(), "no name");
        assertEquals(400, post(student, csrf, renameUrl, Map.of("to", "Style.css", "version", "2")).status(), "taken");
        assertEquals(409, post(student, csrf, renameUrl, Map.of("to", "about.html", "version", "1")).status(), "stale");
        assertEquals(404, post(student, csrf, api("/files/gone.html/rename"), Map.of("to", "x.html", "version", "1"))
                .status());
        Browser.Page renamed = post(student, csrf, renameUrl, Map.of("to", "about.html", "version", "2"));
        assertEquals(200, renamed.status(), renamed.body());
        assertEquals("<p>Über uns</p>", json(renamed).get("content").asText());
        assertEquals(2, json(renamed).get("version").asInt());
        assertEquals("/wte/parts/" + site.part + "/workspace/files/about.html/rename", json(renamed).get("renameUrl").asText());
        assertEquals(0, json(renamed).get("newTemplates").size(), "not a template's name: nothing to offer");
        assertEquals(200, post(student, csrf, api("/files/about.html/rename"), Map.of("to", "über uns.html", "version", "2"))
                .status(), "and back");

        assertEquals(200, post(student, csrf, api("/files/%C3%BCber%20uns.html/delete"), Map.of()).status());
        assertEquals(2, json(student.get(api("/files"))).get("files").size());
        Browser.Page all = post(student, csrf, api("/reset"), Map.of());
        assertEquals(200, all.status(), all.body());
    }

    @Test
    void aChangedTemplateAndANewOneAreOfferedAndTakenOnlyWhenAsked() throws Exception {
        Browser tutor = WorkspaceSite.login(server, "tutor"); // tutors try the workspace out like students
        JsonNode before = json(tutor.get(api("/files")));
        String csrf = before.get("csrf").asText();
        assertEquals("same", before.get("files").get(1).get("template").asText());
        assertEquals(0, before.get("newTemplates").size());
        try {
            server.root().database().run(s -> {
                org.wte.content.Part part = s.get(org.wte.content.Part.class, site.part);
                org.wte.asset.Asset style = server.root().assets().byName(s, part, org.wte.asset.AssetKind.TEMPLATE,
                        "style.css").orElseThrow();
                server.root().assets().replace(s, style, "h1 { color: teal; }\n".getBytes(StandardCharsets.UTF_8));
                server.root().assets().upload(s, part, org.wte.asset.AssetKind.TEMPLATE, "extra.js",
                        "// extra\n".getBytes(StandardCharsets.UTF_8));
            });
            JsonNode offered = json(tutor.get(api("/files")));
            JsonNode style = offered.get("files").get(1);
            assertEquals("changed", style.get("template").asText());
            assertEquals(WorkspaceSite.STYLE, style.get("content").asText(), "never forced");
            assertEquals("extra.js", offered.get("newTemplates").get(0).get("name").asText());
            String addUrl = offered.get("newTemplates").get(0).get("addUrl").asText();
            assertEquals("/wte/parts/" + site.part + "/workspace/files/extra.js/reset", addUrl);

            Browser.Page updated = post(tutor, csrf, server.url(style.get("resetUrl").asText().substring(4)), Map.of());
            assertEquals(200, updated.status(), updated.body());
            assertEquals("h1 { color: teal; }\n", json(updated).get("content").asText());
            assertEquals("same", json(updated).get("template").asText());
            Browser.Page added = post(tutor, csrf, server.url(addUrl.substring(4)), Map.of());
            assertEquals(200, added.status(), added.body());
            assertEquals("// extra\n", json(added).get("content").asText());
            JsonNode after = json(tutor.get(api("/files")));
            assertEquals(3, after.get("files").size());
            assertEquals(0, after.get("newTemplates").size());
        } finally {
            server.root().database().run(s -> {
                org.wte.content.Part part = s.get(org.wte.content.Part.class, site.part);
                server.root().assets().byName(s, part, org.wte.asset.AssetKind.TEMPLATE, "extra.js")
                        .ifPresent(a -> server.root().assets().delete(s, a));
                server.root().assets().replace(s, server.root().assets().byName(s, part, org.wte.asset.AssetKind.TEMPLATE,
                        "style.css").orElseThrow(), WorkspaceSite.STYLE.getBytes(StandardCharsets.UTF_8));
            });
        }
    }

    @Test
    void studentsOnlyEverTouchTheirOwnFilesAndTutorsReadThemFromTheUsersPage() throws Exception {
        Browser own = WorkspaceSite.login(server, "student");
        String csrf = csrf(own);
        int version = json(own.get(api("/files"))).get("files").get(1).get("version").asInt();
        assertEquals(200, post(own, csrf, api("/files/style.css"), Map.of("content", "h1 { color: red; }",
                "version", String.valueOf(version))).status());

        Browser classmate = WorkspaceSite.login(server, "classmate");
        JsonNode theirs = json(classmate.get(api("/files")));
        assertFalse(theirs.toString().contains("color: red"), "another student's listing is their own");
        long student = site.users.get("student");
        assertEquals(403, classmate.get(api("/users/" + student)).status(), "a student may not read another's");
        assertEquals(403, classmate.get(api("/users/" + student + "/files")).status());
        Browser stranger = WorkspaceSite.login(server, "stranger");
        assertEquals(404, stranger.get(api("/files")).status(), "not a member: the part is not there");
        assertEquals(303, new Browser().get(api("/files")).status(), "anonymous: log in first");

        Browser tutor = WorkspaceSite.login(server, "tutor");
        Browser.Page users = WorkspaceSite.login(server, "owner").open(server.url("/modules/" + site.module + "/users"));
        Element link = users.doc().selectFirst("a.workspace-link[href=/wte/parts/" + site.module + "/workspace/users/"
                + student + "]");
        assertNotNull(link, users.body());
        Browser.Page list = tutor.open(server.url(link.attr("href").substring(4)));
        assertEquals(200, list.status(), list.body());
        Element toPart = list.doc().selectFirst("a[href=/wte/parts/" + site.part + "/workspace/users/" + student + "]");
        assertNotNull(toPart, list.body());
        Browser.Page view = tutor.open(server.url(toPart.attr("href").substring(4)));
        assertEquals(200, view.status(), view.body());
        Element workspace = view.doc().selectFirst("#workspace");
        assertEquals("true", workspace.attr("data-readonly"));
        assertTrue(view.doc().select("#ws-save, #ws-new-form").isEmpty(), "nothing to change");
        String src = view.doc().selectFirst("iframe#preview").attr("src");
        String token = URLDecoder.decode(src.split("/")[3], StandardCharsets.UTF_8);
        assertEquals(new PreviewLinks.Target(student, site.part), server.root().previewLinks().verify(token).orElseThrow(),
                "the preview shows the student's files");
        JsonNode files = json(tutor.get(server.url(workspace.attr("data-files-url").substring(4))));
        assertTrue(files.toString().contains("h1 { color: red; }"), files.toString());
        assertEquals(200, tutor.download(server.url("/parts/" + site.part + "/workspace/users/" + student + "/download"))
                .status());
        assertNotEquals(403, tutor.get(api("/users/" + student)).status());
    }

    @Test
    void leavingTheModuleDeletesTheStudentsWorkspace() throws Exception {
        Browser leaver = WorkspaceSite.login(server, "leaver");
        assertEquals(2, json(leaver.get(api("/files"))).get("files").size());
        long id = site.users.get("leaver");
        String count = "select count(w) from Workspace w where w.partId = :p and w.userId = :u";
        assertEquals(1L, (long) server.root().database().inTransaction(s -> s.createQuery(count, Long.class)
                .setParameter("p", site.part).setParameter("u", id).getSingleResult()));
        Browser.Page leave = leaver.open(server.url("/modules/" + site.module + "/leave"));
        assertEquals(303, leaver.submit(leave, "form.leave-form", Map.of()).status());
        assertEquals(0L, (long) server.root().database().inTransaction(s -> s.createQuery(count, Long.class)
                .setParameter("p", site.part).setParameter("u", id).getSingleResult()));
    }
}
