package org.wte.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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

/** The administrators' list of all modules over HTTP: search, status filter, paging, owners, member counts. */
class AdminModulesIT {
    private static final String ADMIN = "root@example.org";
    private static final String ADMIN_PASSWORD = "admin password 1";
    private static final String TEACHER = "teacher@example.org";
    private static final String CONTENT_ADMIN = "content@example.org";
    private static final String PASSWORD = "user password 1";
    private static TestServer server;
    private static long web;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("/wte", 0, "");
        server.root().administrators().create(ADMIN, ADMIN_PASSWORD, false);
        String hash = new PasswordHasher().hash(PASSWORD);
        web = server.root().database().inTransaction(s -> {
            User teacher = account(s, TEACHER, "Tess Teacher", hash);
            User content = account(s, CONTENT_ADMIN, "Connie Content", hash);
            content.getGroups().add(server.root().users().group(s, "content_administrator"));
            User coOwner = account(s, "co@example.org", "Co Owner", hash);
            // 30 modules: every third archived, every fifth (not archived) unavailable.
            for (int i = 0; i < 30; i++) {
                PartStatus status = i % 3 == 0 ? PartStatus.ARCHIVED : i % 5 == 0 ? PartStatus.UNAVAILABLE : PartStatus.AVAILABLE;
                s.persist(new Part(null, PartType.MODULE, String.format("Module %02d", i), status, Instant.now()));
            }
            Part module = new Part(null, PartType.MODULE, "Web <Basics>", PartStatus.AVAILABLE, Instant.now());
            s.persist(module);
            s.persist(new ModuleRole(module, teacher, Role.OWNER, Instant.now()));
            s.persist(new ModuleRole(module, coOwner, Role.OWNER, Instant.now()));
            for (int i = 0; i < 4; i++) {
                ModuleRole student = new ModuleRole(module, account(s, "st" + i + "@example.org", "St " + i, hash),
                        Role.STUDENT, Instant.now());
                student.setBlocked(i == 3);
                s.persist(student);
            }
            ModuleRole blockedOwner = new ModuleRole(module, account(s, "former@example.org", "Former", hash),
                    Role.OWNER, Instant.now());
            blockedOwner.setBlocked(true);
            s.persist(blockedOwner);
            return module.getId();
        });
    }

    private static User account(org.hibernate.Session s, String email, String name, String hash) {
        User u = new User(email, name, UserStatus.ACTIVE, Instant.now());
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

    @Test
    void administratorsSeeEveryModulePagedWithOwnersAndMembers() throws Exception {
        Browser admin = login(ADMIN, ADMIN_PASSWORD);
        Browser.Page first = admin.get(server.url("/admin/modules"));
        assertEquals(200, first.status());
        assertNotNull(first.doc().selectFirst("nav.main-nav a[href=/wte/admin/modules]"), "the nav links the page");
        assertEquals(25, rows(first).size());
        assertTrue(first.doc().text().contains("31 modules"));
        assertTrue(first.doc().selectFirst(".pager").text().contains("Page 1 of 2"));
        Browser.Page second = admin.get(server.url("/admin/modules?page=2"));
        assertEquals(6, rows(second).size());

        Element row = rows(second).stream().filter(r -> r.attr("data-module-id").equals(String.valueOf(web)))
                .findFirst().orElseThrow(() -> new AssertionError(second.body()));
        assertEquals("/wte/parts/" + web, row.selectFirst("a").attr("href"));
        assertEquals("Web <Basics>", row.selectFirst("a").text());
        assertTrue(second.body().contains("Web &lt;Basics&gt;"), "the title is escaped");
        assertEquals("Co Owner <co@example.org>, Tess Teacher <teacher@example.org>", row.selectFirst(".owners").text());
        assertEquals("5 (2 blocked)", row.selectFirst(".members").text(), "2 owners + 3 students; 2 blocked");
    }

    @Test
    void searchInTheTitleAndFilterByStatus() throws Exception {
        Browser admin = login(ADMIN, ADMIN_PASSWORD);
        Browser.Page search = admin.get(server.url("/admin/modules?q=module%201"));
        assertEquals(10, rows(search).size(), "case-insensitive, in the title");
        Browser.Page basics = admin.get(server.url("/admin/modules?q=%3Cbasics"));
        assertEquals(List.of("Web <Basics>"), rows(basics).stream().map(r -> r.selectFirst("a").text()).toList());
        assertEquals(0, rows(admin.get(server.url("/admin/modules?q=%25"))).size(), "% is taken literally");

        Browser.Page archived = admin.get(server.url("/admin/modules?status=archived"));
        assertEquals(10, rows(archived).size());
        assertTrue(rows(archived).stream().allMatch(r -> r.selectFirst(".badge").text().equals("archived")));
        Browser.Page unavailable = admin.get(server.url("/admin/modules?status=UNAVAILABLE&q=module"));
        assertEquals(List.of("Module 05", "Module 10", "Module 20", "Module 25"),
                rows(unavailable).stream().map(r -> r.selectFirst("a").text()).toList());
        assertEquals(400, admin.get(server.url("/admin/modules?status=gone")).status());
        assertEquals(400, admin.get(server.url("/admin/modules?page=two")).status());
    }

    @Test
    void contentAdministratorsMayLookTeachersAndVisitorsMayNot() throws Exception {
        Browser content = login(CONTENT_ADMIN, PASSWORD);
        Browser.Page list = content.get(server.url("/admin/modules"));
        assertEquals(200, list.status());
        assertNotNull(list.doc().selectFirst("nav.main-nav a[href=/wte/admin/modules]"));

        Browser teacher = login(TEACHER, PASSWORD);
        assertEquals(403, teacher.get(server.url("/admin/modules")).status());
        assertNull(teacher.get(server.url("/")).doc().selectFirst("nav.main-nav a[href=/wte/admin/modules]"));

        Browser.Page anonymous = new Browser().get(server.url("/admin/modules"));
        assertEquals(303, anonymous.status());
        assertTrue(anonymous.location().contains("/wte/account/login?return_to=%2Fadmin%2Fmodules"), anonymous.location());
    }

    private static List<Element> rows(Browser.Page page) {
        return page.doc().select("table.modules tbody tr[data-module-id]");
    }

    private static Browser login(String email, String password) throws Exception {
        Browser b = new Browser();
        Browser.Page login = b.open(server.url("/account/login"));
        assertEquals(303, b.submit(login, "form[action$=/account/login]", Map.of("email", email, "password", password))
                .status());
        return b;
    }
}
