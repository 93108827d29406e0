package org.wte.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.wte.CompositionRoot;
import org.wte.config.Settings;
import org.wte.config.SettingsLoader;
import org.wte.server.EmbeddedServer;
import org.wte.web.WebContext;

/**
 * WTE on a real embedded Tomcat at /wte (or another mount path), on a fresh H2 file database, sending
 * mail to a local SMTP port (GreenMail in the tests). Built from a real INI file, like production.
 */
public final class TestServer implements AutoCloseable {
    private final EmbeddedServer server;
    private final Settings settings;
    private final Path dir;
    private final int port;

    private TestServer(EmbeddedServer server, Settings settings, Path dir, int port) {
        this.server = server;
        this.settings = settings;
        this.dir = dir;
        this.port = port;
    }

    /** An smtpPort of 0 configures no SMTP server: mails stay in the outbox. */
    public static TestServer start(String contextPath, int smtpPort, String extraIni) throws Exception {
        return start(contextPath, smtpPort, extraIni, null);
    }

    /** On the given MariaDB database (null: a fresh H2 file). */
    public static TestServer start(String contextPath, int smtpPort, String extraIni, ScratchMariaDb mariaDb)
            throws Exception {
        Path dir = Files.createTempDirectory("wte-it");
        int port = freePort();
        String mount = contextPath.equals("/") ? "" : contextPath;
        Path ini = dir.resolve("test.ini");
        Files.writeString(ini, """
                [app]
                url = http://localhost:%d%s
                secret = test-secret-test-secret-test-secret-0123456789
                timezone = Europe/London
                title = WTE test
                admin_email = admin@example.org
                [server]
                host = 127.0.0.1
                http_port = %d
                context_path = %s
                [database]
                %s
                [email]
                host = %s
                port = %d
                from = WTE test <wte@example.org>
                [timed_tasks]
                backoff_seconds = 1
                %s
                """.formatted(port, mount, port, contextPath, mariaDb == null
                        ? "url = jdbc:h2:file:" + dir.toAbsolutePath() + "/wte;MODE=MariaDB;AUTO_SERVER=TRUE"
                        : "url = " + mariaDb.url() + "\nuser = " + ScratchMariaDb.USER + "\npassword = " + ScratchMariaDb.PASSWORD,
                smtpPort > 0 ? "127.0.0.1" : "",
                smtpPort > 0 ? smtpPort : 25, extraIni));
        Settings settings = SettingsLoader.load(ini);
        EmbeddedServer server = new EmbeddedServer(settings, Path.of(System.getProperty("wte.webapp", "webapp")));
        server.start();
        return new TestServer(server, settings, dir, port);
    }

    public static TestServer start(int smtpPort) throws Exception {
        return start("/wte", smtpPort, "");
    }

    /** The base URL, e.g. http://localhost:12345/wte (no trailing slash). */
    public String url() {
        return settings.app().url();
    }

    public String url(String path) {
        return url() + path;
    }

    public int port() {
        return port;
    }

    public Settings settings() {
        return settings;
    }

    public Path directory() {
        return dir;
    }

    /** The running application's composition root, to look into the database the way WTE does. */
    public CompositionRoot root() {
        return server.servletContextAttribute(WebContext.ROOT, CompositionRoot.class);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * After {@link #close()}: WTE again on the same directory, database and port (a restart, e.g. to test what
     * a browser does while the server is away). Sessions do not survive it: users log in again.
     */
    public TestServer restart() throws Exception {
        Settings again = SettingsLoader.load(dir.resolve("test.ini"));
        EmbeddedServer restarted = new EmbeddedServer(again, Path.of(System.getProperty("wte.webapp", "webapp")));
        restarted.start();
        return new TestServer(restarted, again, dir, port);
    }

    @Override
    public void close() {
        server.stop();
    }
}
