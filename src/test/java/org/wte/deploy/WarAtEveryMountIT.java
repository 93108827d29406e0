package org.wte.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wte.testing.Apache;
import org.wte.testing.Browser;
import org.wte.testing.ProductionSite;
import org.wte.testing.ScratchMariaDb;
import org.wte.testing.TestServer;
import org.wte.testing.Tomcat;

/**
 * The same wte.war in Debian's Tomcat behind Apache at /wte, /teaching/web and / (issue 5, "The mount path"),
 * through Apache's port only: the context descriptor's file name sets the mount (wte.xml, teaching#web.xml,
 * ROOT.xml), the shipped wte-proxy.conf mounts it (for "/", the two proxy lines the guide gives), and the
 * login page's links, the session cookie's path, the login's redirect and the pages after it stay under the
 * mount on Apache's port. (MountPathIT crawls every page of every role at the three mounts in the embedded
 * server; this proves the WAR and the shipped configuration do the same.)
 */
class WarAtEveryMountIT {
    private static final String SECRET = "mount-ajp-secret-77d2";
    private static final String ADMIN = "mount.admin@example.org";
    private static final String PASSWORD = "a long password 5";

    private static ScratchMariaDb db;
    private static Path dir;

    @BeforeAll
    static void prepare() throws Exception {
        Tomcat.assumeInstalled(WarAtEveryMountIT.class.getSimpleName());
        Apache.assumeInstalled(WarAtEveryMountIT.class.getSimpleName());
        db = ScratchMariaDb.create(WarAtEveryMountIT.class.getSimpleName());
        dir = Files.createTempDirectory("wte-mounts");
        Path ini = ProductionSite.writeIni(dir, "http://127.0.0.1/wte", db, 0, "");
        ProductionSite.initialiseDatabase(ini);
        ProductionSite.createAdmin(ini, ADMIN, PASSWORD);
    }

    @AfterAll
    static void drop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/wte", "/teaching/web", "/"})
    void theWarBehindApacheStaysUnderItsMount(String mount) throws Exception {
        int port = TestServer.freePort();
        String prefix = mount.equals("/") ? "" : mount;
        String base = "http://127.0.0.1:" + port + prefix;
        Path site = Files.createDirectories(dir.resolve(mount.equals("/") ? "root" : mount.substring(1).replace('/', '-')));
        Path ini = ProductionSite.writeIni(site, base, db, 0, "");
        try (Tomcat tomcat = Tomcat.start(mount, ini, SECRET, null);
             Apache apache = startApache(port, mount, tomcat.ajpPort(), site)) {
            ProductionSite.awaitLoginPage(base, () -> tomcat.logs() + apache.logs());
            Browser b = new Browser();

            if (!mount.equals("/")) {
                Browser.Page bare = b.get("http://127.0.0.1:" + port + mount);
                assertEquals(301, bare.status(), "the mount without its slash redirects");
                assertTrue(bare.location().endsWith(mount + "/"), bare.location());
            }
            Browser.Page login = b.get(base + "/account/login");
            assertEquals(200, login.status(), login.body());
            assertUnderMount(login, prefix, port);
            String cookie = login.header("set-cookie");
            assertTrue(cookie.startsWith("WTESESSION="), "the session cookie: " + cookie);
            assertTrue(cookie.contains("Path=" + (mount.equals("/") ? "/" : mount) + ";")
                    || cookie.endsWith("Path=" + (mount.equals("/") ? "/" : mount)), "its path is the mount: " + cookie);

            Browser.Page after = b.submit(login, "main form", Map.of("email", ADMIN, "password", PASSWORD));
            assertEquals(303, after.status(), after.body());
            String location = after.location();
            assertTrue(location.startsWith(prefix + "/") || location.startsWith(base + "/"),
                    "the login's redirect stays under the mount on Apache's port: " + location);
            assertFalse(location.contains(":" + tomcat.httpPort()) || location.contains(":" + tomcat.ajpPort()),
                    location);

            for (String path : List.of("/", "/modules", "/admin/users", "/admin/timed-actions")) {
                Browser.Page page = b.get(base + path);
                assertEquals(200, page.status(), path + ": " + page.body());
                assertTrue(page.body().contains("Log out"), "logged in through the mount: " + path);
                assertUnderMount(page, prefix, port);
            }
            Browser.Page css = b.get(base + "/static/css/wte.css");
            assertEquals(200, css.status(), "static files under the mount");
        }
    }

    private static Apache startApache(int port, String mount, int ajpPort, Path site) throws Exception {
        if (!mount.equals("/")) {
            return Apache.startOnPort(port, Apache.proxyDefines(mount, ajpPort, SECRET), Apache.shipped("wte-proxy.conf"));
        }
        // At the site's root the shipped file's Defines do not fit; the guide's two lines for "/" do.
        Path root = site.resolve("wte-root-proxy.conf");
        Files.writeString(root, "ProxyIOBufferSize 65536\n"
                + "ProxyPass        / ajp://127.0.0.1:" + ajpPort + "/ secret=" + SECRET + " mapping=servlet\n"
                + "ProxyPassReverse / ajp://127.0.0.1:" + ajpPort + "/\n");
        return Apache.startOnPort(port, Map.of(), root);
    }

    /** Every link, source and form action of the page is under the mount (or an anchor), on Apache's port. */
    private static void assertUnderMount(Browser.Page page, String prefix, int port) {
        List<String> wrong = new ArrayList<>();
        for (Element e : page.doc().select("[href], [src], form[action]")) {
            String url = e.hasAttr("href") ? e.attr("href") : e.hasAttr("src") ? e.attr("src") : e.attr("action");
            boolean ok = url.startsWith("#") || url.startsWith("mailto:") || url.startsWith("https://")
                    || (url.startsWith(prefix + "/") && !url.startsWith("//"))
                    || url.startsWith("http://127.0.0.1:" + port + prefix + "/");
            if (!ok) {
                wrong.add(e.tagName() + " " + url);
            }
        }
        assertTrue(wrong.isEmpty(), "outside the mount " + (prefix.isEmpty() ? "/" : prefix) + " on " + page.url()
                + ": " + wrong);
    }
}
