package org.wte.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.wte.account.PasswordHasher;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.testing.Browser;
import org.wte.testing.TestServer;

/** Registration and the owners' pages over HTTP, on embedded Tomcat at /wte (on H2; on MariaDB in a subclass). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrolmentIT {
    private static final String PASSWORD = "user password 1";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static TestServer server;
    private static String hash;

    @BeforeAll
    void start() throws Exception {
        server = startServer();
        hash = new PasswordHasher().hash(PASSWORD);
        server.root().administrators().create("root@example.org", "admin password 1", false);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        afterServer();
    }

    /** No SMTP server: mails stay in the outbox. */
    TestServer startServer() throws Exception {
        return TestServer.start("/wte", 0, "");
    }

    void afterServer() throws Exception {}

    // ---------------------------------------------------------------- take this module

    @Test
    void anonymousVisitorsAreAskedToLogInAndHiddenOrUnknownModulesAreNotFound() throws Exception {
        long open = module("Open to all", PartStatus.AVAILABLE);
        long hidden = module("Hidden", PartStatus.UNAVAILABLE);
        Browser visitor = new Browser();
        Browser.Page page = visitor.get(server.url("/modules/" + open + "/enrol"));
        assertEquals(200, page.status());
        assertEquals("NOT_LOGGED_IN", page.doc().selectFirst(".enrol-reason").attr("data-reason"));
        assertNotNull(page.doc().selectFirst("a[href=/wte/account/login?return_to=%2Fmodules%2F" + open + "%2Fenrol]"),
                page.body());
        assertNull(page.doc().selectFirst("form.enrol-form"));
        assertEquals(404, visitor.get(server.url("/modules/" + hidden + "/enrol")).status());
        assertEquals(404, visitor.get(server.url("/modules/999999/enrol")).status());
        assertEquals(404, visitor.get(server.url("/modules/x1/enrol")).status());
        // A POST without a login is sent to log in, and changes nothing.
        String token = csrf(visitor.get(server.url("/account/login")));
        Browser.Page post = visitor.post(server.url("/modules/" + open + "/enrol"), Map.of("_csrf", token));
        assertEquals(303, post.status());
        assertTrue(post.location().contains("/wte/account/login"), post.location());
        assertEquals(0L, members(open));
    }

    @Test
    void aStudentTakesAnOpenModuleAndLeavesItAfterAConfirmation() throws Exception {
        long m = module("Open module", PartStatus.AVAILABLE);
        String email = user("taker");
        Browser b = login(email);
        Browser.Page page = b.get(server.url("/modules/" + m + "/enrol"));
        assertEquals(200, page.status());
        assertNull(page.doc().selectFirst("input[name=password]"), "no password is set");
        Browser.Page taken = b.submit(page, "form.enrol-form", Map.of());
        assertEquals(303, taken.status(), taken.body());
        assertTrue(taken.location().endsWith("/wte/parts/" + m), taken.location());
        assertEquals(Role.STUDENT, role(m, email));
        Browser.Page again = b.get(server.url("/modules/" + m + "/enrol"));
        assertEquals("MEMBER", again.doc().selectFirst(".enrol-reason").attr("data-reason"));

        Browser.Page leave = b.get(server.url("/modules/" + m + "/leave"));
        assertEquals(200, leave.status());
        assertTrue(leave.doc().selectFirst(".warning-box").text()
                .contains("your progress and your files in this module are deleted"), leave.body());
        Browser.Page left = b.submit(leave, "form.leave-form", Map.of());
        assertEquals(303, left.status());
        assertNull(role(m, email));
        Browser.Page home = b.get(server.url("/"));
        assertTrue(home.doc().select(".flash-success").text().contains("You have left Open module"), home.body());
        // Not a member any more: the leave page says so and has no form.
        assertNull(b.get(server.url("/modules/" + m + "/leave")).doc().selectFirst("form.leave-form"));
    }

    @Test
    void aModulePasswordIsSetByTheOwnerCheckedAndThrottled() throws Exception {
        long m = module("With password", PartStatus.AVAILABLE);
        String owner = user("pw-owner");
        addRole(m, owner, Role.OWNER, false);
        Browser ownerBrowser = login(owner);
        Browser.Page form = ownerBrowser.get(server.url("/modules/" + m + "/access"));
        assertEquals(200, form.status());
        assertTrue(form.doc().selectFirst("#password-state").text().contains("No password"));
        Browser.Page saved = ownerBrowser.submit(form, "form.access-form",
                Map.of("password", "Sesame 42", "domains", ""));
        assertEquals(303, saved.status(), saved.body());
        String stored = server.root().database().inTransaction(s -> s.get(ModuleAccess.class, m).getPasswordHash());
        assertTrue(stored.startsWith("$argon2id$") && !stored.contains("Sesame"), stored);
        assertTrue(ownerBrowser.get(server.url("/modules/" + m + "/access")).doc().selectFirst("#password-state")
                .text().contains("A password is set"));

        String student = user("pw-student");
        Browser b = login(student);
        Browser.Page page = b.get(server.url("/modules/" + m + "/enrol"));
        assertNotNull(page.doc().selectFirst("form.enrol-form input[name=password][type=password]"));
        for (int i = 0; i < EnrolmentThrottle.LIMIT; i++) {
            Browser.Page wrong = b.submit(page, "form.enrol-form", Map.of("password", "sesame " + i));
            assertEquals(400, wrong.status());
            assertEquals("That is not the module's password.", wrong.doc().selectFirst(".field-error").text());
        }
        Browser.Page throttled = b.submit(page, "form.enrol-form", Map.of("password", "Sesame 42"));
        assertEquals(429, throttled.status());
        assertTrue(throttled.doc().selectFirst(".field-error").text().contains("Too many wrong passwords"));
        assertNull(role(m, student));

        String other = user("pw-other");
        Browser o = login(other);
        Browser.Page ok = o.submit(o.get(server.url("/modules/" + m + "/enrol")), "form.enrol-form",
                Map.of("password", "Sesame 42"));
        assertEquals(303, ok.status());
        assertEquals(Role.STUDENT, role(m, other));
    }

    @Test
    void domainsAndClosedModulesRefuseWithTheirReason() throws Exception {
        long m = module("Uni module", PartStatus.AVAILABLE);
        String owner = user("dom-owner");
        addRole(m, owner, Role.OWNER, false);
        Browser ownerBrowser = login(owner);
        Browser.Page form = ownerBrowser.get(server.url("/modules/" + m + "/access"));
        Browser.Page bad = ownerBrowser.submit(form, "form.access-form", Map.of("open", "1", "domains", "uni.example, no way!"));
        assertEquals(400, bad.status());
        assertTrue(bad.doc().selectFirst("#f-domains-error").text().contains("'way!'"), bad.body());
        assertEquals("uni.example, no way!", bad.doc().selectFirst("textarea#f-domains").text(), "the input is kept");
        assertEquals(303, ownerBrowser.submit(form, "form.access-form", Map.of("open", "1", "domains", "UNI.Example"))
                .status());

        String outsider = user("dom-out", "elsewhere.org");
        Browser out = login(outsider);
        Browser.Page page = out.get(server.url("/modules/" + m + "/enrol"));
        assertEquals("WRONG_DOMAIN", page.doc().selectFirst(".enrol-reason").attr("data-reason"));
        assertTrue(page.doc().selectFirst(".enrol-reason").text().contains("uni.example"));
        Browser.Page refused = out.post(server.url("/modules/" + m + "/enrol"), Map.of("_csrf", csrf(page)));
        assertEquals(403, refused.status());
        assertNull(role(m, outsider));

        String insider = user("dom-in", "Uni.EXAMPLE");
        Browser in = login(insider);
        assertEquals(303, in.submit(in.get(server.url("/modules/" + m + "/enrol")), "form.enrol-form", Map.of()).status());
        assertEquals(Role.STUDENT, role(m, insider));

        // Closed: nobody may register by themselves, the checkbox is not sent.
        Browser.Page settings = ownerBrowser.get(server.url("/modules/" + m + "/access"));
        assertTrue(settings.doc().selectFirst("input#f-open").hasAttr("checked"));
        assertEquals("uni.example", settings.doc().selectFirst("textarea#f-domains").text());
        assertEquals(303, ownerBrowser.post(server.url("/modules/" + m + "/access"),
                Map.of("_csrf", csrf(settings), "password", "", "domains", "uni.example")).status());
        boolean open = server.root().database().inTransaction(s -> s.get(ModuleAccess.class, m).isOpen());
        assertFalse(open);
        String late = user("dom-late", "uni.example");
        Browser l = login(late);
        Browser.Page closed = l.get(server.url("/modules/" + m + "/enrol"));
        assertEquals("CLOSED", closed.doc().selectFirst(".enrol-reason").attr("data-reason"));
        assertEquals(403, l.post(server.url("/modules/" + m + "/enrol"), Map.of("_csrf", csrf(closed))).status());
        assertNull(role(m, late));
    }

    @Test
    void archivedModulesTakeNoRegistrationAndBlockedUsersCannotComeBack() throws Exception {
        long archived = module("Archived module", PartStatus.ARCHIVED);
        Browser admin = loginAs("root@example.org", "admin password 1");
        Browser.Page page = admin.get(server.url("/modules/" + archived + "/enrol"));
        assertEquals(200, page.status());
        assertEquals("ARCHIVED", page.doc().selectFirst(".enrol-reason").attr("data-reason"));
        assertEquals(403, admin.post(server.url("/modules/" + archived + "/enrol"), Map.of("_csrf", csrf(page))).status());
        String student = user("arch");
        assertEquals(404, login(student).get(server.url("/modules/" + archived + "/enrol")).status());

        long m = module("Blocking module", PartStatus.AVAILABLE);
        String blocked = user("blocked");
        addRole(m, blocked, Role.STUDENT, true);
        Browser b = login(blocked);
        Browser.Page blockedPage = b.get(server.url("/modules/" + m + "/enrol"));
        assertEquals("BLOCKED", blockedPage.doc().selectFirst(".enrol-reason").attr("data-reason"));
        assertEquals(403, b.post(server.url("/modules/" + m + "/enrol"), Map.of("_csrf", csrf(blockedPage))).status());
        assertEquals(404, b.get(server.url("/modules/" + m + "/leave")).status());
        assertEquals(404, b.post(server.url("/modules/" + m + "/leave"), Map.of("_csrf", csrf(blockedPage))).status());
        boolean stillBlocked = server.root().database().inTransaction(s -> new ModuleRoles().of(s, m, id(blocked)).orElseThrow().isBlocked());
        assertTrue(stillBlocked);
    }

    @Test
    void theLastOwnerCannotLeave() throws Exception {
        long m = module("Owned once", PartStatus.AVAILABLE);
        String owner = user("sole");
        addRole(m, owner, Role.OWNER, false);
        Browser b = login(owner);
        Browser.Page leave = b.get(server.url("/modules/" + m + "/leave"));
        assertTrue(leave.doc().selectFirst(".warning-box").text().contains("last owner"));
        assertNull(leave.doc().selectFirst("form.leave-form"));
        Browser.Page refused = b.post(server.url("/modules/" + m + "/leave"), Map.of("_csrf", csrf(leave)));
        assertEquals(409, refused.status());
        assertEquals(Role.OWNER, role(m, owner));
    }

    // ---------------------------------------------------------------- the module's users

    @Test
    void theUsersPageListsSearchesFiltersAndPages() throws Exception {
        long m = module("Crowded", PartStatus.AVAILABLE);
        String owner = user("crowd-owner");
        addRole(m, owner, Role.OWNER, false);
        for (int i = 0; i < 30; i++) {
            addRole(m, user("crowd" + (i < 10 ? "a" : "b") + i), i == 0 ? Role.TUTOR : Role.STUDENT, i == 1);
        }
        Browser b = login(owner);
        Browser.Page first = b.get(server.url("/modules/" + m + "/users"));
        assertEquals(200, first.status());
        assertEquals(25, first.doc().select("table.members tbody tr").size());
        assertTrue(first.doc().selectFirst(".pager").text().contains("Page 1 of 2"));
        assertEquals(6, b.get(server.url("/modules/" + m + "/users?page=2")).doc().select("table.members tbody tr").size());
        Browser.Page search = b.get(server.url("/modules/" + m + "/users?q=CROWDA"));
        assertEquals(10, search.doc().select("table.members tbody tr").size(), search.body());
        Browser.Page tutors = b.get(server.url("/modules/" + m + "/users?role=tutor"));
        assertEquals(List.of("tutor"), tutors.doc().select("table.members tbody tr .role").eachText());
        Browser.Page blocked = b.get(server.url("/modules/" + m + "/users?role=blocked"));
        assertEquals(1, blocked.doc().select("table.members tbody tr").size());
        assertNotNull(blocked.doc().selectFirst("form.unblock-form"));
        assertEquals(400, b.get(server.url("/modules/" + m + "/users?role=king")).status());
        // Every form that posts carries the CSRF token.
        for (Element post : first.doc().select("form[method=post]")) {
            assertNotNull(post.selectFirst("input[name=_csrf]"), post.outerHtml());
        }
    }

    @Test
    void ownersAddChangeBlockAndRemoveUsers() throws Exception {
        long m = module("Managed", PartStatus.AVAILABLE);
        String owner = user("mgr-owner");
        addRole(m, owner, Role.OWNER, false);
        String newcomer = user("mgr-new");
        String found = user("mgr-found");
        Browser b = login(owner);
        Browser.Page list = b.get(server.url("/modules/" + m + "/users"));

        Browser.Page added = b.submit(list, "form.add-form", Map.of("email", newcomer.toUpperCase(), "role", "tutor"));
        assertEquals(303, added.status(), added.body());
        assertEquals(Role.TUTOR, role(m, newcomer));
        Browser.Page unknown = b.submit(list, "form.add-form", Map.of("email", "nobody@example.org", "role", "student"));
        assertEquals(400, unknown.status());
        assertTrue(unknown.doc().selectFirst("#f-email-error").text().contains("No account has the address"));

        Browser.Page candidates = b.get(server.url("/modules/" + m + "/users/candidates?q=mgr-"));
        assertEquals(200, candidates.status());
        assertEquals(3, candidates.doc().select("table.candidates tbody tr").size(), candidates.body());
        Element addFound = candidates.doc().select("table.candidates tbody tr").stream()
                .filter(tr -> tr.text().contains(found)).findFirst().orElseThrow().selectFirst("form.add-candidate");
        assertNotNull(addFound, "a non-member can be added from the search");
        Browser.Page viaSearch = b.post(addFound.absUrl("action"), Map.of("_csrf", csrf(candidates),
                "user_id", addFound.selectFirst("input[name=user_id]").val(), "role", "student"));
        assertEquals(303, viaSearch.status());
        assertEquals(Role.STUDENT, role(m, found));

        long foundRole = roleId(m, found);
        Browser.Page users = b.get(server.url("/modules/" + m + "/users"));
        Browser.Page promoted = b.submit(users, "tr[data-role-id=" + foundRole + "] form.role-form", Map.of("role", "owner"));
        assertEquals(303, promoted.status());
        assertEquals(Role.OWNER, role(m, found));
        Browser.Page blockedNow = b.submit(users, "tr[data-role-id=" + foundRole + "] form.block-form", Map.of());
        assertEquals(303, blockedNow.status());
        assertTrue(blocked(foundRole));
        Browser.Page unblocked = b.post(server.url("/modules/" + m + "/users/" + foundRole + "/unblock"),
                Map.of("_csrf", csrf(users)));
        assertEquals(303, unblocked.status());
        assertFalse(blocked(foundRole));

        Browser.Page confirm = b.get(server.url("/modules/" + m + "/users/" + foundRole + "/remove"));
        assertEquals(200, confirm.status());
        assertTrue(confirm.doc().selectFirst(".warning-box").text().contains("progress and files in this module are deleted"));
        Browser.Page removed = b.submit(confirm, "form.remove-form", Map.of());
        assertEquals(303, removed.status());
        assertNull(role(m, found));
        assertEquals(400, b.post(server.url("/modules/" + m + "/users/" + roleId(m, newcomer) + "/role"),
                Map.of("_csrf", csrf(users), "role", "king")).status());
    }

    @Test
    void theLastOwnerIsKeptAndRolesOfOtherModulesAreNotFound() throws Exception {
        long m = module("Guarded", PartStatus.AVAILABLE);
        long other = module("Other guarded", PartStatus.AVAILABLE);
        String owner = user("guard-owner");
        String stranger = user("guard-stranger");
        addRole(m, owner, Role.OWNER, false);
        addRole(other, stranger, Role.OWNER, false);
        String victim = user("guard-victim");
        addRole(other, victim, Role.STUDENT, false);
        long ownerRole = roleId(m, owner);
        long victimRole = roleId(other, victim);
        Browser b = login(owner);
        Browser.Page users = b.get(server.url("/modules/" + m + "/users"));
        assertNotNull(users.doc().selectFirst("tr[data-role-id=" + ownerRole + "] .last-owner"));
        String token = csrf(users);
        for (String action : List.of("role", "block", "remove")) {
            Browser.Page refused = b.post(server.url("/modules/" + m + "/users/" + ownerRole + "/" + action),
                    Map.of("_csrf", token, "role", "student"));
            assertEquals(409, refused.status(), action);
            assertTrue(refused.doc().selectFirst(".problem").text().contains("last owner"), refused.body());
        }
        assertEquals(Role.OWNER, role(m, owner));
        assertFalse(blocked(ownerRole));

        for (String action : List.of("role", "block", "unblock", "remove")) {
            assertEquals(404, b.post(server.url("/modules/" + m + "/users/" + victimRole + "/" + action),
                    Map.of("_csrf", token, "role", "owner")).status(), action + " of another module's member");
        }
        assertEquals(404, b.get(server.url("/modules/" + m + "/users/" + victimRole + "/remove")).status());
        assertEquals(404, b.get(server.url("/modules/" + m + "/users/nope/remove")).status());
        assertEquals(403, b.post(server.url("/modules/" + other + "/users/" + victimRole + "/remove"),
                Map.of("_csrf", token)).status(), "not an owner there");
        assertEquals(Role.STUDENT, role(other, victim));
        assertFalse(blocked(victimRole));
    }

    @Test
    void onlyOwnersSeeTheUsersAndAccessPages() throws Exception {
        long m = module("Private pages", PartStatus.AVAILABLE);
        long hidden = module("Hidden pages", PartStatus.UNAVAILABLE);
        String tutor = user("pages-tutor");
        addRole(m, tutor, Role.TUTOR, false);
        Browser t = login(tutor);
        for (String path : List.of("/users", "/access", "/users/candidates?q=ab")) {
            assertEquals(403, t.get(server.url("/modules/" + m + path)).status(), path);
            assertEquals(404, t.get(server.url("/modules/" + hidden + path)).status(), path);
        }
        Browser.Page page = t.get(server.url("/modules/" + m + "/enrol"));
        assertEquals(403, t.post(server.url("/modules/" + m + "/users/add"),
                Map.of("_csrf", csrf(page), "email", tutor, "role", "owner")).status());
        assertEquals(403, t.post(server.url("/modules/" + m + "/access"), Map.of("_csrf", csrf(page), "open", "1",
                "password", "mine now", "domains", "")).status());
        assertEquals(Role.TUTOR, role(m, tutor));
        assertEquals(303, new Browser().get(server.url("/modules/" + m + "/users")).status(), "anonymous: log in first");
        // A content administrator manages every module's users.
        Browser admin = loginAs("root@example.org", "admin password 1");
        assertEquals(200, admin.get(server.url("/modules/" + hidden + "/users")).status());
        assertEquals(200, admin.get(server.url("/modules/" + hidden + "/access")).status());
    }

    // ---------------------------------------------------------------- helpers

    private static long module(String title, PartStatus status) {
        return server.root().database().inTransaction(s -> {
            Part p = new Part(null, PartType.MODULE, title, status, Instant.now());
            s.persist(p);
            return p.getId();
        });
    }

    /** A new active account with the test password; returns its e-mail address. */
    private static String user(String name) {
        return user(name, "example.org");
    }

    private static String user(String name, String domain) {
        String email = name + "-" + SEQ.incrementAndGet() + "@" + domain;
        server.root().database().run(s -> {
            User u = new User(email, "Name " + name, UserStatus.ACTIVE, Instant.now());
            u.setPasswordHash(hash);
            s.persist(u);
        });
        return email.toLowerCase();
    }

    private static long id(String email) {
        return server.root().database().inTransaction(s -> server.root().users().byEmail(s, email).orElseThrow().getId());
    }

    private static void addRole(long module, String email, Role role, boolean blocked) {
        server.root().database().run(s -> {
            ModuleRole r = new ModuleRole(s.get(Part.class, module), server.root().users().byEmail(s, email).orElseThrow(),
                    role, Instant.now());
            r.setBlocked(blocked);
            s.persist(r);
        });
    }

    private static Role role(long module, String email) {
        return server.root().database().inTransaction(s -> new ModuleRoles().of(s, module, id(email))
                .map(ModuleRole::getRole).orElse(null));
    }

    private static long roleId(long module, String email) {
        return server.root().database().inTransaction(s -> new ModuleRoles().of(s, module, id(email)).orElseThrow().getId());
    }

    private static boolean blocked(long roleId) {
        return server.root().database().inTransaction(s -> s.get(ModuleRole.class, roleId).isBlocked());
    }

    private static long members(long module) {
        return server.root().database().inTransaction(s -> s.createQuery(
                "select count(r) from ModuleRole r where r.module.id = :m", Long.class).setParameter("m", module)
                .getSingleResult());
    }

    private static Browser login(String email) throws Exception {
        return loginAs(email, PASSWORD);
    }

    private static Browser loginAs(String email, String password) throws Exception {
        Browser b = new Browser();
        Browser.Page login = b.open(server.url("/account/login"));
        Browser.Page in = b.submit(login, "form[action$=/account/login]", Map.of("email", email, "password", password));
        assertEquals(303, in.status(), "log in as " + email + ":\n" + in.body());
        return b;
    }

    private static String csrf(Browser.Page page) {
        Element input = page.doc().selectFirst("input[name=_csrf]");
        assertNotNull(input, "no CSRF field on " + page.url());
        return input.val();
    }
}
