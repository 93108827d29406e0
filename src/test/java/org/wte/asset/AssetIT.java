package org.wte.asset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.account.PasswordHasher;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.Role;
import org.wte.testing.Browser;
import org.wte.testing.Multipart;
import org.wte.testing.TestServer;

/**
 * Assets and templates over HTTP on embedded Tomcat at /wte: the owner uploads, edits, replaces, renames,
 * reorders and deletes through the pages; files are served with a strong ETag and 304, active types as
 * sandboxed attachments; students who may view a part download its files, others get 404 or 403; uploads
 * need the CSRF token (header or query); files over the limit get a 413 page.
 */
class AssetIT {
    static final String PASSWORD = "a long enough password";
    static final byte[] PNG = AssetServiceTest.PNG;
    static final byte[] JPEG = AssetServiceTest.JPEG;

    static TestServer server;
    static long module;
    static long part;
    static long page;
    static long hiddenPart;
    static long closedModule;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("/wte", 0, "[uploads]\nmax_file_size = 64K\nmax_request_size = 256K");
        String hash = new PasswordHasher().hash(PASSWORD);
        server.root().database().run(s -> {
            Instant now = Instant.now();
            User owner = user(s, "owner@example.org", hash);
            User student = user(s, "student@example.org", hash);
            user(s, "stranger@example.org", hash);
            Part m = new Part(null, PartType.MODULE, "Web Basics", PartStatus.AVAILABLE, now);
            s.persist(m);
            Part p = new Part(m, PartType.PART, "HTML", PartStatus.AVAILABLE, now);
            s.persist(p);
            Part pg = new Part(p, PartType.PAGE, "First page", PartStatus.AVAILABLE, now);
            s.persist(pg);
            Part hidden = new Part(m, PartType.PART, "Exam", PartStatus.UNAVAILABLE, now);
            s.persist(hidden);
            Part closed = new Part(null, PartType.MODULE, "Closed Module", PartStatus.UNAVAILABLE, now);
            s.persist(closed);
            s.persist(new ModuleRole(m, owner, Role.OWNER, now));
            s.persist(new ModuleRole(closed, owner, Role.OWNER, now));
            s.persist(new ModuleRole(m, student, Role.STUDENT, now));
            module = m.getId();
            part = p.getId();
            page = pg.getId();
            hiddenPart = hidden.getId();
            closedModule = closed.getId();
        });
    }

    private static User user(org.hibernate.Session s, String email, String hash) {
        User u = new User(email, email.substring(0, email.indexOf('@')), UserStatus.ACTIVE, Instant.now());
        u.setPasswordHash(hash);
        s.persist(u);
        return u;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ------------------------------------------------------------------ upload and serving

    @Test
    void ownerUploadsThroughTheFormAndTheFileIsServedWithAStrongEtagAnd304() throws Exception {
        Browser owner = login("owner@example.org");
        Browser.Page list = owner.open(server.url("/parts/" + part + "/assets"));
        assertEquals(200, list.status(), list.body());
        assertEquals("Assets of HTML", list.doc().selectFirst("h1").text());
        List<String> crumbs = list.doc().select(".breadcrumbs li").eachText();
        assertEquals(List.of("Home", "Modules", "Web Basics", "HTML", "Assets"), crumbs);
        assertEquals("/wte/modules", list.doc().select(".breadcrumbs a").get(1).attr("href"));
        assertEquals("/wte/parts/" + module, list.doc().select(".breadcrumbs a").get(2).attr("href"));
        Element form = list.doc().selectFirst("form.upload-form");
        assertNotNull(form);
        assertEquals("multipart/form-data", form.attr("enctype"));
        assertTrue(form.attr("action").contains("?_csrf="), "the token travels in the action: " + form.attr("action"));
        assertNotNull(list.doc().selectFirst("label[for=f-file]"), "the file input has a label");

        Browser.Page uploaded = owner.send(new Multipart().file("file", "logo.png", "image/png", PNG).field("name", "")
                .post(form.absUrl("action")));
        assertEquals(303, uploaded.status(), uploaded.body());
        assertEquals(server.url("/parts/" + part + "/assets"), uploaded.location());
        Browser.Page after = owner.open(server.url("/parts/" + part + "/assets"));
        assertTrue(after.doc().select(".flash-success").text().contains("Uploaded logo.png"));
        assertEquals("logo.png", after.doc().selectFirst("tbody th a").text());
        assertTrue(after.doc().selectFirst("tbody tr").text().contains("image/png"));

        String url = server.url("/parts/" + part + "/assets/logo.png");
        Browser.Download file = owner.download(url);
        assertEquals(200, file.status());
        assertArrayEquals(PNG, file.body());
        String etag = "\"" + AssetService.sha256(PNG) + "\"";
        assertEquals(etag, file.header("etag"), "strong ETag = the content's SHA-256");
        assertEquals("image/png", file.header("content-type"), "no charset on an image");
        assertEquals(String.valueOf(PNG.length), file.header("content-length"));
        assertEquals("nosniff", file.header("x-content-type-options"));
        assertTrue(file.header("cache-control").contains("private"), file.header("cache-control"));
        assertTrue(file.header("cache-control").contains("must-revalidate"), file.header("cache-control"));
        assertFalse(file.header("cache-control").contains("no-store"), "the page filter's no-store is replaced");
        assertTrue(file.header("content-disposition").startsWith("inline"), file.header("content-disposition"));
        assertTrue(file.header("content-security-policy").contains("sandbox"), "even an inline image gets no script");

        Browser.Download notModified = owner.download(HttpRequest.newBuilder(URI.create(url)).header("If-None-Match", etag));
        assertEquals(304, notModified.status());
        assertEquals(0, notModified.body().length);
        assertEquals(etag, notModified.header("etag"));
        assertEquals(304, owner.download(HttpRequest.newBuilder(URI.create(url))
                .header("If-None-Match", "\"other\", W/" + etag)).status(), "a list, with a weak form");
        assertEquals(200, owner.download(HttpRequest.newBuilder(URI.create(url))
                .header("If-None-Match", "\"" + AssetService.sha256(JPEG) + "\"")).status());

        // Ranges, as a video player seeks: one range (206), a stale If-Range (the whole file), none (416).
        Browser.Download range = owner.download(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=2-5")
                .header("If-Range", etag));
        assertEquals(206, range.status());
        assertArrayEquals(java.util.Arrays.copyOfRange(PNG, 2, 6), range.body());
        assertEquals("bytes 2-5/" + PNG.length, range.header("content-range"));
        assertEquals("4", range.header("content-length"));
        assertEquals("bytes", range.header("accept-ranges"));
        assertEquals("bytes", file.header("accept-ranges"), "the whole file says ranges may be asked for");
        Browser.Download stale = owner.download(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=2-5")
                .header("If-Range", "\"an-older-version\""));
        assertEquals(200, stale.status());
        assertArrayEquals(PNG, stale.body());
        Browser.Download outside = owner.download(HttpRequest.newBuilder(URI.create(url))
                .header("Range", "bytes=" + PNG.length + "-"));
        assertEquals(416, outside.status());
        assertEquals("bytes */" + PNG.length, outside.header("content-range"));

        // Replaced: the old tag no longer matches and the new content comes with a new tag.
        Browser.Page replaceForm = owner.open(url + "/replace");
        String action = replaceForm.doc().selectFirst("form[enctype=multipart/form-data]").absUrl("action");
        byte[] png2 = java.util.Arrays.copyOf(PNG, PNG.length + 3);
        assertEquals(303, owner.send(new Multipart().file("file", "whatever.png", "image/png", png2).post(action)).status());
        Browser.Download changed = owner.download(HttpRequest.newBuilder(URI.create(url)).header("If-None-Match", etag));
        assertEquals(200, changed.status());
        assertArrayEquals(png2, changed.body());
        assertNotEquals(etag, changed.header("etag"));

        // A JPEG sent as the replacement of a PNG is refused with the reason on the form.
        Browser.Page refused = owner.send(new Multipart().file("file", "photo.png", "image/png", JPEG).post(action));
        assertEquals(400, refused.status());
        assertTrue(refused.doc().select(".field-error").text().contains("JPEG"), refused.body());
        assertArrayEquals(png2, owner.download(url).body());
    }

    @Test
    void activeTypesAreServedAsSandboxedAttachments() throws Exception {
        Browser owner = login("owner@example.org");
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>";
        upload(owner, page, "templates", "evil.svg", svg.getBytes(StandardCharsets.UTF_8));
        upload(owner, page, "assets", "page.html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        upload(owner, page, "assets", "script.js", "alert(1)".getBytes(StandardCharsets.UTF_8));
        upload(owner, page, "assets", "notes.txt", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));

        for (String path : List.of("/templates/evil.svg", "/assets/page.html", "/assets/script.js")) {
            Browser.Download d = owner.download(server.url("/parts/" + page + path));
            assertEquals(200, d.status(), path);
            assertTrue(d.header("content-disposition").startsWith("attachment;"), path + ": " + d.header("content-disposition"));
            String csp = d.header("content-security-policy");
            assertTrue(csp.startsWith("sandbox"), path + ": " + csp);
            assertFalse(csp.contains("allow-scripts"), path + ": " + csp);
            assertEquals("nosniff", d.header("x-content-type-options"));
        }
        assertTrue(owner.download(server.url("/parts/" + page + "/templates/evil.svg")).header("content-type")
                .startsWith("image/svg+xml"));
        assertTrue(owner.download(server.url("/parts/" + page + "/assets/page.html")).header("content-type")
                .startsWith("text/html"));
        // Plain text stays inline, labelled as text (with nosniff the browser will not run it as HTML).
        Browser.Download text = owner.download(server.url("/parts/" + page + "/assets/notes.txt"));
        assertEquals("text/plain;charset=utf-8", text.header("content-type").replace(" ", "").toLowerCase());
        assertTrue(text.header("content-disposition").startsWith("inline"));
        assertTrue(text.header("content-security-policy").contains("sandbox"));
        // Any file can be asked for as a download.
        Browser.Download download = owner.download(server.url("/parts/" + page + "/assets/notes.txt?download=1"));
        assertTrue(download.header("content-disposition").startsWith("attachment;"));
        assertTrue(download.header("content-disposition").contains("filename=\"notes.txt\""));
    }

    @Test
    void namesWithSpacesAccentsAndUrlCharactersWork() throws Exception {
        Browser owner = login("owner@example.org");
        String name = "Übung 1 – café #2 100%.txt";
        // As a browser sends it: the UTF-8 name raw in the part header.
        upload(owner, part, "templates", name, "hello".getBytes(StandardCharsets.UTF_8));
        Browser.Page list = owner.open(server.url("/parts/" + part + "/templates"));
        Element link = list.doc().select("tbody th a").stream().filter(a -> a.text().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(list.body()));
        Browser.Download d = owner.download(link.absUrl("href"));
        assertEquals(200, d.status(), link.attr("href"));
        assertEquals("hello", d.text());
        assertTrue(d.header("content-disposition").contains("filename*=UTF-8''%C3%9Cbung%201"), d.header("content-disposition"));
        assertEquals(404, owner.download(server.url("/parts/" + part + "/templates/%C3%BCbung.txt")).status());
    }

    @Test
    void uploadErrorsReShowTheFormWithTheMessage() throws Exception {
        Browser owner = login("owner@example.org");
        String action = uploadAction(owner, page, "assets");
        Browser.Page badName = owner.send(new Multipart().file("file", "a.txt", "text/plain", new byte[] {'a'})
                .field("name", "../../etc/passwd").post(action));
        assertEquals(400, badName.status());
        assertTrue(badName.doc().select(".error-summary").text().contains(".."), badName.body());
        assertEquals("../../etc/passwd", badName.doc().selectFirst("input[name=name]").val(), "the input is kept");
        Browser.Page noFile = owner.send(new Multipart().file("file", "", "application/octet-stream", new byte[0])
                .field("name", "").post(action));
        assertEquals(400, noFile.status());
        assertTrue(noFile.doc().select(".field-error").text().contains("Choose a file"), noFile.body());
        Browser.Page mismatch = owner.send(new Multipart().file("file", "cat.gif", "image/gif", PNG).post(action));
        assertEquals(400, mismatch.status());
        assertTrue(mismatch.doc().select(".field-error").text().contains("PNG"), mismatch.body());
        assertEquals(404, owner.download(server.url("/parts/" + page + "/assets/cat.gif")).status());
    }

    // ------------------------------------------------------------------ who may see what

    @Test
    void studentsWhoMayViewDownloadAndOthersGet404Or403() throws Exception {
        Browser owner = login("owner@example.org");
        upload(owner, part, "assets", "sheet.pdf", "%PDF-1.4 sheet".getBytes(StandardCharsets.UTF_8));
        upload(owner, part, "templates", "start.html", "<p>start</p>".getBytes(StandardCharsets.UTF_8));
        upload(owner, hiddenPart, "assets", "solutions.pdf", "%PDF-1.4 secret".getBytes(StandardCharsets.UTF_8));
        upload(owner, closedModule, "assets", "draft.pdf", "%PDF-1.4 draft".getBytes(StandardCharsets.UTF_8));
        upload(owner, module, "assets", "welcome.pdf", "%PDF-1.4 hi".getBytes(StandardCharsets.UTF_8));

        Browser student = login("student@example.org");
        Browser.Download sheet = student.download(server.url("/parts/" + part + "/assets/sheet.pdf"));
        assertEquals(200, sheet.status());
        assertEquals("%PDF-1.4 sheet", sheet.text());
        assertEquals("application/pdf", sheet.header("content-type"));
        assertTrue(sheet.header("content-disposition").startsWith("inline"), "PDFs open in the browser");
        assertFalse(sheet.header("content-security-policy").contains("sandbox"), "Chrome shows no PDF in a sandbox");
        assertEquals(200, student.download(server.url("/parts/" + part + "/templates/start.html")).status(),
                "templates are served to viewers too");
        assertEquals(404, student.download(server.url("/parts/" + hiddenPart + "/assets/solutions.pdf")).status(),
                "an unavailable part is invisible to students");
        assertEquals(403, student.get(server.url("/parts/" + part + "/assets")).status(), "students do not manage files");
        assertEquals(403, student.send(new Multipart().file("file", "x.txt", "text/plain", new byte[] {'x'})
                .post(uploadActionWithToken(student, part, "assets"))).status());

        Browser stranger = login("stranger@example.org");
        assertEquals(404, stranger.download(server.url("/parts/" + closedModule + "/assets/draft.pdf")).status());
        assertEquals(404, stranger.download(server.url("/parts/" + part + "/assets/sheet.pdf")).status(),
                "a part of a module one is not in");
        assertEquals(200, stranger.download(server.url("/parts/" + module + "/assets/welcome.pdf")).status(),
                "an available module's own page (and files) are open to everyone logged in");
        assertEquals(404, stranger.get(server.url("/parts/" + closedModule + "/assets")).status());
        assertEquals(404, student.download(server.url("/parts/" + part + "/assets/nothing.pdf")).status());
        assertEquals(404, student.download(server.url("/parts/999999/assets/sheet.pdf")).status());

        Browser anonymous = new Browser();
        Browser.Page redirect = anonymous.get(server.url("/parts/" + part + "/assets/sheet.pdf"));
        assertEquals(303, redirect.status());
        assertTrue(redirect.location().contains("/wte/account/login?return_to="), redirect.location());
    }

    // ------------------------------------------------------------------ CSRF and sizes

    @Test
    void uploadsWithoutTheCsrfTokenAreRefusedAndTheHeaderOrQueryTokenIsAccepted() throws Exception {
        Browser owner = login("owner@example.org");
        String plain = server.url("/parts/" + page + "/assets");
        Browser.Page none = owner.send(new Multipart().file("file", "csrf1.txt", "text/plain", new byte[] {'x'}).post(plain));
        assertEquals(403, none.status());
        assertTrue(none.body().contains("This form has expired or did not come from WTE"));
        // A token in the body is not read for multipart: only the header or the query count.
        String token = owner.open(plain).doc().selectFirst("input[name=_csrf]").val();
        Browser.Page inBody = owner.send(new Multipart().field("_csrf", token)
                .file("file", "csrf2.txt", "text/plain", new byte[] {'x'}).post(plain));
        assertEquals(403, inBody.status());
        Browser.Page wrong = owner.send(new Multipart().file("file", "csrf3.txt", "text/plain", new byte[] {'x'})
                .post(plain + "?_csrf=" + token.substring(1)));
        assertEquals(403, wrong.status());
        Browser.Page twice = owner.send(new Multipart().file("file", "csrf4.txt", "text/plain", new byte[] {'x'})
                .post(plain + "?_csrf=" + token + "&_csrf=" + token));
        assertEquals(403, twice.status(), "an ambiguous query token is refused");
        Browser other = login("owner@example.org");
        Browser.Page othersSession = other.send(new Multipart().file("file", "csrf5.txt", "text/plain", new byte[] {'x'})
                .post(plain + "?_csrf=" + token));
        assertEquals(403, othersSession.status(), "a token is only good in its own session");
        for (String n : List.of("csrf1.txt", "csrf2.txt", "csrf3.txt", "csrf4.txt", "csrf5.txt")) {
            assertEquals(404, owner.download(server.url("/parts/" + page + "/assets/" + n)).status(), n + " was stored");
        }

        Browser.Page viaHeader = owner.send(new Multipart().file("file", "csrf6.txt", "text/plain", new byte[] {'x'})
                .post(plain).header("X-CSRF-Token", token));
        assertEquals(303, viaHeader.status(), viaHeader.body());
        Browser.Page viaQuery = owner.send(new Multipart().file("file", "csrf7.txt", "text/plain", new byte[] {'x'})
                .post(plain + "?_csrf=" + token));
        assertEquals(303, viaQuery.status(), viaQuery.body());
        assertEquals(200, owner.download(server.url("/parts/" + page + "/assets/csrf7.txt")).status());
    }

    @Test
    void filesOverTheLimitGetA413PageThatStatesTheLimit() throws Exception {
        Browser owner = login("owner@example.org");
        String action = uploadAction(owner, page, "assets");
        Browser.Page tooLarge = owner.send(new Multipart().file("file", "big.bin", "application/octet-stream",
                new byte[64 * 1024 + 1]).post(action));
        assertEquals(413, tooLarge.status());
        assertTrue(tooLarge.doc().text().contains("at most 64 KB"), tooLarge.body());
        assertNotNull(tooLarge.doc().selectFirst("a.brand"), "in the site's layout");
        assertEquals(404, owner.download(server.url("/parts/" + page + "/assets/big.bin")).status());

        Browser.Page requestTooLarge = owner.send(new Multipart().file("file", "huge.bin", "application/octet-stream",
                new byte[300 * 1024]).post(action));
        assertEquals(413, requestTooLarge.status());
        assertTrue(requestTooLarge.doc().text().contains("256 KB"), requestTooLarge.body());

        Browser.Page exactly = owner.send(new Multipart().file("file", "exact.bin", "application/octet-stream",
                new byte[64 * 1024]).post(action));
        assertEquals(303, exactly.status(), "the limit itself is allowed");
    }

    @Test
    void aChunkedBodyOverTheRequestLimitGetsA413AndStoresNothing() throws Exception {
        Browser owner = login("owner@example.org");
        String action = uploadAction(owner, page, "assets");
        // Five files under the file limit, 300 KB together: over the 256 KB request limit, sent without
        // Content-Length (chunked), so the length check before reading cannot see it.
        Multipart body = new Multipart();
        for (int i = 0; i < 5; i++) {
            body.file("file", "chunk" + i + ".bin", "application/octet-stream", new byte[60 * 1024]);
        }
        byte[] bytes = body.bytes();
        Browser.Page refused = owner.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
        assertEquals(413, refused.status(), refused.body());
        assertTrue(refused.doc().text().contains("256 KB"), refused.body());
        assertEquals(404, owner.download(server.url("/parts/" + page + "/assets/chunk0.bin")).status());

        // A small chunked upload is fine.
        Multipart small = new Multipart().file("file", "chunked.txt", "text/plain", "fine".getBytes(StandardCharsets.UTF_8));
        byte[] smallBytes = small.bytes();
        Browser.Page ok = owner.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", small.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(smallBytes))));
        assertEquals(303, ok.status(), ok.body());
        assertEquals("fine", owner.download(server.url("/parts/" + page + "/assets/chunked.txt")).text());
    }

    @Test
    void malformedRequestsGetClientErrorsInTheLayoutNeverA500() throws Exception {
        Browser owner = login("owner@example.org");
        String action = uploadAction(owner, page, "assets");
        Browser.Page broken = owner.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "multipart/form-data; boundary=nothere")
                .POST(HttpRequest.BodyPublishers.ofString("this is not a multipart body")));
        assertClientError(broken, 400);
        Browser.Page noBoundary = owner.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("--x\r\n")));
        assertClientError(noBoundary, 400);
        assertClientError(owner.get(server.url("/parts/abc/assets")), 404);
        assertClientError(owner.get(server.url("/parts/" + page + "/assets/" + "n".repeat(300))), 404);
        assertClientError(owner.get(server.url("/parts/" + page + "/assets/nothing.txt/edit")), 404);
        int traversal = owner.get(server.url("/parts/" + page + "/assets/..%2F..%2Fetc%2Fpasswd")).status();
        assertTrue(traversal == 400 || traversal == 404, "encoded slashes: " + traversal);
        String token = owner.open(server.url("/parts/" + page + "/assets")).doc().selectFirst("input[name=_csrf]").val();
        upload(owner, page, "assets", "mover.txt", "m".getBytes(StandardCharsets.UTF_8));
        assertClientError(owner.post(server.url("/parts/" + page + "/assets/mover.txt/move"),
                Map.of("_csrf", token, "direction", "sideways")), 400);
        assertClientError(owner.post(server.url("/parts/" + page + "/assets/mover.txt/rename"),
                Map.of("_csrf", token, "name", "bad\u0000name.txt")), 400);
    }

    private static void assertClientError(Browser.Page page, int status) {
        assertEquals(status, page.status(), page.body());
        assertNotNull(page.doc().selectFirst("a.brand"), "in the site's layout:\n" + page.body());
        assertFalse(page.body().contains("Exception"), page.body());
    }

    // ------------------------------------------------------------------ managing files

    @Test
    void textFilesAreEditedInPlace() throws Exception {
        Browser owner = login("owner@example.org");
        upload(owner, part, "templates", "style.css", "p { color: red; }\n".getBytes(StandardCharsets.UTF_8));
        String url = server.url("/parts/" + part + "/templates/style.css");
        Browser.Page edit = owner.open(url + "/edit");
        assertEquals(200, edit.status(), edit.body());
        assertEquals("p { color: red; }\n", textarea(edit.doc().selectFirst("textarea[name=content]")));
        assertNotNull(edit.doc().selectFirst("label[for=f-content]"));
        Browser.Page saved = owner.submit(edit, "form[action$=/edit]", Map.of("content", "p { color: blue; }\r\n"));
        assertEquals(303, saved.status(), saved.body());
        assertEquals("p { color: blue; }\n", owner.download(url).text(), "LF kept");

        // The form of the old version is refused: someone saved in between.
        Browser.Page stale = owner.submit(edit, "form[action$=/edit]", Map.of("content", "p { color: green; }"));
        assertEquals(409, stale.status());
        assertTrue(stale.doc().text().contains("changed by someone else"), stale.body());
        assertEquals("p { color: green; }", textarea(stale.doc().selectFirst("textarea")), "the user's text is kept");
        assertEquals("p { color: blue; }\n", owner.download(url).text());

        upload(owner, part, "assets", "pic.png", PNG);
        assertEquals(400, owner.get(server.url("/parts/" + part + "/assets/pic.png/edit")).status(), "no text editor for images");
        Browser.Page list = owner.open(server.url("/parts/" + part + "/assets"));
        assertTrue(list.doc().select("a[href$=/pic.png/edit]").isEmpty(), "no Edit link for an image");
    }

    @Test
    void filesAreRenamedReorderedAndDeletedThroughThePages() throws Exception {
        Browser owner = login("owner@example.org");
        long p = newPart("Reorder");
        for (String n : List.of("a.txt", "b.txt", "c.txt")) {
            upload(owner, p, "assets", n, n.getBytes(StandardCharsets.UTF_8));
        }
        String base = "/parts/" + p + "/assets";
        assertEquals(List.of("a.txt", "b.txt", "c.txt"), names(owner, p));

        Browser.Page list = owner.open(server.url(base));
        assertTrue(list.doc().select("form[action$=/a.txt/move] input[value=up]").isEmpty(), "the first has no Up");
        assertEquals(303, owner.submit(list, "form[action$=/c.txt/move]:has(input[value=up])", Map.of()).status());
        assertEquals(List.of("a.txt", "c.txt", "b.txt"), names(owner, p));
        list = owner.open(server.url(base));
        assertEquals(303, owner.submit(list, "form[action$=/a.txt/move]:has(input[value=down])", Map.of()).status());
        assertEquals(List.of("c.txt", "a.txt", "b.txt"), names(owner, p));

        Browser.Page rename = owner.open(server.url(base + "/a.txt/rename"));
        assertEquals(200, rename.status());
        Browser.Page taken = owner.submit(rename, "form[action$=/rename]", Map.of("name", "B.TXT"));
        assertEquals(400, taken.status());
        assertTrue(taken.doc().select(".field-error").text().contains("already here"), taken.body());
        Browser.Page slash = owner.submit(rename, "form[action$=/rename]", Map.of("name", "x/a.txt"));
        assertEquals(400, slash.status());
        assertEquals(303, owner.submit(rename, "form[action$=/rename]", Map.of("name", "alpha.md")).status());
        assertEquals(List.of("c.txt", "alpha.md", "b.txt"), names(owner, p));
        assertEquals("a.txt", owner.download(server.url(base + "/alpha.md")).text());
        assertEquals(404, owner.download(server.url(base + "/a.txt")).status());

        Browser.Page confirm = owner.open(server.url(base + "/c.txt/delete"));
        assertEquals(200, confirm.status());
        assertTrue(confirm.doc().selectFirst("h1").text().contains("Delete c.txt"));
        assertEquals(200, owner.download(server.url(base + "/c.txt")).status(), "asking is not deleting");
        assertEquals(303, owner.submit(confirm, "form[action$=/delete]", Map.of()).status());
        assertEquals(404, owner.download(server.url(base + "/c.txt")).status());
        assertEquals(List.of("alpha.md", "b.txt"), names(owner, p));
        assertEquals(404, owner.get(server.url(base + "/c.txt/rename")).status());
    }

    @Test
    void theEditorsSearchListsVisibleFilesNearestFirstAsJson() throws Exception {
        Browser owner = login("owner@example.org");
        long p = newPart("Search");
        long pg = server.root().database().inTransaction(s -> {
            Part pageOf = new Part(s.get(Part.class, p), PartType.PAGE, "Search page", PartStatus.AVAILABLE, Instant.now());
            s.persist(pageOf);
            return pageOf.getId();
        });
        upload(owner, p, "assets", "diagram.png", PNG);
        upload(owner, pg, "assets", "diagram-notes.txt", "n".getBytes(StandardCharsets.UTF_8));
        upload(owner, module, "assets", "module-diagram.pdf", "%PDF".getBytes(StandardCharsets.UTF_8));

        Browser.Page json = owner.get(server.url("/parts/" + pg + "/assets.json?q=DIAGRAM"));
        assertEquals(200, json.status(), json.body());
        assertTrue(json.header("content-type").startsWith("application/json"), json.header("content-type"));
        JsonNode hits = new ObjectMapper().readTree(json.body());
        assertEquals(3, hits.size(), json.body());
        assertEquals("diagram-notes.txt", hits.get(0).get("name").asText());
        assertEquals("this part", hits.get(0).get("from").asText());
        assertEquals("diagram.png", hits.get(1).get("name").asText());
        assertEquals("Search", hits.get(1).get("from").asText());
        assertEquals("/wte/parts/" + p + "/assets/diagram.png", hits.get(1).get("url").asText());
        assertTrue(hits.get(1).get("isImage").asBoolean());
        assertFalse(hits.get(0).get("isImage").asBoolean());
        assertEquals("Web Basics", hits.get(2).get("from").asText());
        assertEquals(200, owner.download(server.url(hits.get(1).get("url").asText().substring("/wte".length()))).status());

        assertEquals(0, new ObjectMapper().readTree(owner.get(server.url("/parts/" + pg + "/assets.json?q=zzz")).body()).size());
        assertEquals(403, login("student@example.org").get(server.url("/parts/" + part + "/assets.json")).status());
    }

    // ------------------------------------------------------------------ helpers

    /** What a browser submits for a text area: its text exactly, less one newline right after the tag. */
    private static String textarea(Element element) {
        String text = element.wholeText();
        return text.startsWith("\n") ? text.substring(1) : text;
    }

    private static long newPart(String title) {
        return server.root().database().inTransaction(s -> {
            Part p = new Part(s.get(Part.class, module), PartType.PART, title, PartStatus.AVAILABLE, Instant.now());
            s.persist(p);
            return p.getId();
        });
    }

    private static Browser login(String email) throws Exception {
        Browser b = new Browser();
        Browser.Page login = b.open(server.url("/account/login"));
        Browser.Page in = b.submit(login, "form[action$=/account/login]", Map.of("email", email, "password", PASSWORD));
        assertEquals(303, in.status(), in.body());
        return b;
    }

    /** The upload form's action, token included, from the list page. */
    private static String uploadAction(Browser b, long partId, String kind) throws Exception {
        Browser.Page list = b.open(server.url("/parts/" + partId + "/" + kind));
        assertEquals(200, list.status(), list.body());
        return list.doc().selectFirst("form.upload-form").absUrl("action");
    }

    /** The upload URL with this session's token, for users who cannot open the list page. */
    private static String uploadActionWithToken(Browser b, long partId, String kind) throws Exception {
        String token = b.open(server.url("/profile")).doc().selectFirst("input[name=_csrf]").val();
        return server.url("/parts/" + partId + "/" + kind + "?_csrf=" + token);
    }

    private static void upload(Browser b, long partId, String kind, String name, byte[] data) throws Exception {
        Browser.Page done = b.send(new Multipart().file("file", name, "application/octet-stream", data)
                .post(uploadAction(b, partId, kind)));
        assertEquals(303, done.status(), "upload " + name + ":\n" + done.body());
    }

    private static List<String> names(Browser b, long partId) throws Exception {
        return b.open(server.url("/parts/" + partId + "/assets")).doc().select("tbody th a").eachText();
    }
}
