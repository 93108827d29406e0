package org.wte.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;

/**
 * Debian's Tomcat 10 (CATALINA_HOME=/usr/share/tomcat10, -Dwte.tomcat=…) as a child process
 * ({@code java … org.apache.catalina.startup.Bootstrap start}) with a CATALINA_BASE of its own in a
 * temporary directory: a conf/server.xml holding the shipped AJP connector (deploy/tomcat/server-ajp-connector.xml,
 * port and secret substituted) and an HTTP connector on another free port (only to check that Apache never
 * shows it), the shipped context descriptor (deploy/tomcat/wte.xml) pointing at the built target/wte.war and
 * the test's INI, the JVM options of deploy/tomcat/setenv.sh, Debian's conf/web.xml, and a second web
 * application "other" (its index.html holds {@link #OTHER_MARKER}) that nothing through Apache may reach.
 *
 * <p>Missing Tomcat: skipped with a printed reason, unless -Dwte.requireServices=true (CI), where it fails.
 * Everything Tomcat logs goes to one file, shown by {@link #logs()}.
 */
public final class Tomcat implements AutoCloseable {
    public static final Path HOME = Path.of(System.getProperty("wte.tomcat", "/usr/share/tomcat10"));
    /** Debian keeps CATALINA_HOME/conf in /etc/tomcat10. */
    public static final Path DEBIAN_CONF = Path.of(System.getProperty("wte.tomcat.conf", "/etc/tomcat10"));
    public static final String OTHER_MARKER = "another web application of this Tomcat 5f3a";
    private static final Duration START = Duration.ofSeconds(120);
    private static final String SHIPPED_SECRET = "CHANGE-ME-the-same-secret-as-in-apache";

    private final Path base;
    private final int ajpPort;
    private final int httpPort;
    private final Process process;

    private Tomcat(Path base, int ajpPort, int httpPort, Process process) {
        this.base = base;
        this.ajpPort = ajpPort;
        this.httpPort = httpPort;
        this.process = process;
    }

    public static void assumeInstalled(String testName) {
        String reason = null;
        if (!Files.isRegularFile(HOME.resolve("bin/bootstrap.jar"))) {
            reason = "Tomcat 10 is not installed at " + HOME + " (apt-get install tomcat10)";
        } else if (!Files.isReadable(DEBIAN_CONF.resolve("web.xml"))) {
            reason = "Tomcat's " + DEBIAN_CONF.resolve("web.xml") + " is not readable (apt-get install tomcat10; run as root)";
        }
        MissingService.skipOrFail(testName, reason);
    }

