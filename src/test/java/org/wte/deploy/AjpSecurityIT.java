package org.wte.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.testing.Apache;
import org.wte.testing.Browser;
import org.wte.testing.ProductionSite;
import org.wte.testing.ScratchMariaDb;
import org.wte.testing.Tomcat;

/**
 * The AJP hardening of deploy/: Debian's Tomcat 10 with the shipped connector and Debian's Apache 2.4 with the
 * shipped deploy/apache/wte-proxy.conf. A wrong secret is refused; the connector without a secret does not
 * open; {@code /wte/..;/} does not reach Tomcat's other web applications (mapping=servlet).
 */
class AjpSecurityIT {
    private static final String MOUNT = "/wte";
    private static final String SECRET = "ajp-secret-of-this-test-81f2";

    private static ScratchMariaDb db;
    private static Path dir;
    private static Path ini;
    private static Tomcat tomcat;
    private static Apache apache;

    @BeforeAll
    static void start() throws Exception {
        Apache.assumeInstalled(AjpSecurityIT.class.getSimpleName());
        Tomcat.assumeInstalled(AjpSecurityIT.class.getSimpleName());
        db = ScratchMariaDb.create(AjpSecurityIT.class.getSimpleName());
        dir = Files.createTempDirectory("wte-ajp-security");
        ini = ProductionSite.writeIni(dir, "http://127.0.0.1/wte", db, 0, "");
        ProductionSite.initialiseDatabase(ini);
        tomcat = Tomcat.start(MOUNT, ini, SECRET, null);
        apache = Apache.start(Apache.proxyDefines(MOUNT, tomcat.ajpPort(), SECRET), Apache.shipped("wte-proxy.conf"));
        ProductionSite.awaitLoginPage(apache.url(MOUNT), () -> tomcat.logs() + apache.logs());
    }

    @AfterAll
    static void stop() throws Exception {
        if (apache != null) {
            apache.close();
        }
        if (tomcat != null) {
            tomcat.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theRightSecretGetsThrough() throws Exception {
        Browser.Page login = new Browser().get(apache.url(MOUNT + "/account/login"));
        assertEquals(200, login.status(), login.body());
        assertTrue(login.body().contains("WTE production test"), "the INI named by wte.xml is used");
        Browser.Page bare = new Browser().get(apache.url(MOUNT));
        assertEquals(301, bare.status(), "the mount without its slash is redirected");
        assertEquals(apache.url(MOUNT + "/"), bare.location());
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        try (Apache wrong = Apache.start(Apache.proxyDefines(MOUNT, tomcat.ajpPort(), "not-" + SECRET),
                Apache.shipped("wte-proxy.conf"))) {
            Browser.Page page = new Browser().get(wrong.url(MOUNT + "/account/login"));
            String context = "\n" + tomcat.logs() + wrong.logs();
            assertTrue(page.status() == 403 || page.status() == 503, "refused: " + page.status() + " " + page.body() + context);
            assertFalse(page.body().contains("WTE production test"), "no WTE page with a wrong secret" + context);
            // Tomcat's access log records the refused request with its 403 (just after the response: wait 5 s).
            boolean logged = false;
            for (long deadline = System.currentTimeMillis() + 5000; !logged && System.currentTimeMillis() < deadline; ) {
                logged = tomcat.accessLog().lines().anyMatch(l -> l.startsWith("403 "));
                if (!logged) {
                    Thread.sleep(50);
                }
            }
            assertTrue(logged, "Tomcat logged the refusal\n" + tomcat.logs() + wrong.logs());
            assertEquals(403, page.status(), "Apache passes Tomcat's 403 on" + context);
        }
    }

    @Test
    void dotDotSemicolonDoesNotLeaveTheMount() throws Exception {
        // The trap exists: Tomcat itself serves the other application (on its own HTTP port).
        Browser.Page direct = new Browser().get("http://127.0.0.1:" + tomcat.httpPort() + "/other/index.html");
        assertTrue(direct.body().contains(Tomcat.OTHER_MARKER), "the other web application is deployed: " + direct.body());
        for (String path : List.of("/..;/other/index.html", "/..;/other/", "/%2e%2e;/other/index.html",
                "/.%2e;/other/index.html", "/..;foo=bar/other/index.html", "/static/..;/..;/other/index.html")) {
            Browser.Page page = new Browser().get(apache.url(MOUNT + path));
            assertFalse(page.body().contains(Tomcat.OTHER_MARKER),
                    MOUNT + path + " reached another web application (" + page.status() + ")\n" + apache.accessLog());
            assertTrue(page.status() >= 400 || page.location().contains(MOUNT + "/"),
                    MOUNT + path + ": " + page.status() + " " + page.location());
        }
        Browser.Page outside = new Browser().get(apache.url("/other/index.html"));
        assertFalse(outside.body().contains(Tomcat.OTHER_MARKER), "only the mount is proxied");
    }

    @Test
    void theConnectorDoesNotOpenWithoutASecret() throws Exception {
        Path other = Files.createTempDirectory("wte-ajp-nosecret");
        Path noSecretIni = ProductionSite.writeIni(other, "http://127.0.0.1/wte", db, 0, "");
        try (Tomcat open = Tomcat.start(MOUNT, noSecretIni, null, null)) {
            assertTrue(open.log().contains("secretRequired=\"true\" but the secret attribute is either null"),
                    "Tomcat says why the connector did not start\n" + open.logs());
            assertFalse(answersCping(open.ajpPort()), "AJP answers on " + open.ajpPort() + " without a secret\n" + open.logs());
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", open.ajpPort()), 1000);
                throw new AssertionError("the AJP port " + open.ajpPort() + " is open without a secret\n" + open.logs());
            } catch (IOException refused) {
                // expected: bindOnInit="false" in the shipped connector, so nothing is bound
            }
        }
        assertTrue(answersCping(tomcat.ajpPort()), "the same connector with a secret answers AJP's CPing");
    }

    /** AJP's CPing (0x12 0x34, length 1, type 10) answered by CPong ("AB", length 1, type 9) within 2 s. */
    private static boolean answersCping(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            s.getOutputStream().write(new byte[] {0x12, 0x34, 0x00, 0x01, 0x0A});
            s.getOutputStream().flush();
            byte[] answer = s.getInputStream().readNBytes(5);
            return java.util.Arrays.equals(answer, new byte[] {'A', 'B', 0x00, 0x01, 0x09});
        } catch (IOException e) {
            return false;
        }
    }
}
