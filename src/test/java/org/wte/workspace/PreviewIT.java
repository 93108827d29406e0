package org.wte.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.account.PasswordHasher;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.asset.AssetKind;
import org.wte.content.DisplayMode;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.Role;
import org.wte.testing.Browser;
import org.wte.testing.TestServer;
import org.wte.testing.TestWorkspaces;

/**
 * The preview route over HTTP on embedded Tomcat at /wte: what a link serves and in which order (the student's
 * file, the part's template, the nearest asset), its types, the frame script put into HTML, the sandboxing
 * headers on every answer, no session or cookie ever, and refusals for expired, tampered and orphaned links.
 */
class PreviewIT {
    static final String PASSWORD = "a student password 1";
    static final byte[] CAT_TEMPLATE = png(1);
    static final byte[] CAT_ASSET = png(2);
    static final byte[] LOGO = png(3);
    /** A template saved in ISO-8859-1 ("é" is the single byte E9): not UTF-8, and served byte for byte. */
    static final byte[] LEGACY = "<html><head><title>Caf\u00e9</title></head></html>".getBytes(StandardCharsets.ISO_8859_1);
    static final String INDEX = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8"><title>Ma page é</title>
              <link rel="stylesheet" href="style.css">
            </head>
            <body><img src="cat.png" alt="cat"><img src="logo.png" alt="logo"><script src="app.js"></script></body>
            </html>
            """;

    private static TestServer server;
    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static long student;
    private static long other;
    private static long module;
    private static long part;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("/wte", 0, "");
        String hash = new PasswordHasher().hash(PASSWORD);
        server.root().database().run(s -> {
            Instant now = Instant.now();
            User sam = user(s, "sam@example.org", hash);
            User olga = user(s, "olga@example.org", hash);
            Part m = new Part(null, PartType.MODULE, "Web", PartStatus.AVAILABLE, now);
            s.persist(m);
            Part p = new Part(m, PartType.PART, "Pages", PartStatus.AVAILABLE, now);
            p.setDisplayMode(DisplayMode.WORKSPACE);
            s.persist(p);
            s.persist(new ModuleRole(m, sam, Role.STUDENT, now));
            s.persist(new ModuleRole(m, olga, Role.STUDENT, now));
            s.flush();
            // A template of the part and an asset of the module share a name: the template is nearer to the work.
            server.root().assets().upload(s, p, AssetKind.TEMPLATE, "cat.png", CAT_TEMPLATE);
            server.root().assets().upload(s, p, AssetKind.TEMPLATE, "style.css", "body { color: red; }".getBytes());
            server.root().assets().upload(s, m, AssetKind.ASSET, "cat.png", CAT_ASSET);
            server.root().assets().upload(s, m, AssetKind.ASSET, "logo.png", LOGO);
            server.root().assets().upload(s, m, AssetKind.ASSET, "data.json", "{\"a\": 1}".getBytes());
            server.root().assets().upload(s, p, AssetKind.TEMPLATE, "legacy.html", LEGACY);
            student = sam.getId();
            other = olga.getId();
            module = m.getId();
            part = p.getId();
            Map<String, String> files = new LinkedHashMap<>();
            files.put("index.html", INDEX);
            files.put("style.css", "body { color: green; } /* ünïcödé */");
            files.put("app.js", "document.title = 'changed';");
            files.put("my page.html", "<p>no head, no doctype</p>");
            files.put("notes.txt", "<script>alert(1)</script> plain text");
            TestWorkspaces.put(s, student, part, files);
            TestWorkspaces.put(s, other, part, Map.of("index.html", "<p>Olga's own page</p>"));
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theStudentsFileComesFirstThenThePartsTemplateThenTheNearestAsset() throws Exception {
        HttpResponse<byte[]> css = get(url(student, "style.css"));
        assertEquals(200, css.statusCode());
        assertEquals("body { color: green; } /* ünïcödé */", new String(css.body(), StandardCharsets.UTF_8),
                "the student's own file, not the template of the same name");
        assertEquals("text/css;charset=utf-8", type(css));

        HttpResponse<byte[]> cat = get(url(student, "cat.png"));
        assertEquals(200, cat.statusCode());
        assertArrayEquals(CAT_TEMPLATE, cat.body(), "the part's template before the module's asset");
        assertEquals("image/png", type(cat));

        HttpResponse<byte[]> logo = get(url(student, "logo.png"));
        assertEquals(200, logo.statusCode());
        assertArrayEquals(LOGO, logo.body(), "the module's asset, the nearest of that name");

        HttpResponse<byte[]> json = get(url(student, "data.json"));
        assertEquals("application/json;charset=utf-8", type(json));
        assertEquals("{\"a\": 1}", new String(json.body(), StandardCharsets.UTF_8));

        assertEquals("text/javascript;charset=utf-8", type(get(url(student, "app.js"))));
        HttpResponse<byte[]> notes = get(url(student, "notes.txt"));
        assertEquals("text/plain;charset=utf-8", type(notes));
        assertEquals("<script>alert(1)</script> plain text", new String(notes.body(), StandardCharsets.UTF_8),
                "only HTML gets the frame script");

        // Each student sees their own files through their own link.
        assertEquals("<script src=\"/wte/static/js/preview-frame.js\"></script><p>Olga's own page</p>",
                text(get(url(other, "index.html"))));
    }

    @Test
    void aPlayerGetsTheRangeItAsksForAndTheSandboxStays() throws Exception {
        HttpResponse<byte[]> whole = get(url(student, "logo.png"));
        assertEquals("bytes", whole.headers().firstValue("accept-ranges").orElse(""));
        HttpResponse<byte[]> range = send(HttpRequest.newBuilder(URI.create(url(student, "logo.png")))
                .header("Range", "bytes=1-3"));
        assertEquals(206, range.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(LOGO, 1, 4), range.body());
        assertEquals("bytes 1-3/" + LOGO.length, range.headers().firstValue("content-range").orElse(""));
        assertEquals("image/png", type(range));
        assertTrue(range.headers().firstValue("access-control-expose-headers").orElse("").contains("Content-Range"),
                "the page's own fetch() can read which range it got");
        assertTrue(range.headers().firstValue("content-security-policy").orElse("").startsWith("sandbox"));
        HttpResponse<byte[]> suffix = send(HttpRequest.newBuilder(URI.create(url(student, "style.css")))
                .header("Range", "bytes=-6"));
        assertEquals(206, suffix.statusCode());
        assertEquals("dé */", text(suffix), "the last six bytes of the student's own file");
        HttpResponse<byte[]> outside = send(HttpRequest.newBuilder(URI.create(url(student, "logo.png")))
                .header("Range", "bytes=" + LOGO.length + "-"));
        assertEquals(416, outside.statusCode());
        assertEquals("bytes */" + LOGO.length, outside.headers().firstValue("content-range").orElse(""));
        assertTrue(outside.headers().firstValue("content-security-policy").orElse("").startsWith("sandbox"));
    }

    @Test
    void htmlGetsTheFrameScriptRightAfterItsHeadAndIsOtherwiseUnchanged() throws Exception {
        HttpResponse<byte[]> index = get(url(student, "index.html"));
        assertEquals(200, index.statusCode());
        assertEquals("text/html;charset=utf-8", type(index));
        String tag = "<script src=\"/wte/static/js/preview-frame.js\"></script>";
        assertEquals(INDEX.replace("<head>", "<head>" + tag), text(index));
        assertTrue(text(index).startsWith("<!DOCTYPE html>"), "the doctype stays first");

        // A document without a head or a doctype gets it at the start; a name with a space is %-encoded.
        String spaced = url(student, "my page.html");
        assertTrue(spaced.endsWith("/my%20page.html"), spaced);
        assertEquals(tag + "<p>no head, no doctype</p>", text(get(spaced)));

        // A template in another encoding: the tag goes in, and every byte of the file stays as it was.
        byte[] legacy = get(url(student, "legacy.html")).body();
        assertArrayEquals(("<html><head>" + tag + "<title>Caf\u00e9</title></head></html>")
                .getBytes(StandardCharsets.ISO_8859_1), legacy);

        // The address of the folder shows index.html, as a web server would.
        String folder = url(student, "index.html").replace("index.html", "");
        assertEquals(text(index), text(get(folder)));
        HttpResponse<byte[]> noSlash = get(folder.substring(0, folder.length() - 1));
        assertEquals(303, noSlash.statusCode());
        assertEquals(folder, URI.create(folder.substring(0, folder.length() - 1))
                .resolve(noSlash.headers().firstValue("location").orElse("")).toString());
        assertEquals(PreviewFilter.CSP, noSlash.headers().firstValue("content-security-policy").orElse(""));

        // The script the tag loads is there, under the mount, without any session.
        HttpResponse<byte[]> script = get(server.url("/static/js/preview-frame.js"));
        assertEquals(200, script.statusCode());
        assertTrue(type(script).contains("javascript"), type(script));
        assertTrue(text(script).contains("wte-preview-scroll") && text(script).contains("wte-preview-restore"));
        assertTrue(script.headers().allValues("set-cookie").isEmpty());
    }

    @Test
    void everyAnswerIsSandboxedUncachedAndSetsNoCookie() throws Exception {
        String good = url(student, "index.html");
        Map<String, HttpResponse<byte[]>> answers = new LinkedHashMap<>();
        answers.put("200 html", get(good));
        answers.put("200 image", get(url(student, "cat.png")));
        answers.put("403 bad token", get(server.url("/preview/not-a-token/index.html")));
        answers.put("404 unknown file", get(url(student, "nothing.html")));
        answers.put("404 no file after the link", get(server.url("/preview")));
        answers.put("405 post", send(HttpRequest.newBuilder(URI.create(good)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("a=1"))));
        answers.put("200 head", send(HttpRequest.newBuilder(URI.create(good)).method("HEAD",
                HttpRequest.BodyPublishers.noBody())));
        Map<String, Integer> expected = Map.of("200 html", 200, "200 image", 200, "403 bad token", 403,
                "404 unknown file", 404, "404 no file after the link", 404, "405 post", 405,
                "200 head", 200);
        for (Map.Entry<String, HttpResponse<byte[]>> answer : answers.entrySet()) {
            HttpResponse<byte[]> r = answer.getValue();
            String what = answer.getKey();
            assertEquals(expected.get(what), r.statusCode(), what + ": " + text(r));
            assertEquals(List.of(PreviewFilter.CSP), r.headers().allValues("content-security-policy"), what);
            assertEquals("sandbox allow-scripts allow-forms allow-modals", PreviewFilter.CSP);
            assertEquals(List.of("nosniff"), r.headers().allValues("x-content-type-options"), what);
            assertEquals(List.of("no-store"), r.headers().allValues("cache-control"), what);
            assertEquals(List.of("no-referrer"), r.headers().allValues("referrer-policy"), what);
            assertEquals(List.of(), r.headers().allValues("x-frame-options"), what + ": students' pages frame their own");
            assertEquals(List.of(), r.headers().allValues("set-cookie"), what);
            // The sandboxed page's own fetch() and modules are cross-origin (its origin is opaque); never credentials.
            assertEquals(List.of("*"), r.headers().allValues("access-control-allow-origin"), what);
            assertEquals(List.of(), r.headers().allValues("access-control-allow-credentials"), what);
            if (r.statusCode() != 200) {
                assertTrue(type(r).startsWith("text/plain"), what + ": small and plain, never the site's layout");
            }
        }
        assertEquals(0, answers.get("200 head").body().length);
        assertEquals(String.valueOf(answers.get("200 html").body().length),
                answers.get("200 head").headers().firstValue("content-length").orElse(""));
        assertTrue(text(answers.get("404 unknown file")).contains("no file named “nothing.html”"));
        assertEquals(List.of("GET, HEAD, OPTIONS"), answers.get("405 post").headers().allValues("allow"));
        HttpResponse<byte[]> preflight = send(HttpRequest.newBuilder(URI.create(good)).method("OPTIONS",
                HttpRequest.BodyPublishers.noBody()).header("Origin", "null")
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "x-mine"));
        assertEquals(204, preflight.statusCode());
        assertEquals("GET, HEAD", preflight.headers().firstValue("access-control-allow-methods").orElse(""));
        assertEquals(PreviewFilter.CSP, preflight.headers().firstValue("content-security-policy").orElse(""));
        assertEquals(List.of(), preflight.headers().allValues("set-cookie"));
    }

    @Test
    void aLoggedInBrowserOpeningTheLinkInATabGetsTheSameAnswerAndItsSessionIsLeftAlone() throws Exception {
        Browser sam = new Browser();
        Browser.Page login = sam.open(server.url("/account/login"));
        assertEquals(303, sam.submit(login, "form[action$=/account/login]",
                Map.of("email", "sam@example.org", "password", PASSWORD)).status());
        String session = sam.cookie("WTESESSION");
        assertNotNull(session);
        // A user who must change their password is sent to do so on every page, but not from the preview.
        server.root().database().run(s -> s.get(User.class, student).setMustChangePassword(true));
        try {
            Browser.Page elsewhere = sam.get(server.url("/modules"));
            assertTrue(elsewhere.location().endsWith("/profile/password"), "the app's pages redirect");
            Browser.Page page = sam.get(url(student, "index.html"));
            assertEquals(200, page.status(), page.body());
            assertEquals(PreviewFilter.CSP, page.header("content-security-policy"));
            assertFalse(page.headers().containsKey("set-cookie"));
            // A form in the preview posting without a CSRF token meets the preview, not the app's CSRF page.
            Browser.Page posted = sam.post(url(student, "index.html"), Map.of("q", "1"));
            assertEquals(405, posted.status());
            assertEquals(PreviewFilter.CSP, posted.header("content-security-policy"));
            assertFalse(posted.headers().containsKey("set-cookie"));
            assertEquals(session, sam.cookie("WTESESSION"), "the session is neither replaced nor ended");
        } finally {
            server.root().database().run(s -> s.get(User.class, student).setMustChangePassword(false));
        }
    }

    @Test
    void anExpiredOrTamperedLinkIsRefusedWithAShortExplanation() throws Exception {
        String secret = server.settings().app().secret();
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        PreviewLinks yesterday = new PreviewLinks(secret, Duration.ofMinutes(60), past);
        HttpResponse<byte[]> expired = get("http://localhost:" + server.port()
                + yesterday.url("/wte", student, part, "index.html"));
        assertEquals(403, expired.statusCode());
        assertEquals("This preview link has expired: save again or reload the page.\n", text(expired));

        // The same clock with a link still valid now: only expiry made the difference.
        PreviewLinks longer = new PreviewLinks(secret, Duration.ofHours(3), past);
        assertEquals(200, get("http://localhost:" + server.port() + longer.url("/wte", student, part, "index.html"))
                .statusCode());

        String good = url(student, "index.html");
        String token = good.split("/")[5];
        String[] fields = token.split("\\.");
        // Another student's files under Sam's signature.
        String otherUser = other + "." + fields[1] + "." + fields[2] + "." + fields[3];
        // Later expiry under the same signature.
        String longerLife = fields[0] + "." + fields[1] + "." + (Long.parseLong(fields[2]) + 86400) + "." + fields[3];
        char last = fields[3].charAt(fields[3].length() - 2);
        String badSignature = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        // A link signed with another secret (another WTE installation).
        String foreign = new PreviewLinks("another-secret-another-secret-another", Duration.ofHours(1), Clock.systemUTC())
                .token(student, part);
        for (String tampered : List.of(otherUser, longerLife, badSignature, foreign, "", "1.2.3", fields[0] + ".x.y.z")) {
            HttpResponse<byte[]> r = get(server.url("/preview/" + tampered + "/index.html"));
            assertEquals(403, r.statusCode(), tampered);
            assertEquals(PreviewFilter.EXPIRED + "\n", text(r), tampered);
            assertFalse(text(r).contains("Olga") || text(r).contains("Ma page"), tampered);
        }
    }

    @Test
    void aLinkDiesWithItsOwnerOrItsPart() throws Exception {
        long[] ids = new long[2];
        server.root().database().run(s -> {
            User gone = user(s, "gone@example.org", "x");
            Part p = new Part(s.get(Part.class, module), PartType.PART, "Doomed", PartStatus.AVAILABLE, Instant.now());
            p.setSortOrder(2);
            s.persist(p);
            s.flush();
            ids[0] = gone.getId();
            ids[1] = p.getId();
            TestWorkspaces.put(s, gone.getId(), part, Map.of("index.html", "<p>gone</p>"));
            TestWorkspaces.put(s, student, p.getId(), Map.of("index.html", "<p>doomed</p>"));
        });
        String goneUser = url(ids[0], part, "index.html");
        String doomedPart = url(student, ids[1], "index.html");
        assertEquals(200, get(goneUser).statusCode());
        assertEquals(200, get(doomedPart).statusCode());

        server.root().database().run(s -> s.get(User.class, ids[0]).setStatus(UserStatus.BLOCKED));
        assertEquals(403, get(goneUser).statusCode(), "a blocked user's files are not shown");

        server.root().database().run(s -> {
            s.createNativeMutationQuery("DELETE FROM app_user WHERE id = :id").setParameter("id", ids[0]).executeUpdate();
            s.createNativeMutationQuery("DELETE FROM part WHERE id = :id").setParameter("id", ids[1]).executeUpdate();
        });
        HttpResponse<byte[]> noUser = get(goneUser);
        assertEquals(403, noUser.statusCode());
        assertTrue(text(noUser).contains("no longer available"), text(noUser));
        HttpResponse<byte[]> noPart = get(doomedPart);
        assertEquals(404, noPart.statusCode());
        assertTrue(text(noPart).contains("This part no longer exists"), text(noPart));
        assertEquals(PreviewFilter.CSP, noPart.headers().firstValue("content-security-policy").orElse(""));
    }

    @Test
    void namesMatchExactlyAndNeverLeaveTheWorkspace() throws Exception {
        String token = url(student, "index.html").split("/")[5];
        assertEquals(404, get(url(student, "Style.css")).statusCode(), "names are case-sensitive, as links are");
        assertEquals(404, get(server.url("/preview/" + token + "/sub/style.css")).statusCode());
        // Encoded separators: Tomcat itself refuses them (400) before any filter; never the file.
        HttpResponse<byte[]> escaped = get(server.url("/preview/" + token + "/..%5Cstyle.css"));
        assertTrue(escaped.statusCode() == 400 || escaped.statusCode() == 404, String.valueOf(escaped.statusCode()));
        assertFalse(text(escaped).contains("green"));
        assertEquals(200, get(server.url("/preview/" + token + "/style.css?v=2#x")).statusCode(),
                "a query string is the student's page's business");
    }

    // ------------------------------------------------------------------ helpers

    private static User user(org.hibernate.Session s, String email, String hash) {
        User u = new User(email, email.substring(0, email.indexOf('@')), UserStatus.ACTIVE, Instant.now());
        u.setPasswordHash(hash);
        s.persist(u);
        return u;
    }

    private static String url(long userId, String file) {
        return url(userId, part, file);
    }

    private static String url(long userId, long partId, String file) {
        return "http://localhost:" + server.port() + server.root().previewLinks().url("/wte", userId, partId, file);
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String type(HttpResponse<?> r) {
        return r.headers().firstValue("content-type").orElse("").replace(" ", "").toLowerCase();
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** A PNG signature and header start (what the upload checks), told apart by its last byte. */
    private static byte[] png(int n) {
        return new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', (byte) n};
    }
}