    /**
     * Starts Tomcat with the WAR at {@code mount} (e.g. /wte) configured by {@code ini}, the AJP connector
     * with this secret (null: the shipped connector without its secret attribute), and waits until it has
     * started (not until the connector is open: without a secret it must not be).
     */
    public static Tomcat start(String mount, Path ini, String ajpSecret, String jvmRoute) throws IOException, InterruptedException {
        assumeInstalled("Tomcat");
        Path war = Path.of(System.getProperty("wte.war", "target/wte.war")).toAbsolutePath();
        Assertions.assertTrue(Files.isRegularFile(war), war + " does not exist: run `mvn package` first");
        Path base = Files.createTempDirectory("wte-tomcat");
        int ajpPort = TestServer.freePort();
        int httpPort = TestServer.freePort();
        for (String d : List.of("conf/Catalina/localhost", "logs", "temp", "work", "webapps/other")) {
            Files.createDirectories(base.resolve(d));
        }
        for (String f : List.of("web.xml", "catalina.properties", "context.xml")) {
            Files.copy(DEBIAN_CONF.resolve(f), base.resolve("conf").resolve(f));
        }
        Files.writeString(base.resolve("conf/logging.properties"), """
                handlers = java.util.logging.ConsoleHandler
                .handlers = java.util.logging.ConsoleHandler
                .level = INFO
                java.util.logging.ConsoleHandler.level = ALL
                java.util.logging.ConsoleHandler.formatter = org.apache.juli.OneLineFormatter
                org.apache.coyote.ajp.level = FINE
                """);
        Files.writeString(base.resolve("conf/server.xml"), serverXml(ajpPort, ajpSecret, httpPort, jvmRoute));
        String descriptor = Files.readString(Path.of("deploy/tomcat/wte.xml"))
                .replace("/opt/wte/wte.war", war.toString())
                .replace("/etc/wte/production.ini", ini.toAbsolutePath().toString());
        Assertions.assertTrue(descriptor.contains(war.toString()) && descriptor.contains(ini.toAbsolutePath().toString()),
                "deploy/tomcat/wte.xml names /opt/wte/wte.war and /etc/wte/production.ini: " + descriptor);
        String name = mount.equals("/") ? "ROOT" : mount.substring(1).replace('/', '#');
        Files.writeString(base.resolve("conf/Catalina/localhost/" + name + ".xml"), descriptor);
        Files.writeString(base.resolve("webapps/other/index.html"), "<p>" + OTHER_MARKER + "</p>\n");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOpts());
        command.addAll(List.of("-Dcatalina.home=" + HOME, "-Dcatalina.base=" + base,
                "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-cp", HOME.resolve("bin/bootstrap.jar") + ":" + HOME.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap", "start"));
        Path log = base.resolve("logs/tomcat.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("WTE_CONFIG");
        Tomcat tomcat = new Tomcat(base, ajpPort, httpPort, pb.start());
        tomcat.awaitStarted();
        return tomcat;
    }

    /** The JAVA_OPTS of deploy/tomcat/setenv.sh, as Debian's catalina.sh passes them. */
    static List<String> javaOpts() throws IOException {
        Matcher m = Pattern.compile("(?m)^JAVA_OPTS=\"([^\"]*)\"").matcher(Files.readString(Path.of("deploy/tomcat/setenv.sh")));
        Assertions.assertTrue(m.find(), "deploy/tomcat/setenv.sh sets JAVA_OPTS=\"…\"");
        return List.of(m.group(1).trim().split("\\s+"));
    }

    private static String serverXml(int ajpPort, String secret, int httpPort, String jvmRoute) throws IOException {
        String connector = Files.readString(Path.of("deploy/tomcat/server-ajp-connector.xml"))
                .replaceAll("(?s)<!--.*?-->", "").trim();
        Assertions.assertTrue(connector.contains("port=\"8009\"") && connector.contains("secret=\"" + SHIPPED_SECRET + "\""),
                "the shipped connector has port=\"8009\" and the placeholder secret: " + connector);
        connector = connector.replace("port=\"8009\"", "port=\"" + ajpPort + "\"");
        connector = secret == null
                ? connector.replaceAll("\\s+secret=\"" + SHIPPED_SECRET + "\"", "")
                : connector.replace(SHIPPED_SECRET, secret);
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Server port="-1" shutdown="SHUTDOWN">
                  <Listener className="org.apache.catalina.startup.VersionLoggerListener" />
                  <Listener className="org.apache.catalina.core.JreMemoryLeakPreventionListener" />
                  <Listener className="org.apache.catalina.mbeans.GlobalResourcesLifecycleListener" />
                  <Listener className="org.apache.catalina.core.ThreadLocalLeakPreventionListener" />
                  <Service name="Catalina">
                    <Connector port="%d" address="127.0.0.1" protocol="HTTP/1.1" connectionTimeout="20000" />
                    %s
                    <Engine name="Catalina" defaultHost="localhost"%s>
                      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false">
                        <Valve className="org.apache.catalina.valves.AccessLogValve" directory="logs"
                               prefix="access" suffix=".log" rotatable="false" buffered="false" pattern="%%s %%r" />
                      </Host>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(httpPort, connector, jvmRoute == null ? "" : " jvmRoute=\"" + jvmRoute + "\"");
    }

    private void awaitStarted() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Tomcat stopped at its start (exit " + process.exitValue() + ")\n" + logs());
            }
            if (log().contains("Server startup in")) {
                return;
            }
            Thread.sleep(200);
        }
        String logs = logs();
        close();
        throw new AssertionError("Tomcat did not start within " + START + "\n" + logs);
    }

    public int ajpPort() {
        return ajpPort;
    }

    /** Tomcat's own HTTP connector (never to be seen through Apache). */
    public int httpPort() {
        return httpPort;
    }

    public Path base() {
        return base;
    }

    /** What Tomcat (and the web application) logged. */
    public String log() {
        return read(base.resolve("logs/tomcat.log"));
    }

    /** Tomcat's access log: "status request-line" per request that reached it. */
    public String accessLog() {
        return read(base.resolve("logs/access.log"));
    }

    public String logs() {
        return "--- Tomcat " + HOME + " with CATALINA_BASE " + base + ", server.xml:\n" + read(base.resolve("conf/server.xml"))
                + "--- log:\n" + log() + "--- access log:\n" + accessLog();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e + ")\n";
        }
    }

    @Override
    public void close() throws InterruptedException {
        Processes.stop(process);
    }
}
