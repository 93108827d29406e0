package org.wte.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wte.account.PasswordHasher;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.content.MarkupContent;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.enrolment.Role;
import org.wte.mail.OutboxMail;
import org.wte.testing.Browser;
import org.wte.testing.Multipart;
import org.wte.testing.TestServer;

/**
 * The same application at /wte, at /teaching/web and at /, with real content in it (a teacher's module with
 * a part and a page whose Markdown uses an asset and a cross-reference, an uploaded asset, a timed action,
 * an enrolled student, the administrator). As anonymous, student, teacher and administrator it crawls every
 * same-origin GET link from the home page and checks every URL a page carries (links, forms, scripts, styles,
 * images, srcset, inline CSS url(), data-*-url), every redirect's Location, every cookie's Path and every
 * link in the mails: each stays under the mount, never names another mount or another port, and answers.
 */
class MountPathIT {
    static final String PASSWORD = "a long enough password";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};
    static final List<String> MOUNTS = List.of("/wte", "/teaching/web", "/");
    static final Pattern URL_IN_TEXT = Pattern.compile("https?://[^\\s\"'<>)\\]]*[^\\s\"'<>)\\].,;:!?]");
    static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]+)['\"]?\\s*\\)");
    static final Pattern JSON_URL = Pattern.compile("\"(?:url|href)\"\\s*:\\s*\"([^\"]*)\"");
    static final Pattern HOST_PORT = Pattern.compile("(?i)(?:localhost|127\\.0\\.0\\.1):(\\d+)");

    @ParameterizedTest(name = "mounted at {0}")
    @ValueSource(strings = {"/wte", "/teaching/web", "/"})
    void everyUrlInPagesRedirectsCookiesAndMailsStaysUnderTheMount(String mount) throws Exception {
        try (TestServer server = TestServer.start(mount, 0, "")) {
            new Site(server, mount).check();
        }
    }

    /** The editor's scripts build no root-absolute URL: every URL they use comes from the page's data attributes. */
    @Test
    void theStaticScriptsBuildNoRootAbsoluteUrl() throws Exception {
        // A path literal is only harmless where it is searched for (indexOf), never where a URL is built from it.
        // Going to where the server's own redirect led (an XHR's responseURL, import.js) stays under the mount.
        Pattern rootAbsolute = Pattern.compile("(?<!indexOf\\()['\"`]/[A-Za-z~_]|['\"`]/['\"`]|location\\s*=|location\\.(?:href|assign|replace)(?!\\(xhr\\.responseURL\\))");
        List<String> problems = new ArrayList<>();
        Path js = Path.of(System.getProperty("wte.webapp", "webapp"), "static", "js");
        try (Stream<Path> files = Files.list(js)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (!line.startsWith("//") && !line.startsWith("*") && rootAbsolute.matcher(line).find()) {
                        problems.add(file.getFileName() + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), "root-absolute URLs built in scripts:\n" + String.join("\n", problems));
    }

    private static final class Site {
        final TestServer server;
        final String mount;
        /** "" at /, else the mount: every app path starts with prefix + "/". */
        final String prefix;
        final String origin;
        long module;
        long part;
        long page;
        final List<String> problems = new ArrayList<>();
        /** The status of each resource and endpoint fetched, by URL. */
        final Map<String, Integer> statuses = new HashMap<>();
        int cookies;

        Site(TestServer server, String mount) {
            this.server = server;
            this.mount = mount;
            this.prefix = mount.equals("/") ? "" : mount;
            this.origin = "http://localhost:" + server.port();
        }

        void check() throws Exception {
            assertEquals(origin + prefix, server.url(), "app.url is the origin and the mount");
            String hash = new PasswordHasher().hash(PASSWORD);
            server.root().database().run(s -> {
                user(s, "teacher@example.org", "Tess Teacher", hash).getGroups().add(server.root().users().group(s, "teacher"));
                user(s, "student@example.org", "Sam Student", hash);
            });
            server.root().administrators().create("root@example.org", PASSWORD, false);

            Browser teacher = login("teacher@example.org");
            buildContent(teacher);
            Browser student = login("student@example.org");
            Browser admin = login("root@example.org");
            checkRenderedMarkup(student);
            checkProgress(student, teacher);
            checkDownload(student);
            checkPreview(teacher);
            checkQuiz(student);
            checkWorkspacePreview();
            triggerMails();

            crawl("anonymous", new Browser());
            crawl("student", student);
            crawl("teacher", teacher);
            crawl("admin", admin);
            Browser.Page results = teacher.open(server.url("/parts/" + module + "/quiz-results"));
            assertEquals(200, results.status(), results.body());
            assertNotNull(results.doc().selectFirst("a[href=" + prefix + "/parts/" + module + "/quiz-results.csv]"),
                    results.body());
            checkPage("quiz results", results.body(), results.url(), teacher);
            checkMails();
            checkReturnTo();
            checkErrorPages(student);
            checkFormsShownAgain(teacher);
            checkExportAndImport(teacher);
            checkLogout(student);
            assertTrue(cookies > 0, "a Set-Cookie was seen and checked");
            // The crawl reached the editor's endpoints and the static files, and they answered.
            assertEquals(200, statuses.get(server.url("/parts/" + page + "/assets.json")), statuses.keySet().toString());
            assertEquals(200, statuses.get(server.url("/parts/" + page + "/xrefs.json")), statuses.keySet().toString());
            assertEquals(200, statuses.get(server.url("/static/css/wte.css")), statuses.keySet().toString());
            assertEquals(200, statuses.get(server.url("/static/js/editor.js")), statuses.keySet().toString());
            assertEquals(200, statuses.get(server.url("/parts/" + part + "/workspace/files")), statuses.keySet().toString());
            assertEquals(200, statuses.get(server.url("/static/js/workspace.js")), statuses.keySet().toString());
            assertEquals(200, statuses.get(server.url("/webjars/codemirror/5.65.16/lib/codemirror.js")),
                    statuses.keySet().toString());
            // The quiz script's endpoints (from data-quiz-url and its JSON) and the script itself answered.
            assertEquals(200, statuses.get(server.url("/parts/" + page + "/quizzes")), statuses.keySet().toString());
            assertEquals(200, statuses.get(server.url("/parts/" + page + "/quizzes/first/answers")),
                    statuses.keySet().toString());
            assertEquals(200, statuses.get(server.url("/static/js/quiz.js")), statuses.keySet().toString());
            assertTrue(problems.isEmpty(), "at " + mount + ", " + problems.size() + " problems:\n"
                    + String.join("\n", new TreeSet<>(problems)));
        }

        // ------------------------------------------------------------------ content, through the pages

        void buildContent(Browser teacher) throws Exception {
            Browser.Page created = expectRedirect(teacher, teacher.submit(teacher.open(server.url("/modules/new")),
                    "form[action$=/modules]", Map.of("title", "Web Basics", "label", "")));
            module = Long.parseLong(created.location().replaceAll(".*/parts/(\\d+).*", "$1"));
            Browser.Page newPart = expectRedirect(teacher, teacher.submit(teacher.open(server.url("/parts/" + module + "/new")),
                    "form[action$=/new]", Map.of("title", "HTML", "label", "Tutorial")));
            part = Long.parseLong(newPart.location().replaceAll(".*/parts/(\\d+)/edit", "$1"));
            Browser.Page newPage = expectRedirect(teacher, teacher.submit(teacher.open(server.url("/parts/" + part + "/new")),
                    "form[action$=/new]", Map.of("title", "First page", "label", "")));
            page = Long.parseLong(newPage.location().replaceAll(".*/parts/(\\d+)/edit", "$1"));

            Browser.Page assets = teacher.open(server.url("/parts/" + part + "/assets"));
            Element upload = assets.doc().selectFirst("form.upload-form");
            assertNotNull(upload, assets.body());
            expectRedirect(teacher, teacher.send(new Multipart().file("file", "logo.png", "image/png", PNG)
                    .field("name", "").post(upload.absUrl("action"))));

            server.root().database().run(s -> {
                for (long id : List.of(module, part, page)) {
                    s.get(Part.class, id).setStatus(PartStatus.AVAILABLE);
                }
                // The part's pages show the three-pane workspace (its endpoints and preview are crawled too).
                s.get(Part.class, part).setDisplayMode(org.wte.content.DisplayMode.WORKSPACE);
            });
            // The module is opened for enrolment, and the student enrols through the page.
            expectRedirect(teacher, teacher.submit(teacher.open(server.url("/modules/" + module + "/access")), "form.access-form",
                    Map.of("open", "1", "password", "", "domains", "")));
            Browser student = login("student@example.org");
            Browser.Page enrol = student.open(server.url("/modules/" + module + "/enrol"));
            assertEquals(200, enrol.status(), enrol.body());
            checkPage("enrol page", enrol.body(), enrol.url(), student);
            expectRedirect(student, student.submit(enrol, "form.enrol-form", Map.of()));
            assertTrue(server.root().database().inTransaction(s -> s.createQuery(
                    "select count(r) from ModuleRole r where r.module.id = :m and r.role = :role", Long.class)
                    .setParameter("m", module).setParameter("role", Role.STUDENT).getSingleResult()) == 1, "enrolled");

            // The page's Markdown: an image and a link to an asset, a cross-reference, a relative link.
            Browser.Page edit = teacher.open(server.url("/parts/" + page + "/edit"));
            expectRedirect(teacher, teacher.submit(edit, "#editor-form", Map.of("content", """
                    # Welcome

                    ![The logo](asset:logo.png)

                    Download [the logo](asset:logo.png), then read [](part:%d).

                    ```quiz key="first"
                    ? Is this a quiz?
                    - [x] Yes
                    - [ ] No
                    ```
                    """.formatted(part), "notify", "1", "notify_message", ("The first page is ready: [read it](/parts/%d), then [the part](parts/%d)"
                    + " or https://example.org/elsewhere.").formatted(page, part))));

            // A timed action on the part, three days ahead.
            Instant due = Instant.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            String[] when = LocalTimes.fields(due, ZoneId.of("Europe/London"));
            Browser.Page form = teacher.open(server.url("/parts/" + part + "/timed-actions/new?type=change-status"));
            assertEquals(200, form.status(), form.body());
            expectRedirect(teacher, teacher.submit(form, "form.timed-action-form", Map.of("date", when[0], "time", when[1],
                    "offset", when[2], "status", "unavailable", "save", "schedule")));
        }

        void checkRenderedMarkup(Browser student) throws Exception {
            Browser.Page shown = student.open(server.url("/parts/" + page));
            assertEquals(200, shown.status(), shown.body());
            Element content = shown.doc().selectFirst("img[alt=The logo]");
            assertNotNull(content, shown.body());
            assertEquals(prefix + "/parts/" + part + "/assets/logo.png", content.attr("src"));
            Element download = shown.doc().select("a").stream().filter(a -> a.text().equals("the logo")).findFirst().orElse(null);
            assertNotNull(download, shown.body());
            assertEquals(prefix + "/parts/" + part + "/assets/logo.png", download.attr("href"));
            Element xref = shown.doc().selectFirst("a.wte-xref");
            assertNotNull(xref, shown.body());
            assertEquals(prefix + "/parts/" + part, xref.attr("href"));
            assertEquals("HTML", xref.text());
            assertEquals(200, student.download(origin + content.attr("src")).status());
        }

        /**
         * Progress: the page's time-on-page beacon URL (data-time-url, read by time-on-page.js) is under the mount
         * and records; the teacher's dashboard and its CSV answer under the mount.
         */
        void checkProgress(Browser student, Browser teacher) throws Exception {
            Browser.Page shown = student.open(server.url("/parts/" + page));
            Element box = shown.doc().selectFirst("#time-on-page");
            assertNotNull(box, shown.body());
            assertEquals(prefix + "/parts/" + page + "/time", box.attr("data-time-url"));
            Browser.Page beacon = student.send(HttpRequest.newBuilder(URI.create(origin + box.attr("data-time-url")))
                    .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(Map.of("_csrf", box.attr("data-csrf"),
                            "seconds", "7")))));
            assertEquals(204, beacon.status(), beacon.body());
            long seconds = server.root().database().inTransaction(s -> ((Number) s.createNativeQuery(
                    "SELECT SUM(active_seconds) FROM page_visit WHERE page_id = :p", Object.class)
                    .setParameter("p", page).getSingleResult()).longValue());
            assertEquals(7, seconds, "the beacon at " + mount + " was recorded");
            Browser.Page dashboard = teacher.open(server.url("/parts/" + part + "/progress"));
            assertEquals(200, dashboard.status(), dashboard.body());
            assertNotNull(dashboard.doc().selectFirst("a[href=" + prefix + "/parts/" + page + "]"),
                    "the student's current page, linked under the mount: " + dashboard.body());
            checkPage("progress dashboard", dashboard.body(), dashboard.url(), teacher);
            Browser.Download csv = teacher.download(server.url("/parts/" + part + "/progress.csv"));
            assertEquals(200, csv.status());
            assertTrue(csv.text().contains("student@example.org"), csv.text());
        }

        /**
         * The part downloaded for offline reading: inside the ZIP, links are relative to its files, and the
         * only absolute ones lead to the site under the mount (from app.url); nothing is root-absolute.
         */
        void checkDownload(Browser student) throws Exception {
            Browser.Download zip = student.download(server.url("/parts/" + part + "/download"));
            assertEquals(200, zip.status());
            Map<String, String> html = new HashMap<>();
            java.util.Set<String> entries = new java.util.HashSet<>();
            try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                    new java.io.ByteArrayInputStream(zip.body()))) {
                for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    entries.add(e.getName());
                    byte[] bytes = in.readAllBytes();
                    if (e.getName().endsWith(".html")) {
                        html.put(e.getName(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
            assertTrue(entries.contains("assets/logo.png") && html.containsKey("01-first-page.html"), entries.toString());
            for (Map.Entry<String, String> file : html.entrySet()) {
                for (Element e : Jsoup.parse(file.getValue()).select("[href], [src]")) {
                    String url = e.hasAttr("href") ? e.attr("href") : e.attr("src");
                    String what = "download " + file.getKey() + " <" + e.tagName() + ">";
                    if (url.startsWith("http")) {
                        checkUrl(what, url, server.url("/"));
                        if (url.startsWith(origin) && !url.startsWith(server.url() + "/")) {
                            problems.add(what + " leaves the mount: " + url);
                        }
                    } else if (url.startsWith("/") || !entries.contains(url.split("#")[0])) {
                        problems.add(what + " is not an entry of the ZIP: " + url);
                    }
                }
            }
        }

        /** The editor's preview (fetched by editor.js from data-preview-url) completes the links the same way. */
        void checkPreview(Browser teacher) throws Exception {
            Browser.Page edit = teacher.open(server.url("/parts/" + page + "/edit"));
            Element form = edit.doc().selectFirst("#editor-form");
            String previewUrl = form.attr("data-preview-url");
            assertEquals(prefix + "/parts/" + page + "/preview", previewUrl);
            Browser.Page preview = teacher.send(HttpRequest.newBuilder(URI.create(origin + previewUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-CSRF-Token", form.attr("data-csrf"))
                    .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(Map.of("content",
                            "![x](asset:logo.png) [](part:" + part + ")")))));
            assertEquals(200, preview.status(), preview.body());
            assertEquals(prefix + "/parts/" + part + "/assets/logo.png", preview.doc().selectFirst("img").attr("src"));
            assertEquals(prefix + "/parts/" + part, preview.doc().selectFirst("a.wte-xref").attr("href"));
            checkPage("preview", preview.body(), preview.url(), teacher);
        }

        /**
         * The quiz script's URLs: the page names its JSON endpoint under the mount, the JSON names each quiz's
         * answer URL under the mount, and an answer posted there with the page's token is graded; the teacher's
         * results page and its CSV link stay under the mount too.
         */
        void checkQuiz(Browser student) throws Exception {
            Browser.Page shown = student.open(server.url("/parts/" + page));
            Element data = shown.doc().selectFirst("#wte-quiz-data");
            assertNotNull(data, shown.body());
            assertEquals(prefix + "/parts/" + page + "/quizzes", data.attr("data-quiz-url"));
            Browser.Page state = student.get(origin + data.attr("data-quiz-url"));
            assertEquals(200, state.status(), state.body());
            Matcher url = JSON_URL.matcher(state.body());
            assertTrue(url.find(), state.body());
            assertEquals(prefix + "/parts/" + page + "/quizzes/first/answers", url.group(1));
            Browser.Page checked = student.send(HttpRequest.newBuilder(URI.create(origin + url.group(1)))
                    .header("Content-Type", "application/json").header("X-CSRF-Token", data.attr("data-csrf"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"answers\": {\"0\": [0]}}")));
            assertEquals(200, checked.status(), checked.body());
            assertTrue(checked.body().contains("\"correct\":true"), checked.body());
        }

        /**
         * A student's workspace preview (a signed link, no session): the link, the frame script it injects and
         * what the student's relative links resolve to (their own style sheet, the part's asset) stay under the
         * mount and answer, and no cookie is set.
         */
        void checkWorkspacePreview() throws Exception {
            long studentId = server.root().database().inTransaction(s -> {
                long id = s.createQuery("select u.id from User u where u.email = :e", Long.class)
                        .setParameter("e", "student@example.org").getSingleResult();
                org.wte.testing.TestWorkspaces.put(s, id, part, Map.of("index.html", "<!DOCTYPE html><html><head>"
                        + "<title>Mine</title><link rel=\"stylesheet\" href=\"style.css\"></head>"
                        + "<body><img src=\"logo.png\" alt=\"\"></body></html>", "style.css", "body { color: teal; }"));
                return id;
            });
            String link = server.root().previewLinks().url(prefix, studentId, part, "index.html");
            checkPathUnderMount("preview link", link, link);
            Browser visitor = new Browser();
            Browser.Page shown = visitor.get(origin + link);
            assertEquals(200, shown.status(), shown.body());
            assertFalse(shown.headers().containsKey("set-cookie"), "the preview sets no cookie");
            Element script = shown.doc().selectFirst("head > script[src]");
            assertNotNull(script, shown.body());
            assertEquals(prefix + "/static/js/preview-frame.js", script.attr("src"));
            checkUrl("workspace preview <script>", script.attr("src"), shown.url());
            for (Element r : shown.doc().select("script[src], link[href], img[src]")) {
                String resource = r.absUrl(r.hasAttr("href") ? "href" : "src");
                checkPathUnderMount("workspace preview <" + r.tagName() + ">", URI.create(resource).getRawPath(), resource);
                checkAnswers(visitor, "workspace preview <" + r.tagName() + ">", resource, false);
            }
            assertEquals(200, statuses.get(origin + link.replace("index.html", "logo.png")), statuses.keySet().toString());
        }

        /** Logging out: the redirect stays under the mount, and the cookie it clears is the mount's. */
        void checkLogout(Browser b) throws Exception {
            Browser.Page home = b.open(server.url("/"));
            Element form = home.doc().selectFirst("form[action$=/account/logout]");
            assertNotNull(form, home.body());
            checkUrl("logout form", form.attr("action"), home.url());
            Browser.Page out = b.submit(home, "form[action$=/account/logout]", Map.of());
            assertEquals(3, out.status() / 100, out.body());
            checkUrl("logout Location", out.location(), out.url());
            checkCookies("logout", out);
            assertEquals(3, b.get(server.url("/profile")).status() / 100, "logged out");
        }

        // ------------------------------------------------------------------ mails

        void triggerMails() throws Exception {
            Browser anonymous = new Browser();
            Browser.Page registered = anonymous.submit(anonymous.open(server.url("/account/register")),
                    "form[action$=/account/register]", Map.of("email", "newcomer@example.org", "display_name", "New Comer"));
            assertEquals(200, registered.status(), registered.body());
            Browser.Page forgot = anonymous.submit(anonymous.open(server.url("/account/forgot")),
                    "form[action$=/account/forgot]", Map.of("email", "student@example.org"));
            assertTrue(forgot.status() == 200 || forgot.status() == 303, forgot.body());
        }

        void checkMails() throws Exception {
            List<OutboxMail> mails = server.root().database().inTransaction(s -> server.root().outbox().recent(s, 0, 100));
            Set<String> subjects = new TreeSet<>();
            Set<String> urls = new LinkedHashSet<>();
            for (OutboxMail mail : mails) {
                subjects.add(mail.getRecipient() + ": " + mail.getSubject());
                Matcher m = URL_IN_TEXT.matcher(mail.getBodyText());
                while (m.find()) {
                    urls.add(m.group());
                }
                if (mail.getBodyHtml() != null) {
                    Document html = Jsoup.parse(mail.getBodyHtml());
                    for (Element e : html.select("[href], [src]")) {
                        String url = e.hasAttr("href") ? e.attr("href") : e.attr("src");
                        if (url.startsWith("mailto:") || url.startsWith("#")) {
                            continue;
                        }
                        if (!url.startsWith("http://") && !url.startsWith("https://")) {
                            problems.add("mail '" + mail.getSubject() + "': a link that is not absolute: " + url);
                        }
                        urls.add(url);
                    }
                }
            }
            assertTrue(mails.stream().anyMatch(m -> m.getRecipient().equals("newcomer@example.org")), subjects.toString());
            assertTrue(mails.stream().anyMatch(m -> m.getRecipient().equals("student@example.org")
                    && m.getBodyText().contains("/account/reset/")), "a reset mail: " + subjects);
            assertTrue(mails.stream().anyMatch(m -> m.getRecipient().equals("student@example.org")
                    && m.getBodyText().contains("The first page is ready")), "the module's notification: " + subjects);
            assertTrue(urls.contains(server.url("/parts/" + page)), "the teacher's link to the page, made absolute: " + urls);
            assertTrue(urls.contains(server.url("/parts/" + part)), "the teacher's relative link, made absolute: " + urls);
            assertTrue(urls.stream().anyMatch(u -> u.startsWith(server.url("/account/confirm/"))), "confirm: " + urls);
            assertTrue(urls.stream().anyMatch(u -> u.startsWith(server.url("/account/reset/"))), "reset: " + urls);
            urls.remove("https://example.org/elsewhere");
            Browser reader = new Browser();
            for (String url : urls) {
                if (!url.startsWith(origin + "/") && !url.equals(origin) && url.contains("localhost")) {
                    problems.add("mail link not from app.url: " + url);
                    continue;
                }
                if (!url.startsWith(server.url() + "/") && !url.equals(server.url())) {
                    problems.add("mail link not under app.url " + server.url() + ": " + url);
                    continue;
                }
                checkPathUnderMount("mail link", URI.create(url).getRawPath(), url);
                Browser.Page opened = reader.get(url);
                if (opened.status() == 404 || opened.status() >= 500) {
                    problems.add("mail link answers " + opened.status() + ": " + url);
                } else if (opened.status() / 100 == 3) {
                    checkUrl("mail link " + url + " Location", opened.location(), url);
                } else if (opened.header("content-type").startsWith("text/html")) {
                    checkPage("mail link " + url, opened.body(), url, reader);
                }
            }
        }

        /** Logging in from a page one was sent away from returns there, under the mount; a foreign return_to does not leave it. */
        void checkReturnTo() throws Exception {
            for (String returnTo : List.of("/parts/" + page, "//evil.example/x", "https://evil.example/")) {
                Browser b = new Browser();
                Browser.Page form = b.open(server.url("/account/login?return_to=" + java.net.URLEncoder.encode(returnTo, "UTF-8")));
                checkPage("login form, return_to " + returnTo, form.body(), form.url(), b);
                Browser.Page in = b.submit(form, "form[action$=/account/login]",
                        Map.of("email", "student@example.org", "password", PASSWORD));
                assertEquals(303, in.status(), in.body());
                checkUrl("login with return_to " + returnTo + " Location", in.location(), in.url());
                if (returnTo.equals("/parts/" + page)) {
                    assertEquals(prefix + "/parts/" + page, URI.create(in.url()).resolve(in.location()).getRawPath());
                }
            }
        }

        /** A one-time password is sent to change it; forms shown again with their errors keep their actions under the mount. */
        void checkFormsShownAgain(Browser teacher) throws Exception {
            server.root().administrators().create("once@example.org", PASSWORD, true);
            Browser once = new Browser();
            Browser.Page in = once.submit(once.open(server.url("/account/login")), "form[action$=/account/login]",
                    Map.of("email", "once@example.org", "password", PASSWORD));
            checkUrl("one-time login Location", in.location(), in.url());
            Browser.Page away = once.get(server.url("/modules"));
            assertEquals(3, away.status() / 100, "sent to change the password: " + away.status());
            checkUrl("one-time password Location", away.location(), away.url());
            assertTrue(away.location().endsWith(prefix + "/profile/password"), away.location());

            Browser anonymous = new Browser();
            List<Browser.Page> shownAgain = List.of(
                    anonymous.submit(anonymous.open(server.url("/account/login")), "form[action$=/account/login]",
                            Map.of("email", "student@example.org", "password", "wrong password")),
                    anonymous.submit(anonymous.open(server.url("/account/register")), "form[action$=/account/register]",
                            Map.of("email", "not an address", "display_name", "")),
                    anonymous.submit(anonymous.open(server.url("/account/forgot")), "form[action$=/account/forgot]",
                            Map.of("email", "")),
                    teacher.submit(teacher.open(server.url("/parts/" + page + "/edit")), "#editor-form",
                            Map.of("title", "", "content", "x")),
                    teacher.submit(teacher.open(server.url("/parts/" + part + "/timed-actions/new?type=change-status")),
                            "form.timed-action-form", Map.of("date", "", "time", "", "save", "schedule")),
                    teacher.submit(teacher.open(server.url("/modules/new")), "form[action$=/modules]", Map.of("title", "")));
            for (Browser.Page page : shownAgain) {
                assertTrue(page.status() == 400 || page.status() == 401 || page.status() == 200, page.url() + " " + page.status());
                assertNotNull(page.doc().selectFirst("form[method=post]"), "the form is shown again: " + page.url());
                checkPage(page.status() + " shown again " + page.url(), page.body(), page.url(), teacher);
            }
        }

        /** The site's own error pages (from Jersey and from Tomcat's error dispatch) link under the mount too. */
        void checkErrorPages(Browser student) throws Exception {
            Map<String, Integer> errors = Map.of("/no/such/page", 404, "/parts/999999", 404, "/static/no-such.css", 404,
                    "/parts/abc/edit", 404, "/parts/" + page + "/preview", 405, "/parts/" + page + "/timed-actions", 403);
            for (String path : errors.keySet()) {
                Browser.Page error = student.get(server.url(path));
                assertEquals(errors.get(path), error.status(), path);
                assertTrue(error.header("content-type").startsWith("text/html"), path + ": " + error.header("content-type"));
                checkPage(error.status() + " " + path, error.body(), error.url(), student);
                assertNotNull(Jsoup.parse(error.body()).selectFirst("link[rel=stylesheet]"), "in the site's layout: " + path);
            }
            Browser.Page refused = student.post(server.url("/profile"), Map.of("display_name", "No token"));
            assertEquals(403, refused.status(), "no CSRF token");
            checkPage("403 without a CSRF token", refused.body(), refused.url(), student);
        }

        // ------------------------------------------------------------------ the crawl

        void crawl(String who, Browser browser) throws Exception {
            Deque<String> queue = new ArrayDeque<>();
            Set<String> seen = new LinkedHashSet<>();
            queue.add(server.url() + (prefix.isEmpty() ? "/" : ""));
            queue.add(server.url() + "/");
            queue.add(server.url("/parts/" + page));
            queue.add(server.url("/parts/" + page + "/edit"));
            int fetched = 0;
            while (!queue.isEmpty() && fetched < 400) {
                String url = queue.poll();
                if (!seen.add(url)) {
                    continue;
                }
                fetched++;
                Browser.Page response = browser.get(url);
                String where = who + " " + url.substring(origin.length());
                checkCookies(where, response);
                int status = response.status();
                if (status / 100 == 3) {
                    String location = response.location();
                    checkUrl(where + " Location", location, url);
                    String next = URI.create(url).resolve(location).toString();
                    if (next.startsWith(origin + "/")) {
                        queue.add(withoutFragment(next));
                    }
                    continue;
                }
                if (status != 200 && status != 403) {
                    problems.add(where + " answers " + status);
                    continue;
                }
                String type = response.header("content-type");
                // A workspace preview shows the student's own HTML, relative links and all (checkWorkspacePreview
                // checks where they lead); only WTE's own pages are held to the mount rules here.
                if (!type.startsWith("text/html") || url.startsWith(server.url("/preview/"))) {
                    continue;
                }
                checkPage(where, response.body(), url, browser);
                Document doc = Jsoup.parse(response.body(), url);
                for (Element a : doc.select("a[href]")) {
                    String next = withoutFragment(a.absUrl("href"));
                    if (next.startsWith(origin + "/") && !next.contains("/account/logout")) {
                        queue.add(next);
                    }
                }
                for (Element form : doc.select("form")) {
                    if (form.attr("method").equalsIgnoreCase("get") && form.absUrl("action").startsWith(origin + "/")) {
                        queue.add(getFormUrl(form));
                    }
                }
            }
            assertTrue(fetched < 400, who + ": the crawl did not end: " + seen.size() + " pages");
            assertTrue(fetched > (who.equals("anonymous") ? 5 : 8), who + ": too few pages: " + seen);
            System.out.printf("MountPathIT %s %s: %d URLs fetched%n", mount, who, fetched);
        }

        /** Every URL an HTML page carries; the resources it loads and the endpoints its scripts call must answer. */
        void checkPage(String where, String body, String url, Browser browser) throws Exception {
            if (body.contains(MarkupContent.ROOT)) {
                problems.add(where + ": the stored-HTML marker " + MarkupContent.ROOT + " is left in the page");
            }
            Document doc = Jsoup.parse(body, url);
            for (Element e : doc.getAllElements()) {
                for (Attribute a : e.attributes()) {
                    String name = a.getKey();
                    String value = a.getValue();
                    String what = where + " <" + e.tagName() + " " + name + ">";
                    switch (name) {
                        case "href", "src", "action", "formaction", "poster", "data" -> checkUrl(what, value, url);
                        case "srcset" -> {
                            for (String candidate : value.split(",")) {
                                checkUrl(what, candidate.strip().split("\\s+")[0], url);
                            }
                        }
                        case "style" -> checkCss(what, value, url);
                        default -> {
                            if (name.startsWith("data-") && (name.endsWith("-url") || name.endsWith("-href")
                                    || value.startsWith("/") || value.startsWith("http"))) {
                                checkUrl(what, value, url);
                                if (name.endsWith("-url") && !value.isEmpty()) {
                                    checkAnswers(browser, what, URI.create(url).resolve(value).toString(), true);
                                }
                            }
                        }
                    }
                }
            }
            for (Element style : doc.select("style")) {
                checkCss(where + " <style>", style.data(), url);
            }
            for (Element r : doc.select("link[href], script[src], img[src], source[src], iframe[src]")) {
                String resource = r.absUrl(r.hasAttr("href") ? "href" : "src");
                if (resource.startsWith(origin + "/")) {
                    checkAnswers(browser, where + " <" + r.tagName() + ">", resource, false);
                }
            }
        }

        /** A resource (style sheet, script, image) or a script's endpoint must load; style sheets' own url()s too. */
        void checkAnswers(Browser browser, String what, String url, boolean endpoint) throws Exception {
            if (statuses.containsKey(url)) {
                return;
            }
            Browser.Download got = browser.download(url);
            statuses.put(url, got.status());
            boolean ok = endpoint ? got.status() != 404 && got.status() < 500 : got.status() == 200;
            if (!ok) {
                problems.add(what + " " + url + " answers " + got.status());
            }
            if (got.status() == 200 && got.header("content-type").startsWith("application/json")) {
                Matcher m = JSON_URL.matcher(got.text());
                while (m.find()) {
                    checkUrl(what + " " + url + " JSON", m.group(1), url);
                    checkAnswers(browser, what + " " + url + " JSON", URI.create(url).resolve(m.group(1)).toString(), false);
                }
            }
            if (got.status() == 200 && got.header("content-type").startsWith("text/css")) {
                Matcher m = CSS_URL.matcher(got.text());
                while (m.find()) {
                    String ref = m.group(1).strip();
                    if (ref.startsWith("data:")) {
                        continue;
                    }
                    String target = URI.create(url).resolve(ref).toString();
                    // Relative to the style sheet is mount-proof; where it leads must be under the mount.
                    checkUrl(what + " " + url + " url()", ref.startsWith("/") || ref.contains(":") ? ref : target, url);
                    if (target.startsWith(origin + "/")) {
                        checkAnswers(browser, what + " " + url + " url()", withoutFragment(target), false);
                    }
                }
            }
        }

        void checkCss(String what, String css, String base) {
            Matcher m = CSS_URL.matcher(css);
            while (m.find()) {
                if (!m.group(1).strip().startsWith("data:")) {
                    checkUrl(what + " url()", m.group(1).strip(), base);
                }
            }
        }

        void checkCookies(String where, Browser.Page response) {
            for (String cookie : response.headers().getOrDefault("set-cookie", List.of())) {
                cookies++;
                Matcher m = Pattern.compile("(?i);\\s*Path=([^;]*)").matcher(cookie);
                String path = m.find() ? m.group(1).strip() : "(none)";
                String expected = prefix.isEmpty() ? "/" : prefix;
                if (!path.equals(expected)) {
                    problems.add(where + " Set-Cookie path " + path + ", not " + expected + ": " + cookie);
                }
            }
        }

        /** One URL from a page or a header: an anchor, mailto:, an external https URL, or a path under the mount. */
        void checkUrl(String what, String raw, String base) {
            String url = raw.strip();
            if (url.isEmpty() || url.startsWith("#") || url.startsWith("mailto:")) {
                return;
            }
            if (url.regionMatches(true, 0, "javascript:", 0, 11) || url.regionMatches(true, 0, "data:", 0, 5)
                    && !url.regionMatches(true, 0, "data:image/", 0, 11)) {
                problems.add(what + ": a script or data URL: " + url);
                return;
            }
            if (url.startsWith("//")) {
                problems.add(what + ": protocol-relative: " + url);
                return;
            }
            Matcher port = HOST_PORT.matcher(url);
            while (port.find()) {
                if (!port.group(1).equals(String.valueOf(server.port()))) {
                    problems.add(what + ": names another port: " + url);
                }
            }
            if (url.matches("(?i)https?://.*")) {
                URI uri = URI.create(url);
                if (uri.getHost() != null && (uri.getHost().equals("localhost") || uri.getHost().equals("127.0.0.1"))) {
                    checkPathUnderMount(what, uri.getRawPath(), url);
                }
                return;
            }
            if (url.startsWith("?")) {
                return;
            }
            if (!url.startsWith("/")) {
                problems.add(what + ": a relative URL (resolves to "
                        + URI.create(base).resolve(url).getRawPath() + "): " + url);
                return;
            }
            checkPathUnderMount(what, url, url);
        }

        void checkPathUnderMount(String what, String path, String url) {
            if (path == null || path.isEmpty()) {
                path = "/";
            }
            if (!(path.equals(prefix) || path.startsWith(prefix + "/")) || path.startsWith("//")) {
                problems.add(what + ": not under the mount " + mount + ": " + url);
                return;
            }
            String rest = path.substring(prefix.length());
            for (String other : MOUNTS) {
                if (!other.equals("/") && !other.equals(mount) && (rest + "/").startsWith(other + "/")) {
                    problems.add(what + ": names the mount " + other + ": " + url);
                }
            }
            if (!prefix.isEmpty() && (rest + "/").startsWith(prefix + "/")) {
                problems.add(what + ": the mount twice: " + url);
            }
        }

        // ------------------------------------------------------------------ helpers

        /** A page exported through its form and imported into its part: the upload's redirect and the report. */
        void checkExportAndImport(Browser teacher) throws Exception {
            Browser.Page form = teacher.open(server.url("/parts/" + page + "/export"));
            checkPage("teacher export form", form.body(), form.url(), teacher);
            org.jsoup.nodes.Element exportForm = form.doc().selectFirst("form.export-form");
            Browser.Download zip = teacher.download(java.net.http.HttpRequest.newBuilder(URI.create(
                            exportForm.absUrl("action"))).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Browser.encode(Map.of("_csrf",
                            exportForm.selectFirst("input[name=_csrf]").val())))));
            assertEquals(200, zip.status(), zip.text());
            Browser.Page importForm = teacher.open(server.url("/imports/new?into=" + part));
            checkPage("teacher import form", importForm.body(), importForm.url(), teacher);
            String action = importForm.doc().selectFirst("form.import-form").absUrl("action");
            Browser.Page posted = expectRedirect(teacher, teacher.send(new org.wte.testing.Multipart()
                    .file("file", "page.zip", "application/zip", zip.body()).post(action)));
            Browser.Page report = teacher.open(URI.create(posted.url()).resolve(posted.location()).toString());
            assertEquals(200, report.status(), report.body());
            checkPage("teacher import report", report.body(), report.url(), teacher);
        }

        Browser.Page expectRedirect(Browser b, Browser.Page response) {
            assertEquals(303, response.status(), response.url() + "\n" + response.body());
            checkUrl("redirect from " + response.url(), response.location(), response.url());
            return response;
        }

        Browser login(String email) throws Exception {
            Browser b = new Browser();
            Browser.Page form = b.open(server.url("/account/login"));
            Browser.Page in = b.submit(form, "form[action$=/account/login]", Map.of("email", email, "password", PASSWORD));
            assertEquals(303, in.status(), in.body());
            checkUrl("login redirect", in.location(), in.url());
            checkCookies("login", in);
            assertFalse(b.cookie("WTESESSION") == null, "a session cookie");
            return b;
        }

        static User user(org.hibernate.Session s, String email, String name, String hash) {
            User u = new User(email, name, UserStatus.ACTIVE, Instant.now());
            u.setPasswordHash(hash);
            s.persist(u);
            return u;
        }

        /** A GET form submitted as a browser would with its initial values (a select's first or selected option). */
        static String getFormUrl(Element form) {
            StringBuilder query = new StringBuilder();
            for (Element field : form.select("input[name], select[name]")) {
                String type = field.attr("type");
                if ((type.equals("checkbox") || type.equals("radio")) && !field.hasAttr("checked") || type.equals("submit")) {
                    continue;
                }
                String value = field.tagName().equals("select")
                        ? field.select("option").stream().filter(o -> o.hasAttr("selected")).findFirst()
                                .or(() -> field.select("option").stream().findFirst()).map(Element::val).orElse("")
                        : field.val();
                query.append(query.length() == 0 ? "" : "&").append(Browser.encode(Map.of(field.attr("name"), value)));
            }
            return withoutFragment(form.absUrl("action")) + "?" + query;
        }

        static String withoutFragment(String url) {
            int hash = url.indexOf('#');
            return hash < 0 ? url : url.substring(0, hash);
        }
    }
}
