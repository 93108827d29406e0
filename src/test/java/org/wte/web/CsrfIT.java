package org.wte.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.ws.rs.HttpMethod;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.account.AccountResource;
import org.wte.account.PasswordHasher;
import org.wte.account.PermissionGroup;
import org.wte.account.ProfileResource;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.admin.AdminModulesResource;
import org.wte.admin.AdminUsersResource;
import org.wte.admin.OutboxResource;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.enrolment.EnrolmentResource;
import org.wte.enrolment.ModuleAccess;
import org.wte.enrolment.ModuleAccessResource;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.ModuleUsersResource;
import org.wte.enrolment.Role;
import org.wte.asset.AssetResource;
import org.wte.asset.AssetSearchResource;
import org.wte.testing.Browser;
import org.wte.testing.TestServer;

/**
 * Every state-changing route, found from the Jersey resource model of every resource WteApplication
 * registers, refuses a request without the session's CSRF token (anonymous, logged-in administrator,
 * wrong token, another session's token) with 403 and changes nothing; the right token, in the form field
 * or in the header, is accepted.
 */
class CsrfIT {
    /** Every JAX-RS resource class WteApplication registers. */
    static final List<Class<?>> RESOURCES = List.of(HomeResource.class, AccountResource.class,
            ProfileResource.class, AdminUsersResource.class, OutboxResource.class,
            org.wte.content.ModulesResource.class, org.wte.content.PartResource.class,
            org.wte.help.HelpResource.class, AdminModulesResource.class,
            EnrolmentResource.class, ModuleAccessResource.class, ModuleUsersResource.class, AssetResource.class, org.wte.content.PartSearchResource.class,
            org.wte.content.RecompileResource.class,
            AssetSearchResource.class, org.wte.timedtask.TimedTaskResource.class,
            org.wte.admin.AdminTimedTasksResource.class,
            org.wte.progress.TimeOnPageResource.class, org.wte.progress.ProgressResource.class,
            org.wte.quiz.QuizAnswerResource.class,
            org.wte.quiz.QuizResultsResource.class, org.wte.content.PartDownloadResource.class,
            org.wte.workspace.WorkspaceResource.class, org.wte.exchange.ExportResource.class,
            org.wte.exchange.ImportResource.class);
    /** Registered providers that are not resources (they can have no route). */
    static final List<Class<?>> PROVIDERS = List.of(ViewWriter.class, ExceptionPages.class);

