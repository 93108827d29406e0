package org.wte.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

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

/**
 * The workspace tests' content on a running server: a module with a part in WORKSPACE mode (two pages,
 * templates index.html, style.css and logo.png), a part in TEXT mode, and its people: an owner, a tutor,
 * three students and a stranger, all with the same password.
 */
final class WorkspaceSite {
    static final String PASSWORD = "a workspace password";
    static final String INDEX = "<!DOCTYPE html>\n<html>\n<head>\n  <title>My page</title>\n"
            + "  <link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n  <h1>Hello</h1>\n</body>\n</html>\n";
    static final String STYLE = "h1 { color: navy; }\n";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};

    final long module;
    final long part;
    final long page;
    final long page2;
    final long textPart;
    final long textPage;
    final Map<String, Long> users = new java.util.HashMap<>();

    WorkspaceSite(TestServer server) {
        String hash = new PasswordHasher().hash(PASSWORD);
        long[] ids = new long[6];
        server.root().database().run(s -> {
            Instant now = Instant.now();
            for (String who : new String[] {"owner", "tutor", "student", "classmate", "leaver", "stranger", "tinkerer", "renamer"}) {
                User u = new User(who + "@example.org", who.substring(0, 1).toUpperCase() + who.substring(1),
                        UserStatus.ACTIVE, now);
                u.setPasswordHash(hash);
                s.persist(u);
                users.put(who, u.getId());
            }
            Part m = new Part(null, PartType.MODULE, "Web design", PartStatus.AVAILABLE, now);
            s.persist(m);
            Part p = new Part(m, PartType.PART, "HTML basics", PartStatus.AVAILABLE, now);
            p.setDisplayMode(DisplayMode.WORKSPACE);
            s.persist(p);
            Part g = new Part(p, PartType.PAGE, "Your first page", PartStatus.AVAILABLE, now);
            g.setDisplayMode(DisplayMode.WORKSPACE);
            g.setContent("Write **your first page**.");
            g.setCompiled("<p>Write <strong>your first page</strong>.</p>");
            s.persist(g);
            Part g2 = new Part(p, PartType.PAGE, "Styles", PartStatus.AVAILABLE, now);
            g2.setSortOrder(1);
            g2.setDisplayMode(DisplayMode.WORKSPACE);
            s.persist(g2);
            Part t = new Part(m, PartType.PART, "Reading", PartStatus.AVAILABLE, now);
            t.setSortOrder(1);
            s.persist(t);
            Part tg = new Part(t, PartType.PAGE, "Only text", PartStatus.AVAILABLE, now);
            s.persist(tg);
            server.root().assets().upload(s, p, AssetKind.TEMPLATE, "index.html", INDEX.getBytes(StandardCharsets.UTF_8));
            server.root().assets().upload(s, p, AssetKind.TEMPLATE, "style.css", STYLE.getBytes(StandardCharsets.UTF_8));
            server.root().assets().upload(s, p, AssetKind.TEMPLATE, "logo.png", PNG);
            s.persist(new ModuleRole(m, s.get(User.class, users.get("owner")), Role.OWNER, now));
            s.persist(new ModuleRole(m, s.get(User.class, users.get("tutor")), Role.TUTOR, now));
            s.persist(new ModuleRole(m, s.get(User.class, users.get("student")), Role.STUDENT, now));
            s.persist(new ModuleRole(m, s.get(User.class, users.get("classmate")), Role.STUDENT, now));
            s.persist(new ModuleRole(m, s.get(User.class, users.get("leaver")), Role.STUDENT, now));
            s.persist(new ModuleRole(m, s.get(User.class, users.get("tinkerer")), Role.STUDENT, now));
            s.persist(new ModuleRole(m, s.get(User.class, users.get("renamer")), Role.STUDENT, now));
            ids[0] = m.getId();
            ids[1] = p.getId();
            ids[2] = g.getId();
            ids[3] = g2.getId();
            ids[4] = t.getId();
            ids[5] = tg.getId();
        });
        module = ids[0];
        part = ids[1];
        page = ids[2];
        page2 = ids[3];
        textPart = ids[4];
        textPage = ids[5];
    }

    static Browser login(TestServer server, String who) throws Exception {
        Browser b = new Browser();
        Browser.Page login = b.open(server.url("/account/login"));
        assertEquals(303, b.submit(login, "form[action$=/account/login]",
                Map.of("email", who + "@example.org", "password", PASSWORD)).status(), who);
        return b;
    }
}
