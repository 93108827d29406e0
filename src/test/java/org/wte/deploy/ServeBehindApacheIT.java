package org.wte.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.testing.Apache;
import org.wte.testing.Browser;
import org.wte.testing.Launcher;
import org.wte.testing.Processes;
import org.wte.testing.ProductionSite;
import org.wte.testing.ScratchMariaDb;
import org.wte.testing.TestServer;

/**
 * `wte serve` without Tomcat behind Debian's Apache 2.4: AJP only ([server] http_port = 0, ajp_port with
 * ajp_secret) at the mount /wte through the shipped deploy/apache/wte-proxy.conf; and two such nodes with
 * distinct [server] jvm_route values, sharing one MariaDB, behind the shipped deploy/apache/wte-balancer.conf
 * (sticky sessions): a logged-in user stays on their node, and a node's users do not notice the other
 * node stopping. Which node served a request is what Apache's balancer logged (BALANCER_WORKER_ROUTE).
 */
class ServeBehindApacheIT {
    private static final String MOUNT = "/wte";
    private static final String SECRET = "serve-ajp-secret-29c1";
    private static final String USER = "node.user@example.org";
    private static final String PASSWORD = "a long password 9";

    private static ScratchMariaDb db;
    private static Path dir;
    private static final List<Node> nodes = new ArrayList<>();

    /** One `wte serve` process. */
    record Node(String route, int ajpPort, Path ini, Launcher.Running process) {
        String logs() throws IOException {
            return "--- wte serve (" + route + ", AJP " + ajpPort + "):\n" + Files.readString(process.out())
                    + Files.readString(process.err());
        }

        void stop() throws InterruptedException {
            Processes.stop(process.process());
        }
    }

