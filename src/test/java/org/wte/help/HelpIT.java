package org.wte.help;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.jsoup.nodes.Document;
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
import org.wte.testing.TestServer;

/**
 * The help over HTTP at a mount path that is not /wte: the header's "?" of sample pages (module page for a
 * student and for its owner, the editor, timed actions, admin pages) opens the right topic under the mount;
 * anonymous visitors read help; search finds, says when nothing matches, and escapes the query.
 */
class HelpIT {
    static final String MOUNT = "/teaching/web";
    static final String PASSWORD = "a long enough password";
    private static TestServer server;
    private static long module;
    private static long part;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(MOUNT, 0, "");
        String hash = new PasswordHasher().hash(PASSWORD);
        server.root().database().run(s -> {
            User owner = user(s, "owner@example.org", hash);
            owner.getGroups().add(server.root().users().group(s, "teacher"));
            User student = user(s, "student@example.org", hash);
            Instant now = Instant.now();
            Part m = new Part(null, PartType.MODULE, "Module", PartStatus.AVAILABLE, now);
            s.persist(m);
            Part p = new Part(m, PartType.PART, "Part", PartStatus.AVAILABLE, now);
            s.persist(p);
            s.persist(new ModuleRole(m, owner, Role.OWNER, now));
            s.persist(new ModuleRole(m, student, Role.STUDENT, now));
            module = m.getId();
            part = p.getId();
        });
        server.root().administrators().create("root@example.org", PASSWORD, false);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theQuestionMarkOfEachPageOpensItsTopicUnderTheMount() throws Exception {
        Browser student = login("student@example.org");
        Browser owner = login("owner@example.org");
        Browser admin = login("root@example.org");
        assertHelp(student, "/parts/" + module, "reading", "Reading parts and pages");
        assertHelp(owner, "/parts/" + module, "teaching", "Modules, parts and pages");
        assertHelp(owner, "/parts/" + part + "/edit", "editing", "The page editor");
        assertHelp(owner, "/parts/" + part + "/timed-actions", "timed-actions", "Timed actions");
        assertHelp(owner, "/parts/" + part + "/assets", "assets", "Assets and templates");
        assertHelp(owner, "/modules/" + module + "/access", "enrolment", "Enrolment and access");
        assertHelp(admin, "/admin/users", "administration", "Administration");
        assertHelp(admin, "/admin/timed-actions", "cron", "Cron and timed actions");
        assertHelp(new Browser(), "/account/login", "account", "Registering, logging in and your profile");
        assertHelp(new Browser(), "/modules", "modules", "Finding and taking modules");
    }

    @Test
    void anonymousVisitorsReadTheIndexAndEveryTopic() throws Exception {
        Browser anonymous = new Browser();
        Browser.Page index = anonymous.get(server.url("/help"));
        assertEquals(200, index.status());
        Document doc = index.doc();
        assertEquals(3, doc.select(".help-group h2").size());
        assertEquals(HelpTopics.CATALOGUE.size(), doc.select(".help-topics a").size());
        for (Element link : doc.select(".help-topics a")) {
            assertTrue(link.attr("href").startsWith(MOUNT + "/help/"), link.attr("href"));
            Browser.Page topic = anonymous.get(URI.create(index.url()).resolve(link.attr("href")).toString());
            assertEquals(200, topic.status(), link.attr("href"));
            assertEquals(link.text(), topic.doc().selectFirst("main h1").text());
            assertFalse(topic.doc().select("article.help").text().isBlank());
        }
        // The Markdown guide keeps its address.
        Browser.Page markup = anonymous.get(server.url("/help/markup"));
        assertEquals(200, markup.status());
        assertEquals("Writing pages in Markdown", markup.doc().selectFirst("main h1").text());
        assertNotNull(markup.doc().selectFirst("article.help div.wte-showhide"));
        // Links between topics stay under the mount.
        Element link = anonymous.get(server.url("/help/start")).doc().selectFirst("article.help a:contains(find and take a module)");
        assertNotNull(link);
        assertEquals(MOUNT + "/help/modules", link.attr("href"));
        Browser.Page unknown = anonymous.get(server.url("/help/no-such-topic"));
        assertEquals(404, unknown.status());
        assertTrue(unknown.body().contains("There is no help topic of that name."));
    }

    @Test
    void searchFindsWordsMarksThemAndSaysWhenNothingMatches() throws Exception {
        Browser anonymous = new Browser();
        Browser.Page found = anonymous.get(server.url("/help/search?q=Superseded"));
        assertEquals(200, found.status());
        Element first = found.doc().selectFirst("ol.help-results li");
        assertNotNull(first, found.body());
        assertEquals(MOUNT + "/help/timed-actions", first.selectFirst("a").attr("href"));
        assertEquals("superseded", first.selectFirst(".help-snippet mark").text().toLowerCase());
        // The form is a GET form under the mount that keeps the query.
        Element form = found.doc().selectFirst("form.help-search");
        assertEquals(MOUNT + "/help/search", form.attr("action"));
        assertEquals("Superseded", form.selectFirst("input[name=q]").val());

        Browser.Page nothing = anonymous.get(server.url("/help/search?q=qwxzvbnjk+superseded"));
        assertEquals(200, nothing.status());
        assertTrue(nothing.doc().select("ol.help-results").isEmpty());
        assertTrue(nothing.doc().text().contains("No help topic contains every word of “qwxzvbnjk superseded”"),
                nothing.doc().text());

        Browser.Page empty = anonymous.get(server.url("/help/search?q=++"));
        assertEquals(200, empty.status());
        assertEquals(3, empty.doc().select(".help-group").size(), "an empty search shows the index");

        Browser.Page tooLong = anonymous.get(server.url("/help/search?q=" + "a".repeat(201)));
        assertEquals(400, tooLong.status());
        assertTrue(tooLong.body().contains("at most 200 characters"));
    }

    @Test
    void theQueryIsEscapedWhereverItIsShown() throws Exception {
        String attack = "<script>alert(1)</script> \"><img src=x onerror=alert(2)> cron";
        Browser.Page page = new Browser().get(server.url("/help/search?q="
                + URLEncoder.encode(attack, StandardCharsets.UTF_8)));
        assertEquals(200, page.status());
        assertFalse(page.body().contains("<script>alert(1)"), "the query is not echoed raw");
        assertFalse(page.body().contains("<img src=x"), "the query does not leave its attribute");
        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(page.doc().select("img[onerror]").isEmpty());
        assertTrue(page.doc().select("script:not([src])").isEmpty());
        assertEquals(attack, page.doc().selectFirst("input[name=q]").val());
    }

    private static void assertHelp(Browser browser, String path, String topic, String title) throws Exception {
        Browser.Page page = browser.get(server.url(path));
        assertEquals(200, page.status(), path);
        Element help = page.doc().selectFirst("header a.help-link");
        assertNotNull(help, path + " has the ? link");
        assertEquals(MOUNT + "/help/" + topic, help.attr("href"), path);
        Browser.Page opened = browser.get(URI.create(page.url()).resolve(help.attr("href")).toString());
        assertEquals(200, opened.status(), path);
        assertEquals(title, opened.doc().selectFirst("main h1").text(), path);
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
