package org.wte.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.account.PasswordHasher;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.testing.Browser;
import org.wte.testing.TestServer;

/** The administrators' pages over HTTP: user list, bulk actions, groups, the last administrator, the outbox. */
class AdminIT {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        // No SMTP server: mails stay in the outbox, as on the embedded defaults.
        server = TestServer.start("/wte", 0, "");
        server.root().administrators().create("root@example.org", "admin password 1", false);
        // The first start made admin@example.org; root is to be the only administrator.
        server.root().database().run(s -> s.remove(server.root().users().byEmail(s, "admin@example.org").orElseThrow()));
        server.root().database().run(s -> {
            for (int i = 0; i < 30; i++) {
                User u = new User(String.format("student%02d@example.org", i), "Student " + i,
                        i % 3 == 0 ? UserStatus.UNCONFIRMED : UserStatus.ACTIVE, Instant.now());
                s.persist(u);
            }
        });
        server.root().database().run(s -> server.root().users().byEmail(s, "student01@example.org").get()
                .setPasswordHash(new PasswordHasher().hash("student password")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Browser login(String email, String password) throws Exception {
        Browser b = new Browser();
        Browser.Page login = b.open(server.url("/account/login"));
        assertEquals(303, b.submit(login, "form[action$=/account/login]", Map.of("email", email, "password", password))
                .status());
        return b;
    }

    @Test
    void listSearchesFiltersAndPages() throws Exception {
        Browser admin = login("root@example.org", "admin password 1");
        Browser.Page all = admin.open(server.url("/admin/users"));
        assertEquals(200, all.status());
        assertEquals(25, all.doc().select("tbody tr").size(), "25 users a page");
        assertTrue(all.doc().text().contains("Page 1 of 2"));
        Browser.Page second = admin.open(server.url("/admin/users?page=2"));
        assertEquals(31 - 25, second.doc().select("tbody tr").size());

        Browser.Page search = admin.open(server.url("/admin/users?q=STUDENT1"));
        assertEquals(10, search.doc().select("tbody tr").size(), "case-insensitive search in e-mail and name");
        Browser.Page unconfirmed = admin.open(server.url("/admin/users?status=unconfirmed"));
        long expected = server.root().database().inTransaction(s -> server.root().users().count(s, "", UserStatus.UNCONFIRMED));
        assertTrue(expected >= 9, "other tests confirm at most one");
        assertEquals(expected, unconfirmed.doc().select("tbody tr").size());
        assertTrue(unconfirmed.doc().select("tbody .badge").stream().allMatch(b -> b.text().equals("unconfirmed")));
        Browser.Page percent = admin.open(server.url("/admin/users?q=%25"));
        assertEquals(1, percent.doc().select("tbody tr").size(), "a % is searched literally");
    }

    @Test
    void bulkConfirmAndResetAndDelete() throws Exception {
        Browser admin = login("root@example.org", "admin password 1");
        long a = id("student03@example.org");
        long b = id("student06@example.org");
        Browser.Page list = admin.open(server.url("/admin/users?status=unconfirmed"));
        Browser.Page done = admin.submit(list, "form.bulk-form", Map.of("action", "confirm", "id", String.valueOf(a)));
        assertEquals(303, done.status());
        assertEquals(UserStatus.ACTIVE, status("student03@example.org"));

        long before = outboxCount();
        Browser.Page reset = admin.post(server.url("/admin/users/bulk"), Map.of("_csrf", csrf(admin),
                "action", "reset", "id", String.valueOf(b)));
        assertEquals(303, reset.status());
        assertEquals(before + 1, outboxCount(), "a reset mail waits in the outbox");

        Browser.Page outbox = admin.open(server.url("/admin/outbox"));
        assertTrue(outbox.doc().text().contains("No SMTP server is configured"));
        assertTrue(outbox.doc().text().contains("student06@example.org"));
        String mailLink = outbox.doc().select("td a").first().absUrl("href");
        Browser.Page mail = admin.open(mailLink);
        assertTrue(mail.doc().select("pre.mail-body").text().contains(server.url("/account/reset/")),
                "the admin can read the link in the mail");

        server.root().database().run(s -> s.persist(new User("gone@example.org", "Gone", UserStatus.ACTIVE, Instant.now())));
        Browser.Page deleted = admin.post(server.url("/admin/users/bulk"), Map.of("_csrf", csrf(admin),
                "action", "delete", "id", String.valueOf(id("gone@example.org"))));
        assertEquals(303, deleted.status());
        assertFalse(exists("gone@example.org"));
    }

    @Test
    void groupsAreEditedAndTheLastAdministratorStays() throws Exception {
        Browser admin = login("root@example.org", "admin password 1");
        long student = id("student01@example.org");
        Browser.Page page = admin.open(server.url("/admin/users/" + student));
        assertEquals(200, page.status());
        String teacherGroup = page.doc().select("input[name=group]").stream()
                .filter(i -> i.parent().text().contains("Teacher")).findFirst().orElseThrow().val();
        admin.submit(page, "form[action$=/groups]", Map.of("group", teacherGroup));
        assertTrue(groups("student01@example.org").contains("teacher"));

        // Removing root's own Administrator group would leave none: refused.
        long root = id("root@example.org");
        Browser.Page rootPage = admin.open(server.url("/admin/users/" + root));
        Browser.Page refused = admin.post(server.url("/admin/users/" + root + "/groups"),
                Map.of("_csrf", csrf(admin), "group", teacherGroup));
        assertEquals(303, refused.status());
        assertTrue(groups("root@example.org").contains("administrator"), "the last administrator keeps the role");
        assertTrue(admin.open(server.url("/admin/users/" + root)).doc().text().contains("at least one administrator"));
        assertEquals(200, rootPage.status());

        Browser.Page selfDelete = admin.post(server.url("/admin/users/bulk"), Map.of("_csrf", csrf(admin),
                "action", "delete", "id", String.valueOf(root)));
        assertEquals(303, selfDelete.status());
        assertTrue(exists("root@example.org"));
    }

    @Test
    void nonAdministratorsGet403AndAnonymousVisitorsAreSentToLogIn() throws Exception {
        Browser student = login("student01@example.org", "student password");
        assertEquals(403, student.get(server.url("/admin/users")).status());
        assertEquals(403, student.get(server.url("/admin/outbox")).status());
        Browser anonymous = new Browser();
        Browser.Page redirect = anonymous.get(server.url("/admin/users"));
        assertEquals(303, redirect.status());
        assertTrue(redirect.location().contains("/wte/account/login?return_to="));
    }

    private static String csrf(Browser b) throws Exception {
        return b.open(server.url("/profile")).doc().selectFirst("input[name=_csrf]").val();
    }

    private static long id(String email) {
        return server.root().database().inTransaction(s -> server.root().users().byEmail(s, email).orElseThrow().getId());
    }

    private static UserStatus status(String email) {
        return server.root().database().inTransaction(s -> server.root().users().byEmail(s, email).orElseThrow().getStatus());
    }

    private static boolean exists(String email) {
        return server.root().database().inTransaction(s -> server.root().users().byEmail(s, email).isPresent());
    }

    private static List<String> groups(String email) {
        return server.root().database().inTransaction(s -> server.root().users().byEmail(s, email).orElseThrow()
                .getGroups().stream().map(g -> g.getName()).toList());
    }

    private static long outboxCount() {
        return server.root().database().inTransaction(s -> server.root().outbox().count(s));
    }
}