    @BeforeAll
    static void prepare() throws Exception {
        Apache.assumeInstalled(ServeBehindApacheIT.class.getSimpleName());
        db = ScratchMariaDb.create(ServeBehindApacheIT.class.getSimpleName());
        dir = Files.createTempDirectory("wte-serve-apache");
        Path ini = ProductionSite.writeIni(dir, "http://127.0.0.1/wte", db, 0, "");
        ProductionSite.initialiseDatabase(ini);
        ProductionSite.createAdmin(ini, USER, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Node n : nodes) {
            n.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    /** `wte serve --ajp-port N INI` with HTTP off, the secret and the route in the INI's [server] section. */
    private static Node startNode(String route, String appUrl) throws Exception {
        int ajp = TestServer.freePort();
        Path nodeDir = Files.createDirectories(dir.resolve(route));
        Path ini = ProductionSite.writeIni(nodeDir, appUrl, db, 0, """
                host = 127.0.0.1
                http_port = 0
                ajp_secret = %s
                context_path = %s
                jvm_route = %s
                """.formatted(SECRET, MOUNT, route));
        Node node = new Node(route, ajp, ini, Launcher.start(Launcher.command(nodeDir, "serve", "--ajp-port",
                String.valueOf(ajp), ini.toString())));
        nodes.add(node);
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!node.process().process().isAlive()) {
                throw new AssertionError("wte serve stopped\n" + node.logs());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", ajp), 500);
                return node;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("wte serve did not open AJP on " + ajp + " within 120 s\n" + node.logs());
    }

    /** Logs in through Apache; returns the page after the login's redirect. */
    private static Browser.Page logIn(Browser b, Apache apache) throws Exception {
        Browser.Page form = b.get(apache.url(MOUNT + "/account/login"));
        assertEquals(200, form.status(), form.body());
        assertNoForeignPort(form, apache);
        Browser.Page posted = b.submit(form, "form[action$=/account/login]", Map.of("email", USER, "password", PASSWORD));
        assertEquals(303, posted.status(), "the login redirects: " + posted.body());
        assertNoForeignPort(posted, apache);
        Browser.Page after = b.open(apache.url(MOUNT + "/profile"));
        assertEquals(200, after.status(), after.url() + "\n" + after.body());
        assertTrue(after.body().contains(USER), "logged in: the profile shows the address\n" + after.body());
        return after;
    }

    /** Redirects and links point at Apache's port and the mount, never at a node. */
    static void assertNoForeignPort(Browser.Page page, Apache apache) {
        String location = page.location();
        if (!location.isEmpty()) {
            assertTrue(location.startsWith(MOUNT + "/") || location.startsWith(apache.url(MOUNT + "/")),
                    "the redirect stays on Apache's port and the mount: " + location);
        }
        Matcher m = Pattern.compile("https?://[^/\"'\\s]+").matcher(page.body());
        while (m.find()) {
            String origin = m.group();
            assertFalse(origin.matches("https?://(127\\.0\\.0\\.1|localhost)(:\\d+)?") && !origin.equals(apache.url("")),
                    "a page names another local address than Apache's: " + origin);
        }
    }

    @Test
    void wteServeWithAjpOnlyWorksBehindTheShippedConfiguration() throws Exception {
        Apache apache = null;
        Node node = null;
        try {
            int port = TestServer.freePort();
            node = startNode("single", "http://127.0.0.1:" + port + MOUNT);
            // Apache on the port app.url names (freed just before).
            apache = Apache.startOnPort(port, Apache.proxyDefines(MOUNT, node.ajpPort(), SECRET), Apache.shipped("wte-proxy.conf"));
            Browser b = new Browser();
            Browser.Page bare = b.get(apache.url(MOUNT));
            assertEquals(301, bare.status());
            assertEquals(apache.url(MOUNT + "/"), bare.location());
            Browser.Page home = b.open(apache.url(MOUNT + "/"));
            assertEquals(200, home.status(), home.body());
            assertTrue(home.body().contains("WTE production test"), home.body());
            logIn(b, apache);
            assertTrue(b.cookie("WTESESSION").endsWith(".single"), "the node's route ends the session id: " + b.cookie("WTESESSION"));
        } catch (AssertionError | Exception e) {
            throw new AssertionError(e.getMessage() + "\n" + (node == null ? "" : node.logs())
                    + (apache == null ? "" : apache.logs()), e);
        } finally {
            if (apache != null) {
                apache.close();
            }
            if (node != null) {
                node.stop();
                nodes.remove(node);
            }
        }
    }

    @Test
    void twoNodesKeepTheirUsersAndOneSurvivesTheOther() throws Exception {
        int port = TestServer.freePort();
        String appUrl = "http://127.0.0.1:" + port + MOUNT;
        Node one = startNode("node1", appUrl);
        Node two = startNode("node2", appUrl);
        Map<String, String> defines = new LinkedHashMap<>();
        defines.put("WTE_MOUNT", MOUNT);
        defines.put("WTE_AJP_SECRET", SECRET);
        defines.put("WTE_NODE1", "127.0.0.1:" + one.ajpPort());
        defines.put("WTE_NODE1_ROUTE", one.route());
        defines.put("WTE_NODE2", "127.0.0.1:" + two.ajpPort());
        defines.put("WTE_NODE2_ROUTE", two.route());
        try (Apache apache = Apache.startOnPort(port, defines, Apache.shipped("wte-balancer.conf"))) {
            try {
                // Users log in until both nodes have some (the balancer spreads new sessions by requests).
                Map<String, List<Browser>> byRoute = new LinkedHashMap<>();
                for (int i = 0; i < 8; i++) {
                    Browser b = new Browser();
                    logIn(b, apache);
                    String session = b.cookie("WTESESSION");
                    String route = session.substring(session.lastIndexOf('.') + 1);
                    assertTrue(route.equals("node1") || route.equals("node2"), "a route ends the session id: " + session);
                    byRoute.computeIfAbsent(route, r -> new ArrayList<>()).add(b);
                }
                assertEquals(2, byRoute.size(), "sessions on both nodes: " + byRoute.keySet());

                // Each user stays on the node of their session for 50 requests.
                int user = 0;
                for (Map.Entry<String, List<Browser>> e : byRoute.entrySet()) {
                    for (Browser b : e.getValue()) {
                        user++;
                        for (int r = 0; r < 50; r++) {
                            String path = MOUNT + "/profile?user=" + user + "&r=" + r;
                            Browser.Page page = b.get(apache.url(path));
                            assertEquals(200, page.status(), path + ": " + page.location());
                            assertEquals(e.getKey(), routeOf(apache, path), "the node that served " + path);
                        }
                    }
                }

                // node1 stops: node2's users do not notice.
                one.stop();
                List<Browser> survivors = byRoute.get("node2");
                int n = 0;
                for (Browser b : survivors) {
                    n++;
                    for (int r = 0; r < 10; r++) {
                        String path = MOUNT + "/profile?survivor=" + n + "&r=" + r;
                        Browser.Page page = b.get(apache.url(path));
                        assertEquals(200, page.status(), path + ": " + page.location());
                        assertTrue(page.body().contains(USER), "still logged in on " + path);
                        assertEquals("node2", routeOf(apache, path), "the node that served " + path);
                    }
                }
            } catch (AssertionError | Exception e) {
                throw new AssertionError(e.getMessage() + "\n" + one.logs() + two.logs() + apache.logs()
                        + "--- access.log:\n" + String.join("\n", apache.accessLog()), e);
            }
        }
    }

    /**
     * The balancer's route for the one request to this path and query in Apache's access log (which Apache
     * writes just after the response: waits for it up to 5 s).
     */
    private static String routeOf(Apache apache, String pathAndQuery) throws InterruptedException {
        List<String> lines = List.of();
        for (long deadline = System.currentTimeMillis() + 5000; lines.isEmpty() && System.currentTimeMillis() < deadline; ) {
            lines = apache.accessLog().stream().filter(l -> l.contains(" " + pathAndQuery + " ")).toList();
            if (lines.isEmpty()) {
                Thread.sleep(20);
            }
        }
        assertEquals(1, lines.size(), "one access log line for " + pathAndQuery + ": " + lines);
        return lines.get(0).replaceFirst(".* route=", "");
    }
}
