package org.wte.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.account.PasswordHasher;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.asset.AssetKind;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.Role;
import org.wte.testing.Browser;
import org.wte.testing.TestServer;

/**
 * A part downloaded for offline reading, over HTTP on embedded Tomcat at /wte: the ZIP's entries, every HTML
 * file parses, links between files and images resolve to entries, links leaving the part are absolute to
 * the site, quizzes cannot be answered and videos are links; a student does not get an unavailable page,
 * the owner does; strangers get 404 and anonymous visitors the login page.
 */
class PartDownloadIT {
    static final String PASSWORD = "a long enough password";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};
    static final byte[] CSV = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    private static TestServer server;
    private static String site;
    private static long module;
    private static long part;
    private static long intro;
    private static long hidden;
    private static long styles;
    private static long elsewhere;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("/wte", 0, "");
        site = server.settings().app().url();
        String hash = new PasswordHasher().hash(PASSWORD);
        server.root().database().run(s -> {
            User owner = user(s, "owner@example.org", hash);
            User student = user(s, "student@example.org", hash);
            user(s, "stranger@example.org", hash);
            Instant now = Instant.now();
            Part m = new Part(null, PartType.MODULE, "Web basics", PartStatus.AVAILABLE, now);
            s.persist(m);
            Part p = new Part(m, PartType.PART, "Week 1: HTML & CSS", PartStatus.AVAILABLE, now);
            s.persist(p);
            Part q = new Part(m, PartType.PART, "Week 2", PartStatus.AVAILABLE, now);
            q.setSortOrder(1);
            s.persist(q);
            Part p1 = page(s, p, "Intro: HTML!", PartStatus.AVAILABLE, 0);
            Part p2 = page(s, p, "Hidden solutions", PartStatus.UNAVAILABLE, 1);
            Part p3 = page(s, p, "Styles", PartStatus.AVAILABLE, 2);
            Part q1 = page(s, q, "Forms", PartStatus.AVAILABLE, 0);
            s.persist(new ModuleRole(m, owner, Role.OWNER, now));
            s.persist(new ModuleRole(m, student, Role.STUDENT, now));
            server.root().assets().upload(s, p, AssetKind.ASSET, "diagram.png", PNG);
            server.root().assets().upload(s, m, AssetKind.ASSET, "data sheet.csv", CSV);
            compile(s, p, "The week's plan, with ![the diagram](asset:diagram.png).\n");
            compile(s, p1, """
                    ## Start

                    ![Diagram](asset:diagram.png) and [the data](<asset:data sheet.csv>).
                    Next: [](page:%d); later: [](page:%d); the answers: [](page:%d).

                    ```quiz
                    ? What does HTML stand for?
                    - [x] HyperText Markup Language
                    - [ ] High Tech Modern Language
                    ```

                    ```video title="Tags explained"
                    https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42
                    ```

                    ```show-hide title="A hint"
                    Look at the **tags**.
                    ```
                    """.formatted(p3.getId(), q1.getId(), p2.getId()));
            compile(s, p2, "The solutions.");
            compile(s, p3, "Back to [the intro](page:%d).".formatted(p1.getId()));
            compile(s, q1, "Forms.");
            module = m.getId();
            part = p.getId();
            intro = p1.getId();
            hidden = p2.getId();
            styles = p3.getId();
            elsewhere = q1.getId();
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aStudentGetsTheVisiblePagesAsASelfContainedZip() throws Exception {
        Browser student = login("student@example.org");
        Browser.Page partPage = student.get(server.url("/parts/" + part));
        assertNotNull(partPage.doc().selectFirst("a[href=/wte/parts/" + part + "/download]"), "the part page links it");

        Browser.Download got = student.download(server.url("/parts/" + part + "/download"));
        assertEquals(200, got.status());
        assertEquals("application/zip", got.header("content-type"));
        assertEquals("attachment; filename=\"week-1-html-css.zip\"", got.header("content-disposition"));
        Map<String, byte[]> zip = unzip(got.body());
        assertEquals(List.of("index.html", "style.css", "01-intro-html.html", "02-styles.html", "assets/diagram.png",
                "assets/data_sheet.csv"), List.copyOf(zip.keySet()));
        assertArrayEquals(PNG, zip.get("assets/diagram.png"));
        assertArrayEquals(CSV, zip.get("assets/data_sheet.csv"));
        assertTrue(text(zip, "style.css").contains(".wte-code"), "markup.css is in the style sheet");

        for (String name : zip.keySet()) {
            if (name.endsWith(".html")) {
                checkSelfContained(name, zip);
            }
        }
        Document index = Jsoup.parse(text(zip, "index.html"));
        assertEquals("Week 1: HTML & CSS", index.selectFirst("h1").text());
        assertEquals(List.of("Intro: HTML!", "Styles"), index.select("ol.offline-pages a").eachText());
        assertEquals("assets/diagram.png", index.selectFirst("article img").attr("src"));
        assertFalse(text(zip, "index.html").contains("Hidden solutions"));

        Document first = Jsoup.parse(text(zip, "01-intro-html.html"));
        assertEquals("02-styles.html", first.selectFirst("a[rel=next]").attr("href"));
        assertTrue(first.select("a[rel=prev]").isEmpty());
        assertEquals("assets/diagram.png", first.selectFirst("article img").attr("src"));
        assertEquals("assets/data_sheet.csv", first.selectFirst("article a:contains(the data)").attr("href"));
        assertEquals("02-styles.html", first.selectFirst("article a.wte-xref:contains(Styles)").attr("href"));
        assertEquals(site + "/parts/" + elsewhere, first.selectFirst("article a.wte-xref:contains(Forms)").attr("href"),
                "a page outside the part is linked on the site");
        assertTrue(first.select("article a[href*=/parts/" + hidden + "]").isEmpty());
        assertTrue(first.text().contains("(not available)"), "the unavailable page is not linked");
        Element quiz = first.selectFirst("div.wte-quiz");
        assertTrue(quiz.select("input").isEmpty(), "the quiz cannot be answered offline");
        assertTrue(quiz.text().contains("What does HTML stand for?"));
        assertEquals(site + "/parts/" + intro, quiz.selectFirst(".offline-note a").attr("href"));
        assertEquals("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
                first.selectFirst("p.offline-video a").attr("href"));
        assertEquals("Tags explained", first.selectFirst("p.offline-video a").text());
        assertEquals("A hint", first.selectFirst("details.wte-showhide > summary").text());

        Document second = Jsoup.parse(text(zip, "02-styles.html"));
        assertEquals("01-intro-html.html", second.selectFirst("a[rel=prev]").attr("href"));
        assertEquals("01-intro-html.html", second.selectFirst("article a.wte-xref").attr("href"));
    }

    @Test
    void theOwnerGetsUnavailablePagesToo() throws Exception {
        Browser.Download got = login("owner@example.org").download(server.url("/parts/" + part + "/download"));
        assertEquals(200, got.status());
        Map<String, byte[]> zip = unzip(got.body());
        assertTrue(zip.containsKey("02-hidden-solutions.html"), zip.keySet().toString());
        assertTrue(zip.containsKey("03-styles.html"));
        Document first = Jsoup.parse(text(zip, "01-intro-html.html"));
        assertEquals("02-hidden-solutions.html", first.selectFirst("article a.wte-xref:contains(Hidden)").attr("href"));
        for (String name : zip.keySet()) {
            if (name.endsWith(".html")) {
                checkSelfContained(name, zip);
            }
        }
    }

    @Test
    void othersGetNoZip() throws Exception {
        Browser stranger = login("stranger@example.org");
        assertEquals(404, stranger.download(server.url("/parts/" + part + "/download")).status());
        Browser student = login("student@example.org");
        assertEquals(404, student.download(server.url("/parts/" + hidden + "/download")).status(), "a page");
        Browser.Page modulePage = student.get(server.url("/parts/" + module + "/download"));
        assertEquals(404, modulePage.status());
        assertTrue(modulePage.body().contains("Only a part"), modulePage.body());
        assertEquals(404, student.download(server.url("/parts/abc/download")).status());
        assertEquals(404, student.download(server.url("/parts/999999/download")).status());
        Browser.Page anonymous = new Browser().get(server.url("/parts/" + part + "/download"));
        assertEquals(303, anonymous.status());
        assertTrue(anonymous.location().contains("/wte/account/login"), anonymous.location());
    }

    /** Parses, and every link or image either resolves to an entry or leaves for the site or YouTube. */
    private static void checkSelfContained(String name, Map<String, byte[]> zip) {
        String html = text(zip, name);
        assertFalse(html.contains(MarkupContent.ROOT), name);
        Document doc = Jsoup.parse(html);
        assertNotNull(doc.selectFirst("head title"), name);
        assertEquals("style.css", doc.selectFirst("link[rel=stylesheet]").attr("href"), name);
        assertTrue(doc.select("script, iframe").isEmpty(), name);
        List<String> problems = new ArrayList<>();
        for (Element e : doc.select("a[href], img[src], link[href]")) {
            String url = e.hasAttr("src") ? e.attr("src") : e.attr("href");
            if (url.startsWith("https://www.youtube.com/") || url.startsWith(site + "/")) {
                continue;
            }
            String entry = url.split("#")[0];
            if (url.contains(":") || url.startsWith("/") || !zip.containsKey(entry)) {
                problems.add(name + ": " + e.outerHtml());
            }
        }
        assertEquals(List.of(), problems);
    }

    private static Map<String, byte[]> unzip(byte[] body) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                assertFalse(entries.containsKey(e.getName()), "one entry per name");
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static String text(Map<String, byte[]> zip, String name) {
        assertTrue(zip.containsKey(name), name + " in " + zip.keySet());
        return new String(zip.get(name), StandardCharsets.UTF_8);
    }

    private static Part page(org.hibernate.Session s, Part parent, String title, PartStatus status, int order) {
        Part p = new Part(parent, PartType.PAGE, title, status, Instant.now());
        p.setSortOrder(order);
        s.persist(p);
        return p;
    }

    private static void compile(org.hibernate.Session s, Part part, String markdown) {
        part.setContent(markdown);
        var rendered = server.root().markupContent().compile(s, part);
        assertEquals(List.of(), rendered.errors(), part.getTitle());
        part.setCompiled(rendered.html());
    }

    private static Browser login(String email) throws Exception {
        Browser b = new Browser();
        Browser.Page form = b.open(server.url("/account/login"));
        Browser.Page in = b.submit(form, "form[action$=/account/login]", Map.of("email", email, "password", PASSWORD));
        assertEquals(303, in.status(), in.body());
        return b;
    }

    private static User user(org.hibernate.Session s, String email, String hash) {
        User u = new User(email, email, UserStatus.ACTIVE, Instant.now());
        u.setPasswordHash(hash);
        s.persist(u);
        return u;
    }
}
