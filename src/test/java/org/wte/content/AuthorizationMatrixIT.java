package org.wte.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.account.PasswordHasher;
import org.wte.account.PermissionGroup;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.Role;
import org.wte.testing.Browser;
import org.wte.testing.TestServer;

/**
 * Every content route × every kind of visitor → the expected answer, over HTTP on embedded Tomcat.
 * 200/303 mean allowed; 404 means "not visible" (never tells that it exists); 403 means visible but not
 * allowed; 303 to the login page for anonymous visitors.
 */
class AuthorizationMatrixIT {
    enum Who { ANONYMOUS, STRANGER, BLOCKED, STUDENT, TUTOR, OTHER_OWNER, OWNER, CONTENT_ADMIN }

    private static TestServer server;
    private static final Map<Who, Browser> browsers = new EnumMap<>(Who.class);
    private static long module;
    private static long part;
    private static long page;
    private static long hiddenPart;
    private static long pageUnderHidden;
    private static long unavailableModule;
    private static long otherModule;
    private static long task;
    private static long studentId;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("/wte", 0, "");
        PasswordHasher hasher = new PasswordHasher();
        String hash = hasher.hash("a password 1");
        server.root().database().run(s -> {
            Map<Who, User> users = new EnumMap<>(Who.class);
            for (Who w : Who.values()) {
                if (w == Who.ANONYMOUS) {
                    continue;
                }
                User u = new User(w.name().toLowerCase() + "@example.org", w.name(), UserStatus.ACTIVE, Instant.now());
                u.setPasswordHash(hash);
                s.persist(u);
                users.put(w, u);
            }
            PermissionGroup teacher = server.root().users().group(s, "teacher");
            users.get(Who.OWNER).getGroups().add(teacher);
            users.get(Who.OTHER_OWNER).getGroups().add(teacher);
            users.get(Who.CONTENT_ADMIN).getGroups().add(server.root().users().group(s, "content_administrator"));

            Instant now = Instant.now();
            Part m = new Part(null, PartType.MODULE, "Module", PartStatus.AVAILABLE, now);
            s.persist(m);
            Part p = new Part(m, PartType.PART, "Part", PartStatus.AVAILABLE, now);
            p.setDisplayMode(DisplayMode.WORKSPACE); // its pages show the three-pane workspace
            s.persist(p);
            Part g = new Part(p, PartType.PAGE, "Page", PartStatus.AVAILABLE, now);
            s.persist(g);
            Part h = new Part(m, PartType.PART, "Hidden part", PartStatus.UNAVAILABLE, now);
            h.setSortOrder(1);
            s.persist(h);
            Part hg = new Part(h, PartType.PAGE, "Page under hidden", PartStatus.AVAILABLE, now);
            s.persist(hg);
            Part u = new Part(null, PartType.MODULE, "Unavailable module", PartStatus.UNAVAILABLE, now);
            s.persist(u);
            Part o = new Part(null, PartType.MODULE, "Other module", PartStatus.AVAILABLE, now);
            s.persist(o);
            s.persist(new ModuleRole(m, users.get(Who.OWNER), Role.OWNER, now));
            s.persist(new ModuleRole(u, users.get(Who.OWNER), Role.OWNER, now));
            s.persist(new ModuleRole(m, users.get(Who.TUTOR), Role.TUTOR, now));
            s.persist(new ModuleRole(m, users.get(Who.STUDENT), Role.STUDENT, now));
            ModuleRole blocked = new ModuleRole(m, users.get(Who.BLOCKED), Role.STUDENT, now);
            blocked.setBlocked(true);
            s.persist(blocked);
            s.persist(new ModuleRole(o, users.get(Who.OTHER_OWNER), Role.OWNER, now));
            studentId = users.get(Who.STUDENT).getId();
            module = m.getId();
            part = p.getId();
            page = g.getId();
            hiddenPart = h.getId();
            pageUnderHidden = hg.getId();
            unavailableModule = u.getId();
            otherModule = o.getId();
            org.wte.timedtask.TimedTask t = new org.wte.timedtask.TimedTask(p, "change-status",
                    "{\"status\":\"available\"}", org.wte.timedtask.TimedTaskStatus.SCHEDULED,
                    now.plus(java.time.Duration.ofDays(30)), null, now);
            s.persist(t);
            task = t.getId();
            // The student's workspace in the part, for the preview: public by its signed link.
            studentId = users.get(Who.STUDENT).getId();
            org.wte.testing.TestWorkspaces.put(s, studentId, p.getId(), Map.of("index.html", "<p>mine</p>"));
        });
        // A quiz on the page, saved by its owner as the editor would.
        long ownerId = server.root().database().inTransaction(s -> server.root().users()
                .byEmail(s, "owner@example.org").orElseThrow().getId());
        org.wte.web.CurrentUser owner = new org.wte.web.CurrentUser(ownerId, "owner@example.org", "OWNER",
                java.util.Set.of(), false, false, false);
        server.root().database().run(s -> server.root().partService().update(s, owner, page, null, null,
                "```quiz key=\"q\"\n? Pick one\n- [x] yes\n- [ ] no\n```\n", null));
        for (Who w : Who.values()) {
            Browser b = new Browser();
            if (w != Who.ANONYMOUS) {
                Browser.Page login = b.open(server.url("/account/login"));
                assertEquals(303, b.submit(login, "form[action$=/account/login]",
                        Map.of("email", w.name().toLowerCase() + "@example.org", "password", "a password 1")).status(), w.name());
            }
            b.open(server.url("/modules"));
            browsers.put(w, b);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Expected statuses in the order of {@link Who}. */
    private record Route(String method, String path, Map<String, String> form, int... expected) {}

    private static int[] codes(int anonymous, int stranger, int blocked, int student, int tutor, int otherOwner,
                               int owner, int admin) {
        return new int[] {anonymous, stranger, blocked, student, tutor, otherOwner, owner, admin};
    }

    private static List<Route> routes() {
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", "/modules", null, codes(200, 200, 200, 200, 200, 200, 200, 200)));
        r.add(new Route("GET", "/modules?view=mine", null, codes(200, 200, 200, 200, 200, 200, 200, 200)));
        r.add(new Route("GET", "/modules/new", null, codes(303, 403, 403, 403, 403, 200, 200, 200)));
        r.add(new Route("GET", "/parts/" + module, null, codes(303, 200, 404, 200, 200, 200, 200, 200)));
        r.add(new Route("GET", "/parts/" + part, null, codes(303, 404, 404, 200, 200, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + page, null, codes(303, 404, 404, 200, 200, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + hiddenPart, null, codes(303, 404, 404, 404, 200, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + pageUnderHidden, null, codes(303, 404, 404, 404, 200, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + unavailableModule, null, codes(303, 404, 404, 404, 404, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + part + "/go?page=" + page, null, codes(303, 404, 404, 303, 303, 404, 303, 303)));
        r.add(new Route("GET", "/parts/" + part + "/edit", null, codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + part + "/new", null, codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + part + "/delete", null, codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + otherModule + "/edit", null, codes(303, 403, 403, 403, 403, 200, 403, 200)));
        r.add(new Route("POST", "/parts/" + part + "/edit", Map.of("title", "Part"), codes(303, 404, 404, 403, 403, 404, 303, 303)));
        r.add(new Route("POST", "/parts/" + part + "/status", Map.of("status", "available"), codes(303, 404, 404, 403, 403, 404, 303, 303)));
        r.add(new Route("POST", "/parts/" + module + "/reorder", Map.of("order", part + "," + hiddenPart), codes(303, 403, 404, 403, 403, 403, 303, 303)));
        r.add(new Route("POST", "/parts/" + module + "/children/" + part + "/move", Map.of("direction", "up"), codes(303, 403, 404, 403, 403, 403, 303, 303)));
        // The editor's helpers, assets and templates.
        r.add(new Route("POST", "/parts/" + part + "/preview", Map.of("content", "x"), codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + part + "/xrefs.json?q=a", null, codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + part + "/assets", null, codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + part + "/templates", null, codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + part + "/assets.json?q=a", null, codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + part + "/assets/none.png", null, codes(303, 404, 404, 404, 404, 404, 404, 404)));
        // The workspace: members' own files (made on first use); tutors and owners read students'.
        String workspace = "/parts/" + part + "/workspace";
        r.add(new Route("GET", workspace + "/files", null, codes(303, 404, 404, 200, 200, 404, 200, 200)));
        r.add(new Route("POST", workspace + "/files", Map.of("name", "matrix.html"), codes(303, 404, 404, 201, 201, 404, 201, 201)));
        r.add(new Route("GET", workspace + "/download", null, codes(303, 404, 404, 200, 200, 404, 200, 200)));
        r.add(new Route("GET", workspace + "/users/" + studentId, null, codes(303, 404, 404, 403, 200, 404, 200, 200)));
        r.add(new Route("GET", workspace + "/users/" + studentId + "/files", null, codes(303, 404, 404, 403, 200, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + module + "/workspace/users/" + studentId, null, codes(303, 403, 404, 403, 200, 403, 200, 200)));
        r.add(new Route("GET", "/parts/" + hiddenPart + "/workspace/files", null, codes(303, 404, 404, 404, 404, 404, 404, 404)));
        r.add(new Route("POST", "/parts/" + hiddenPart + "/workspace/files/index.html/rename",
                Map.of("to", "other.html", "version", "1"), codes(303, 404, 404, 404, 404, 404, 404, 404)));
        // Enrolment and module users.
        r.add(new Route("GET", "/modules/" + module + "/access", null, codes(303, 403, 404, 403, 403, 403, 200, 200)));
        r.add(new Route("GET", "/modules/" + module + "/users", null, codes(303, 403, 404, 403, 403, 403, 200, 200)));
        r.add(new Route("POST", "/modules/" + module + "/access", Map.of("open", "1", "domains", ""), codes(303, 403, 404, 403, 403, 403, 303, 303)));
        r.add(new Route("GET", "/modules/" + unavailableModule + "/enrol", null, codes(404, 404, 404, 404, 404, 404, 200, 200)));
        // Timed actions: the part's editors only; an action through another part's address is not there.
        String actions = "/parts/" + part + "/timed-actions";
        r.add(new Route("GET", actions, null, codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + module + "/timed-actions", null, codes(303, 403, 404, 403, 403, 403, 200, 200)));
        r.add(new Route("GET", "/parts/" + hiddenPart + "/timed-actions", null, codes(303, 404, 404, 404, 403, 404, 200, 200)));
        r.add(new Route("GET", actions + "/new?type=change-status", null, codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("POST", actions + "/new?type=change-status", Map.of("date", "", "time", "", "status", "available",
                "save", "draft"), codes(303, 404, 404, 403, 403, 404, 303, 303)));
        r.add(new Route("GET", actions + "/" + task + "/edit", null, codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", actions + "/" + task + "/cancel", null, codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", actions + "/" + task + "/delete", null, codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + page + "/timed-actions/" + task + "/edit", null,
                codes(303, 404, 404, 403, 403, 404, 404, 404)));
        r.add(new Route("POST", actions + "/" + task + "/cancel", Map.of("version", "0"),
                codes(303, 404, 404, 403, 403, 404, -1, -1)));
        r.add(new Route("POST", actions + "/" + task + "/delete", Map.of("version", "0"),
                codes(303, 404, 404, 403, 403, 404, -1, -1)));
        // Progress: the dashboards are the module's teachers' (owners, tutors, administrators); a page has none.
        // Time on page: only a student's beacon counts (204); a teacher's preview is refused (403).
        r.add(new Route("GET", "/parts/" + part + "/progress", null, codes(303, 404, 404, 403, 200, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + part + "/progress.csv", null, codes(303, 404, 404, 403, 200, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + module + "/progress", null, codes(303, 403, 404, 403, 200, 403, 200, 200)));
        r.add(new Route("GET", "/parts/" + module + "/progress.csv", null, codes(303, 403, 404, 403, 200, 403, 200, 200)));
        r.add(new Route("GET", "/parts/" + hiddenPart + "/progress", null, codes(303, 404, 404, 404, 200, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + page + "/progress", null, codes(303, 404, 404, 404, 404, 404, 404, 404)));
        r.add(new Route("POST", "/parts/" + page + "/time", Map.of("seconds", "5"), codes(303, 404, 404, 204, 403, 404, 403, 403)));
        r.add(new Route("POST", "/parts/" + pageUnderHidden + "/time", Map.of("seconds", "5"), codes(303, 404, 404, 404, 403, 404, 403, 403)));
        r.add(new Route("POST", "/parts/" + part + "/time", Map.of("seconds", "5"), codes(303, 404, 404, 404, 404, 404, 404, 404)));

        // Quizzes: answering is for members who see the page (an empty body is a 400 after the checks);
        // the results are for the module's owners and tutors and for administrators.
        String quizzes = "/parts/" + page + "/quizzes";
        r.add(new Route("GET", quizzes, null, codes(303, 404, 404, 200, 200, 404, 200, 200)));
        r.add(new Route("GET", quizzes + "/q/answers", null, codes(303, 404, 404, 200, 200, 404, 200, 200)));
        r.add(new Route("POST", quizzes + "/q/answers", Map.of(), codes(303, 404, 404, 400, 400, 404, 400, 403)));
        r.add(new Route("GET", "/parts/" + pageUnderHidden + "/quizzes", null, codes(303, 404, 404, 404, 200, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + module + "/quiz-results", null, codes(303, 403, 404, 403, 200, 403, 200, 200)));
        r.add(new Route("GET", "/parts/" + part + "/quiz-results", null, codes(303, 404, 404, 403, 200, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + page + "/quiz-results.csv", null, codes(303, 404, 404, 403, 200, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + hiddenPart + "/quiz-results", null, codes(303, 404, 404, 404, 200, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + unavailableModule + "/quiz-results.csv", null, codes(303, 404, 404, 404, 404, 404, 200, 200)));

        // The workspace preview: whoever holds a valid link sees it, session or not; a bad link nobody.
        String preview = server.root().previewLinks().url("", studentId, part, "index.html");
        r.add(new Route("GET", preview, null, codes(200, 200, 200, 200, 200, 200, 200, 200)));
        r.add(new Route("GET", preview.replace("/index.html", "/none.html"), null, codes(404, 404, 404, 404, 404, 404, 404, 404)));
        r.add(new Route("GET", preview.replaceFirst("/preview/\\d+", "/preview/" + (studentId + 1)), null,
                codes(403, 403, 403, 403, 403, 403, 403, 403)));
        r.add(new Route("POST", preview, Map.of(), codes(405, 405, 405, 405, 405, 405, 405, 405)));

        // Export (the node's editors) and import (into what one edits; as a new module for those who create them).
        r.add(new Route("GET", "/parts/" + part + "/export", null, codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + module + "/export", null, codes(303, 403, 404, 403, 403, 403, 200, 200)));
        r.add(new Route("GET", "/parts/" + hiddenPart + "/export", null, codes(303, 404, 404, 404, 403, 404, 200, 200)));
        r.add(new Route("POST", "/parts/" + page + "/export", Map.of(), codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", "/imports/new", null, codes(303, 403, 403, 403, 403, 200, 200, 200)));
        r.add(new Route("GET", "/imports/new?into=" + module, null, codes(303, 403, 404, 403, 403, 403, 200, 200)));
        r.add(new Route("GET", "/imports/new?into=" + part, null, codes(303, 404, 404, 403, 403, 404, 200, 200)));
        r.add(new Route("GET", "/imports/new?into=" + page, null, codes(303, 404, 404, 403, 403, 404, 404, 404)));
        r.add(new Route("GET", "/imports/0123456789abcdef01234567", null, codes(303, 404, 404, 404, 404, 404, 404, 404)));
        // Administration.
        r.add(new Route("GET", "/admin/modules", null, codes(303, 403, 403, 403, 403, 403, 403, 200)));
        r.add(new Route("GET", "/admin/recompile", null, codes(303, 403, 403, 403, 403, 403, 403, 200)));
        // System health is for administrators (admin.system); a content administrator is not one.
        r.add(new Route("GET", "/admin/timed-actions", null, codes(303, 403, 403, 403, 403, 403, 403, 403)));
        // Offline download of a part: whoever sees the part; only parts; and the help, open to everyone.
        r.add(new Route("GET", "/parts/" + part + "/download", null, codes(303, 404, 404, 200, 200, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + hiddenPart + "/download", null, codes(303, 404, 404, 404, 200, 404, 200, 200)));
        r.add(new Route("GET", "/parts/" + module + "/download", null, codes(303, 404, 404, 404, 404, 404, 404, 404)));
        r.add(new Route("GET", "/parts/" + page + "/download", null, codes(303, 404, 404, 404, 404, 404, 404, 404)));
        r.add(new Route("GET", "/help", null, codes(200, 200, 200, 200, 200, 200, 200, 200)));
        r.add(new Route("GET", "/help/teaching", null, codes(200, 200, 200, 200, 200, 200, 200, 200)));
        r.add(new Route("GET", "/help/search?q=cron", null, codes(200, 200, 200, 200, 200, 200, 200, 200)));
        r.add(new Route("POST", "/parts/" + page + "/delete", Map.of(), codes(303, 404, 404, 403, 403, 404, -1, -1)));
        r.add(new Route("POST", "/parts/" + module + "/delete", Map.of(), codes(303, 403, 404, 403, 403, 403, -1, -1)));
        return r;
    }

    @Test
    void everyRouteAnswersEveryVisitorAsTheRulesSay() throws Exception {
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Route route : routes()) {
            for (Who who : Who.values()) {
                int expected = route.expected()[who.ordinal()];
                if (expected < 0) {
                    continue; // destructive and allowed: tested on its own below
                }
                Browser b = browsers.get(who);
                Browser.Page answer;
                if (route.method().equals("GET")) {
                    answer = b.get(server.url(route.path()));
                } else {
                    Map<String, String> form = new LinkedHashMap<>(route.form());
                    form.put("_csrf", csrf(b));
                    answer = b.post(server.url(route.path()), form);
                }
                if (answer.status() != expected) {
                    wrong.put(route.method() + " " + route.path() + " as " + who, "expected " + expected + ", got "
                            + answer.status());
                }
                if (who == Who.ANONYMOUS && expected == 303 && !answer.location().contains("/account/login")) {
                    wrong.put(route.method() + " " + route.path() + " as anonymous", "not sent to log in: " + answer.location());
                }
            }
        }
        assertEquals(Map.of(), wrong, "answers that break the rules");
    }

    @Test
    void theOwnerDeletesAPageAndEverythingBelowAModuleGoesWithIt() throws Exception {
        long[] ids = new long[3];
        server.root().database().run(s -> {
            Part m = s.get(Part.class, module);
            Part extra = new Part(m, PartType.PART, "To delete", PartStatus.AVAILABLE, Instant.now());
            extra.setSortOrder(5);
            s.persist(extra);
            Part p1 = new Part(extra, PartType.PAGE, "Page 1", PartStatus.AVAILABLE, Instant.now());
            s.persist(p1);
            ids[0] = extra.getId();
            ids[1] = p1.getId();
        });
        Browser owner = browsers.get(Who.OWNER);
        Browser.Page confirm = owner.open(server.url("/parts/" + ids[0] + "/delete"));
        assertEquals(true, confirm.doc().text().contains("1 part"), confirm.doc().text());
        assertEquals(303, owner.post(server.url("/parts/" + ids[0] + "/delete"), Map.of("_csrf", csrf(owner))).status());
        boolean gone = server.root().database().inTransaction(s -> s.get(Part.class, ids[0]) == null && s.get(Part.class, ids[1]) == null);
        assertEquals(true, gone, "the part and its page are deleted");
        assertEquals(404, owner.get(server.url("/parts/" + ids[1])).status());
    }

    @Test
    void aStudentContinuesWhereTheyLeftOff() throws Exception {
        Browser student = browsers.get(Who.STUDENT);
        // Other tests may have opened the page as the student already: start from no position.
        server.root().database().run(s -> s.createNativeMutationQuery("DELETE FROM reading_position").executeUpdate());
        assertEquals(true, student.open(server.url("/parts/" + part)).doc().select("main a.button").text().startsWith("Start"));
        assertEquals(200, student.get(server.url("/parts/" + page)).status());
        String button = student.open(server.url("/parts/" + part)).doc().select("main a.button").text();
        assertEquals("Continue where you left off: Page", button);
        assertEquals(200, student.get(server.url("/parts/" + page)).status(), "a second visit updates the same row");
    }

    /** The session's CSRF token, from a page that always carries a form. */
    private static String csrf(Browser b) throws Exception {
        return b.open(server.url("/account/login")).doc().selectFirst("input[name=_csrf]").val();
    }
}
