package org.wte.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.testing.Browser;
import org.wte.testing.TestServer;

/** The part editor's server side: the page, its CodeMirror WebJar, the live preview, Ctrl+S, the syntax guide. */
class EditorIT {
    private static TestServer server;
    private static Browser owner;
    private static long partId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("/wte", 0, "");
        // A teacher, not an administrator: administrators see every module.
        server.root().database().run(s -> {
            org.wte.account.User t = new org.wte.account.User("teacher@example.org", "Teacher",
                    org.wte.account.UserStatus.ACTIVE, java.time.Instant.now());
            t.setPasswordHash(new org.wte.account.PasswordHasher().hash("teacher password"));
            t.getGroups().add(server.root().users().group(s, "teacher"));
            s.persist(t);
        });
        owner = new Browser();
        Browser.Page login = owner.open(server.url("/account/login"));
        owner.submit(login, "form[action$=/account/login]", Map.of("email", "teacher@example.org", "password", "teacher password"));
        Browser.Page created = owner.submit(owner.open(server.url("/modules/new")), "form[action$=/modules]",
                Map.of("title", "Module", "label", ""));
        assertEquals(303, created.status());
        String module = created.location().replaceAll(".*/parts/", "");
        Browser.Page child = owner.submit(owner.open(server.url("/parts/" + module + "/new")), "form[action$=/new]",
                Map.of("title", "Part", "label", "Tutorial"));
        partId = Long.parseLong(child.location().replaceAll(".*/parts/(\\d+)/edit", "$1"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theEditPageLoadsCodeMirrorFromItsWebJar() throws Exception {
        Browser.Page edit = owner.open(server.url("/parts/" + partId + "/edit"));
        assertEquals(200, edit.status());
        String src = edit.doc().select("script[src*=codemirror.js]").attr("src");
        assertTrue(src.startsWith("/wte/webjars/codemirror/"), src);
        Browser.Page js = owner.get("http://localhost:" + server.port() + src);
        assertEquals(200, js.status());
        assertTrue(js.header("content-type").contains("javascript"), js.header("content-type"));
        assertTrue(js.body().contains("CodeMirror"));
        assertEquals(200, owner.get(server.url("/help/markup")).status());
    }

    @Test
    void recompilingAllContentRemakesTheStoredHtmlInBatchesForContentAdministratorsOnly() throws Exception {
        server.root().database().run(s -> s.get(Part.class, partId).setCompiled("<p>stale</p>"));
        String csrf = owner.open(server.url("/parts/" + partId + "/edit")).doc().selectFirst("input[name=_csrf]").val();
        assertEquals(403, owner.post(server.url("/admin/recompile"), Map.of("_csrf", csrf)).status(), "a teacher may not");
        server.root().administrators().create("boss@example.org", "boss password", false);
        Browser admin = new Browser();
        admin.submit(admin.open(server.url("/account/login")), "form[action$=/account/login]",
                Map.of("email", "boss@example.org", "password", "boss password"));
        Browser.Page page = admin.open(server.url("/admin/recompile"));
        assertEquals(200, page.status());
        Browser.Page batch = admin.send(HttpRequest.newBuilder(URI.create(server.url("/admin/recompile")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-CSRF-Token", page.doc().selectFirst("input[name=_csrf]").val())
                .header("X-Requested-With", "fetch").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("after=0")));
        assertEquals(200, batch.status(), batch.body());
        assertTrue(batch.body().contains("\"total\":"), batch.body());
        String compiled = server.root().database().inTransaction(s -> s.get(Part.class, partId).getCompiled());
        assertFalse(compiled.contains("stale"), compiled);
        Browser.Page all = admin.submit(page, "#recompile-form", Map.of());
        assertEquals(303, all.status());
    }

    @Test
    void theCrossReferenceSearchListsOnlyWhatTheAuthorMaySee() throws Exception {
        long hidden = server.root().database().inTransaction(s -> {
            Part other = new Part(null, PartType.MODULE, "Secret Part module", PartStatus.UNAVAILABLE, java.time.Instant.now());
            s.persist(other);
            return other.getId();
        });
        Browser.Page hits = owner.get(server.url("/parts/" + partId + "/xrefs.json?q=part"));
        assertEquals(200, hits.status(), hits.body());
        assertTrue(hits.body().contains("\"id\":" + partId), hits.body());
        assertFalse(hits.body().contains("\"id\":" + hidden + ","), "a module the author has no role in: " + hits.body());
    }

    @Test
    void savingWithTheMailBoxTickedWritesOneMailPerMemberInTheSameTransaction() throws Exception {
        long before = server.root().database().inTransaction(s -> server.root().outbox().count(s));
        Browser.Page edit = owner.open(server.url("/parts/" + partId + "/edit"));
        Browser.Page missing = owner.submit(edit, "#editor-form", Map.of("notify", "1", "notify_message", ""));
        assertEquals(400, missing.status());
        assertTrue(missing.doc().select("#f-notify_message-error").text().contains("Write the message"));
        Browser.Page saved = owner.submit(edit, "#editor-form", Map.of("notify", "1", "notify_message", "Read part 1 again."));
        assertEquals(303, saved.status(), saved.body());
        long after = server.root().database().inTransaction(s -> server.root().outbox().count(s));
        assertEquals(before + 1, after, "the owner is the module's only member");
    }

    @Test
    void thePreviewRendersUnsavedTextWithTheAuthorsProblemsAndNeverSavesIt() throws Exception {
        String csrf = owner.open(server.url("/parts/" + partId + "/edit")).doc().selectFirst("input[name=_csrf]").val();
        Browser.Page preview = owner.send(HttpRequest.newBuilder(URI.create(server.url("/parts/" + partId + "/preview")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(Map.of("content",
                        "# Title\n\nSome **bold** <script>alert(1)</script>\n\n![x](asset:missing.png)\n")))));
        assertEquals(200, preview.status(), preview.body());
        assertTrue(preview.body().contains("<strong>bold</strong>"), preview.body());
        assertFalse(preview.body().contains("<script>"), preview.body());
        assertTrue(preview.doc().select(".markup-problems li").text().contains("Line 5"), preview.body());
        String stored = server.root().database().inTransaction(s -> s.get(Part.class, partId).getContent());
        assertEquals("", stored, "a preview saves nothing");

        Browser.Page saved = owner.send(HttpRequest.newBuilder(URI.create(server.url("/parts/" + partId + "/edit")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-CSRF-Token", csrf)
                .header("X-Requested-With", "fetch")
                .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(Map.of("content", "Saved *text*", "stay", "1")))));
        assertEquals(200, saved.status(), saved.body());
        Part part = server.root().database().inTransaction(s -> s.get(Part.class, partId));
        assertEquals("Saved *text*", part.getContent());
        assertEquals("Part", part.getTitle(), "fields absent from the request are left alone");
        assertEquals("Tutorial", part.getLabel());
        assertTrue(part.getCompiled().contains("<em>text</em>"), part.getCompiled());
    }
}
