package org.wte.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * A module for the progress tests on a running server: an owner (a teacher), a tutor, students, a blocked
 * student and a stranger; a part with pages, a second part, and an empty module of the same owner.
 */
final class Classroom {
    static final String PASSWORD = "a long enough password";

    final TestServer server;
    final Map<String, Long> users = new LinkedHashMap<>();
    long module;
    long part;
    final List<Long> pages = new ArrayList<>();
    long secondPart;
    long secondPartPage;
    long emptyModule;
    long emptyPart;

    Classroom(TestServer server, List<String> studentNames) {
        this.server = server;
        String hash = new PasswordHasher().hash(PASSWORD);
        server.root().database().run(s -> {
            Instant now = Instant.now();
            Part m = new Part(null, PartType.MODULE, "Web Basics", PartStatus.AVAILABLE, now);
            s.persist(m);
            Part p = new Part(m, PartType.PART, "HTML", PartStatus.AVAILABLE, now);
            s.persist(p);
            for (String title : List.of("Welcome", "Headings", "Links", "Images")) {
                Part g = new Part(p, PartType.PAGE, title, PartStatus.AVAILABLE, now);
                g.setSortOrder(pages.size());
                g.setCompiled("<p>" + title + ": some text to read.</p>");
                s.persist(g);
                pages.add(g.getId());
            }
            Part p2 = new Part(m, PartType.PART, "CSS", PartStatus.AVAILABLE, now);
            p2.setSortOrder(1);
            s.persist(p2);
            Part p2g = new Part(p2, PartType.PAGE, "Selectors", PartStatus.AVAILABLE, now);
            s.persist(p2g);
            Part empty = new Part(null, PartType.MODULE, "Empty module", PartStatus.AVAILABLE, now);
            s.persist(empty);
            Part emptyP = new Part(empty, PartType.PART, "Nothing yet", PartStatus.AVAILABLE, now);
            s.persist(emptyP);
            s.persist(new Part(emptyP, PartType.PAGE, "A page", PartStatus.AVAILABLE, now));
            module = m.getId();
            part = p.getId();
            secondPart = p2.getId();
            secondPartPage = p2g.getId();
            emptyModule = empty.getId();
            emptyPart = emptyP.getId();

            User owner = user(s, "teacher@example.org", "Tess Teacher", hash);
            owner.getGroups().add(server.root().users().group(s, "teacher"));
            s.persist(new ModuleRole(m, owner, Role.OWNER, now));
            s.persist(new ModuleRole(empty, owner, Role.OWNER, now));
            s.persist(new ModuleRole(m, user(s, "tutor@example.org", "Tim Tutor", hash), Role.TUTOR, now));
            for (String name : studentNames) {
                s.persist(new ModuleRole(m, user(s, name.toLowerCase().replaceAll("[^a-z]", "") + "@example.org", name, hash),
                        Role.STUDENT, now));
            }
            ModuleRole blocked = new ModuleRole(m, user(s, "blocked@example.org", "Blocked Student", hash), Role.STUDENT, now);
            blocked.setBlocked(true);
            s.persist(blocked);
            user(s, "stranger@example.org", "Sid Stranger", hash);
        });
    }

    private User user(org.hibernate.Session s, String email, String name, String hash) {
        User u = new User(email, name, UserStatus.ACTIVE, Instant.now());
        u.setPasswordHash(hash);
        s.persist(u);
        users.put(email, u.getId());
        return u;
    }

    Browser login(String email) throws Exception {
        Browser b = new Browser();
        Browser.Page form = b.open(server.url("/account/login"));
        Browser.Page in = b.submit(form, "form[action$=/account/login]", Map.of("email", email, "password", PASSWORD));
        assertEquals(303, in.status(), "log in as " + email + ": " + in.body());
        return b;
    }

    /** The session's CSRF token, from a page that always carries a form. */
    static String csrf(Browser b, TestServer server) throws Exception {
        return b.open(server.url("/account/login")).doc().selectFirst("input[name=_csrf]").val();
    }

    /** A time-on-page beacon, sent the way navigator.sendBeacon sends URLSearchParams; null leaves a field out. */
    Browser.Page beacon(Browser b, String csrf, long page, String seconds) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        if (csrf != null) {
            form.put("_csrf", csrf);
        }
        if (seconds != null) {
            form.put("seconds", seconds);
        }
        return b.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/parts/" + page + "/time")))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Browser.encode(form))));
    }

    /** A student's active seconds on a page (0 without a row). */
    long seconds(String email, long page) {
        return server.root().database().inTransaction(s -> ((Number) s.createNativeQuery(
                        "SELECT COALESCE(SUM(active_seconds), 0) FROM page_visit WHERE user_id = :u AND page_id = :p", Object.class)
                .setParameter("u", users.get(email)).setParameter("p", page).getSingleResult()).longValue());
    }

    long rows() {
        return server.root().database().inTransaction(s -> ((Number) s.createNativeQuery(
                "SELECT COUNT(*) FROM page_visit", Object.class).getSingleResult()).longValue());
    }
}