    static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "DELETE", "PATCH");
    static final String ADMIN = "boss@example.org";
    static final String ADMIN_PASSWORD = "correct horse battery";
    static final String VICTIM = "victim@example.org";
    static final String VICTIM_PASSWORD = "victim password 1";
    static final String CSRF_MESSAGE = "This form has expired or did not come from WTE";

    static TestServer server;
    static long victimId;
    static long adminGroupId;
    /** The victim's student role in module 1, of which the administrator is the owner. */
    static long victimRoleId;

    record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.freePort());
        server.root().administrators().create(ADMIN, ADMIN_PASSWORD, false);
        String hash = new PasswordHasher().hash(VICTIM_PASSWORD);
        server.root().database().run(s -> {
            User victim = new User(VICTIM, "Victim Original", UserStatus.ACTIVE, Instant.now());
            victim.setPasswordHash(hash);
            s.persist(victim);
        });
        victimId = server.root().database().inTransaction(
                s -> server.root().users().byEmail(s, VICTIM).orElseThrow().getId());
        adminGroupId = server.root().database().inTransaction(
                s -> server.root().users().group(s, PermissionGroup.ADMINISTRATOR).getId());
        // Module 1 (the id the walk puts into {id}): the administrator owns it, the victim is a student.
        victimRoleId = server.root().database().inTransaction(s -> {
            Part module = new Part(null, PartType.MODULE, "Victim's module", PartStatus.AVAILABLE, Instant.now());
            s.persist(module);
            assertEquals(1L, module.getId(), "the first module of a fresh database");
            s.persist(new ModuleRole(module, server.root().users().byEmail(s, ADMIN).orElseThrow(), Role.OWNER,
                    Instant.now()));
            ModuleRole victim = new ModuleRole(module, s.get(User.class, victimId), Role.STUDENT, Instant.now());
            s.persist(victim);
            return victim.getId();
        });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---------------------------------------------------------------- the routes

    @Test
    void theListOfResourcesCoversEveryClassWteApplicationRegisters() throws Exception {
        String source = Files.readString(Path.of("src/main/java/org/wte/web/WteApplication.java"));
        Matcher m = Pattern.compile("register\\(\\s*new\\s+([\\w.]+)\\s*\\(").matcher(source);
        Set<String> registered = new TreeSet<>();
        while (m.find()) {
            String name = m.group(1);
            registered.add(name.substring(name.lastIndexOf('.') + 1));
        }
        assertTrue(registered.size() >= RESOURCES.size(), "the parse found the registrations: " + registered);
        Set<String> known = new TreeSet<>();
        RESOURCES.forEach(c -> known.add(c.getSimpleName()));
        PROVIDERS.forEach(c -> known.add(c.getSimpleName()));
        Set<String> missing = new TreeSet<>(registered);
        missing.removeAll(known);
        assertTrue(missing.isEmpty(), "WteApplication registers classes this test does not know; add them to "
                + "RESOURCES (or PROVIDERS if they have no route): " + missing);
        Set<String> stale = new TreeSet<>(known);
        stale.removeAll(registered);
        assertTrue(stale.isEmpty(), "the test lists classes WteApplication no longer registers: " + stale);
        for (Class<?> provider : PROVIDERS) {
            assertFalse(isRouted(provider), provider.getSimpleName() + " has JAX-RS routes: list it in RESOURCES");
        }
        for (Class<?> resource : RESOURCES) {
            assertNotNull(Resource.from(resource), resource.getSimpleName() + " is not a root resource");
        }
    }

    @Test
    void theWalkFindsTheKnownStateChangingRoutes() {
        Set<String> found = routes().stream().map(Route::toString).collect(Collectors.toSet());
        for (String expected : List.of("POST /account/register", "POST /account/login", "POST /account/logout",
                "POST /profile", "POST /profile/delete", "POST /admin/users/bulk", "POST /admin/users/1/groups",
                "POST /account/reset/x", "POST /account/confirm/x", "POST /account/email/x",
                "POST /modules/1/enrol", "POST /modules/1/leave", "POST /modules/1/access", "POST /modules/1/users/add",
                "POST /modules/1/users/x/role", "POST /modules/1/users/x/block", "POST /modules/1/users/x/unblock",
                "POST /modules/1/users/x/remove",
                "POST /parts/1/x", "POST /parts/1/x/x/rename", "POST /parts/1/x/x/delete", "POST /parts/1/x/x/move",
                "POST /parts/1/x/x/edit", "POST /parts/1/x/x/replace", "POST /parts/1/status",
                "POST /parts/1/timed-actions/new", "POST /parts/1/timed-actions/x/edit",
                "POST /parts/1/timed-actions/x/cancel", "POST /parts/1/timed-actions/x/delete",
                "POST /parts/1/time", "POST /parts/1/quizzes/x/answers",
                "POST /parts/1/workspace/files", "POST /parts/1/workspace/files/x",
                "POST /parts/1/workspace/files/x/delete", "POST /parts/1/workspace/files/x/reset",
                "POST /parts/1/workspace/files/x/rename",
                "POST /parts/1/workspace/reset", "POST /parts/1/export", "POST /imports")) {
            assertTrue(found.contains(expected), "the resource walk misses " + expected + "; found " + found);
        }
    }

    static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Class<?> cls : RESOURCES) {
            Resource resource = Resource.from(cls);
            assertNotNull(resource, cls + " is not a resource");
            walk(resource, "", routes);
        }
        return routes;
    }

    private static void walk(Resource resource, String parent, List<Route> out) {
        String path = join(parent, resource.getPath());
        if (resource.getResourceLocator() != null) {
            fail("sub-resource locator at " + path + ": this test cannot enumerate its methods; extend it");
        }
        for (ResourceMethod method : resource.getResourceMethods()) {
            if (STATE_CHANGING.contains(method.getHttpMethod())) {
                out.add(new Route(method.getHttpMethod(), substitute(path.isEmpty() ? "/" : path)));
            }
        }
        for (Resource child : resource.getChildResources()) {
            walk(child, path, out);
        }
    }

    private static String join(String parent, String path) {
        String p = path == null ? "" : path;
        String joined = (parent + "/" + p).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** {id} → 1 (the walk test) / the victim's id (the attacks); {token} and the rest → x. */
    private static String substitute(String path) {
        return path.replaceAll("\\{id(:[^}]*)?}", "1").replaceAll("\\{[^}]+}", "x");
    }

    private static boolean isRouted(Class<?> cls) {
        if (cls.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
            return true;
        }
        for (Method method : cls.getMethods()) {
            if (method.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                return true;
            }
            for (Annotation a : method.getAnnotations()) {
                if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- the attacks

    /** A body that would do harm on every route if it got through: delete the victim, take over accounts. */
    private static Map<String, String> harmfulFields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("display_name", "Pwned");
        f.put("email", ADMIN);
        f.put("new_email", "attacker@example.org");
        f.put("action", "delete");
        f.put("id", String.valueOf(victimId));
        f.put("group", String.valueOf(adminGroupId));
        f.put("current", ADMIN_PASSWORD);
        f.put("email_current", ADMIN_PASSWORD);
        f.put("password", "attacker password 1");
        f.put("repeat", "attacker password 1");
        f.put("high_contrast", "1");
        f.put("high_contrast_shown", "1");
        f.put("return_to", "/");
        f.put("role", "owner");
        f.put("user_id", String.valueOf(victimId));
        f.put("open", "1");
        f.put("domains", "attacker.example");
        // Timed actions: a draft made, a status changed with the scheduled changes cancelled.
        f.put("status", "unavailable");
        f.put("pending", "cancel");
        f.put("save", "draft");
        f.put("date", "");
        f.put("time", "");
        f.put("version", "0");
        return f;
    }

    private static List<Route> attackRoutes() {
        List<Route> routes = routes().stream()
                .map(r -> new Route(r.method(), r.path().replace("/admin/users/1/", "/admin/users/" + victimId + "/")
                        .replace("/modules/1/users/x/", "/modules/1/users/" + victimRoleId + "/")))
                .toList();
        assertTrue(routes.size() >= 10, "found too few state-changing routes: " + routes);
        return routes;
    }

    @Test
    void anonymousVisitorWithASessionButNoTokenIsRefusedEverywhere() throws Exception {
        Browser visitor = new Browser();
        Browser.Page page = visitor.open(server.url("/account/login"));
        assertEquals(200, page.status());
        assertNotNull(page.header("set-cookie"), "the visitor has a session");
        String before = snapshot();
        for (Route route : attackRoutes()) {
            assertRefused(route, "anonymous, no token", visitor.send(request(route, harmfulFields(), null)));
            assertEquals(before, snapshot(), "anonymous " + route + " without token changed the database");
            assertEquals(303, visitor.get(server.url("/profile")).status(), "still not logged in after " + route);
        }
    }

    @Test
    void visitorWithoutAnySessionIsRefusedEverywhere() throws Exception {
        String before = snapshot();
        for (Route route : attackRoutes()) {
            Browser fresh = new Browser();
            Map<String, String> fields = harmfulFields();
            fields.put(Csrf.FIELD, "");
            assertRefused(route, "no session, empty token", fresh.send(request(route, fields, "")));
            assertEquals(before, snapshot(), route + " without session changed the database");
        }
    }

    @Test
    void administratorWithoutTokenIsRefusedEverywhere() throws Exception {
        Browser admin = logIn(ADMIN, ADMIN_PASSWORD);
        String before = snapshot();
        for (Route route : attackRoutes()) {
            assertRefused(route, "admin, no token", admin.send(request(route, harmfulFields(), null)));
            assertEquals(before, snapshot(), "admin " + route + " without token changed the database");
            assertStillLoggedIn(admin, route);
        }
    }

    @Test
    void administratorWithWrongTokensIsRefusedEverywhere() throws Exception {
        Browser admin = logIn(ADMIN, ADMIN_PASSWORD);
        String real = csrfToken(admin.open(server.url("/profile")));
        Browser other = new Browser();
        String othersToken = csrfToken(other.open(server.url("/account/login")));
        assertNotEquals(real, othersToken, "each session has its own token");
        List<String> wrongTokens = List.of("wrong-token", real.substring(1), real + "x", othersToken, "");
        String before = snapshot();
        for (Route route : attackRoutes()) {
            for (String wrong : wrongTokens) {
                Map<String, String> fields = harmfulFields();
                fields.put(Csrf.FIELD, wrong);
                assertRefused(route, "admin, field token '" + wrong + "'", admin.send(request(route, fields, null)));
                assertEquals(before, snapshot(), "admin " + route + " with token '" + wrong + "' changed the database");
                // A wrong header wins over a right field: the header is what the filter checks first.
                Map<String, String> withRightField = harmfulFields();
                withRightField.put(Csrf.FIELD, real);
                assertRefused(route, "admin, header token '" + wrong + "'",
                        admin.send(request(route, withRightField, wrong)));
                assertEquals(before, snapshot(), "admin " + route + " with header '" + wrong + "' changed the database");
            }
            assertStillLoggedIn(admin, route);
        }
        // The real token of the session was not spoiled by the attempts: it still works.
        Browser.Page ok = admin.post(server.url("/profile"), Map.of(Csrf.FIELD, real, "display_name", "Boss After"));
        assertEquals(303, ok.status(), ok.body());
        assertEquals("Boss After", displayName(ADMIN));
    }

    @Test
    void theRightTokenInTheFieldOrInTheHeaderIsAccepted() throws Exception {
        Browser victim = logIn(VICTIM, VICTIM_PASSWORD);
        String token = csrfToken(victim.open(server.url("/profile")));

        Browser.Page viaField = victim.post(server.url("/profile"),
                Map.of(Csrf.FIELD, token, "display_name", "Named By Field"));
        assertEquals(303, viaField.status(), viaField.body());
        assertEquals("Named By Field", displayName(VICTIM));

        Browser.Page viaHeader = victim.send(HttpRequest.newBuilder(URI.create(server.url("/profile")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(Csrf.HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(Map.of("display_name", "Named By Header")))));
        assertEquals(303, viaHeader.status(), viaHeader.body());
        assertEquals("Named By Header", displayName(VICTIM));

        // The same header without the token is refused: the acceptance above is the token's doing.
        Browser.Page without = victim.send(HttpRequest.newBuilder(URI.create(server.url("/profile")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(Map.of("display_name", "Not Named")))));
        assertEquals(403, without.status());
        assertEquals("Named By Header", displayName(VICTIM));
        server.root().database().run(s -> server.root().users().byEmail(s, VICTIM).orElseThrow()
                .setDisplayName("Victim Original"));
    }

    // ---------------------------------------------------------------- helpers

    private static HttpRequest.Builder request(Route route, Map<String, String> fields, String headerToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(route.path())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(route.method(), HttpRequest.BodyPublishers.ofString(Browser.encode(fields)));
        if (headerToken != null) {
            b.header(Csrf.HEADER, headerToken);
        }
        return b;
    }

    private static void assertRefused(Route route, String who, Browser.Page page) {
        assertEquals(403, page.status(), who + ": " + route + " was not refused:\n" + page.body());
        assertTrue(page.body().contains(CSRF_MESSAGE), who + ": " + route + " refused without the CSRF page:\n"
                + page.body());
        assertNotNull(page.doc().selectFirst("a.brand"), "the 403 page is in the site's layout");
        assertTrue(page.location().isEmpty(), who + ": " + route + " redirected");
    }

    private static Browser logIn(String email, String password) throws Exception {
        Browser browser = new Browser();
        Browser.Page login = browser.open(server.url("/account/login"));
        Browser.Page in = browser.submit(login, "form[action$=/account/login]",
                Map.of("email", email, "password", password));
        assertEquals(303, in.status(), "log in as " + email + ":\n" + in.body());
        assertEquals(200, browser.get(server.url("/profile")).status());
        return browser;
    }

    private static void assertStillLoggedIn(Browser browser, Route after) throws Exception {
        Browser.Page profile = browser.get(server.url("/profile"));
        assertEquals(200, profile.status(), "logged out by a refused " + after);
    }

    private static String csrfToken(Browser.Page page) {
        var input = page.doc().selectFirst("input[name=" + Csrf.FIELD + "]");
        assertNotNull(input, "no CSRF field on " + page.url());
        assertFalse(input.val().isBlank());
        return input.val();
    }

    private static String displayName(String email) {
        return server.root().database().inTransaction(
                s -> server.root().users().byEmail(s, email).orElseThrow().getDisplayName());
    }

    /** Everything the routes could change: every user with its groups, tokens, mails, login failures. */
    private static String snapshot() {
        return server.root().database().inTransaction(s -> {
            StringBuilder sb = new StringBuilder();
            for (User u : s.createQuery("from User u order by u.id", User.class).list()) {
                Set<Long> groups = new TreeSet<>();
                u.getGroups().forEach(g -> groups.add(g.getId()));
                sb.append(u.getId()).append('|').append(u.getEmail()).append('|').append(u.getDisplayName())
                        .append('|').append(u.getStatus()).append('|').append(u.getPasswordHash())
                        .append('|').append(u.isHighContrast()).append('|').append(u.isMustChangePassword())
                        .append('|').append(u.getLastLoginAt()).append('|').append(groups).append('\n');
            }
            sb.append("tokens=").append(s.createQuery("select count(t) from AccountToken t", Long.class)
                    .getSingleResult()).append('\n');
            sb.append("mails=").append(server.root().outbox().count(s)).append('\n');
            sb.append("loginFailures=").append(s.createQuery("select count(f) from LoginFailure f", Long.class)
                    .getSingleResult()).append('\n');
            for (ModuleRole r : s.createQuery("from ModuleRole r order by r.id", ModuleRole.class).list()) {
                sb.append("role ").append(r.getId()).append('|').append(r.getModule().getId()).append('|')
                        .append(r.getUser().getId()).append('|').append(r.getRole()).append('|').append(r.isBlocked())
                        .append('\n');
            }
            for (ModuleAccess a : s.createQuery("from ModuleAccess a order by a.moduleId", ModuleAccess.class).list()) {
                sb.append("access ").append(a.getModuleId()).append('|').append(a.isOpen()).append('|')
                        .append(a.getPasswordHash()).append('|').append(a.domainList()).append('\n');
            }
            for (org.wte.timedtask.TimedTask t : s.createQuery("from TimedTask t order by t.id",
                    org.wte.timedtask.TimedTask.class).list()) {
                sb.append("timed ").append(t.getId()).append('|').append(t.getStatus()).append('|')
                        .append(t.getVersion()).append('\n');
            }
            for (Part p : s.createQuery("from Part p order by p.id", Part.class).list()) {
                sb.append("part ").append(p.getId()).append('|').append(p.getStatus()).append('|')
                        .append(p.getVersion()).append('\n');
            }
            sb.append("quizAnswers=").append(s.createQuery("select count(a) from QuizAnswer a", Long.class)
                    .getSingleResult()).append('\n');
            sb.append("enrolmentFailures=").append(s.createQuery("select count(f) from EnrolmentFailure f", Long.class)
                    .getSingleResult()).append('\n');
            return sb.toString();
        });
    }
}
