package org.wte.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.h2.jdbcx.JdbcDataSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wte.db.Migrations;

/**
 * The built target/wte.war as an administrator deploys it: in a Tomcat (embedded here) at a deep mount
 * path, configured by a context parameter naming the INI file, with only the container's classes
 * (Tomcat and the servlet API) visible from outside the WAR.
 */
class WarDeploymentIT {
    private static final String MOUNT = "/teaching/web";
    private static final String TITLE = "WAR test 7421";
    private static Path war;

    @TempDir
    Path dir;

    @BeforeAll
    static void findWar() {
        // DriverManager looks for drivers once, with the context class loader of its first use. A real Tomcat
        // (JreMemoryLeakPreventionListener) does that at its start, outside any application, so drivers in
        // WEB-INF/lib are never found that way: do the same here. (Were the first use inside the application,
        // the test JVM would also keep only the WAR's drivers, which Tomcat deregisters when it stops.)
        DriverManager.drivers().count();
        war = Path.of(System.getProperty("wte.war", "target/wte.war")).toAbsolutePath();
        if (!Files.isRegularFile(war)) {
            fail(war + " does not exist: run `mvn package` first (this IT runs in `mvn verify`, after package)");
        }
    }

    @Test
    void warHoldsTheApplicationButNotTheContainer() throws IOException {
        List<String> jars = new ArrayList<>();
        try (ZipFile zip = new ZipFile(war.toFile())) {
            assertNotNull(zip.getEntry("WEB-INF/web.xml"), "WEB-INF/web.xml");
            assertNotNull(zip.getEntry("WEB-INF/classes/org/wte/web/WteContextListener.class"), "the application's classes");
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.startsWith("WEB-INF/lib/") && name.endsWith(".jar")) {
                    jars.add(name.substring("WEB-INF/lib/".length()));
                }
            }
        }
        assertFalse(jars.isEmpty(), "WEB-INF/lib holds the libraries");
        for (String jar : jars) {
            assertFalse(jar.startsWith("tomcat-") || jar.startsWith("jakarta.servlet-api")
                    || jar.startsWith("servlet-api"), "the container's jar " + jar + " must not be in the WAR");
        }
        Map<String, String> jersey = new TreeMap<>();
        Pattern versioned = Pattern.compile("(jersey-[a-z0-9-]+?)-(\\d[\\w.-]*)\\.jar");
        for (String jar : jars) {
            if (jar.startsWith("jersey-")) {
                Matcher m = versioned.matcher(jar);
                assertTrue(m.matches(), "a versioned Jersey jar: " + jar);
                jersey.put(m.group(1), m.group(2));
            }
        }
        assertTrue(jersey.keySet().containsAll(List.of("jersey-server", "jersey-container-servlet", "jersey-common")),
                "Jersey is inside: " + jersey);
        assertEquals(new TreeSet<>(List.of("3.1.11")), new TreeSet<>(jersey.values()),
                "every Jersey jar has the same version: " + jersey);
    }

    @Test
    void deployedWarServesEverythingUnderItsMountPath() throws Exception {
        String dbUrl = databaseUrl();
        assertTrue(new Migrations(dataSource(dbUrl)).migrate() > 0, "the schema was created");
        Deployed app = deploy(writeIni(dbUrl));
        try {
            assertTrue(app.available(), "the WAR started:\n" + app.log);
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String origin = "http://127.0.0.1:" + app.port;

            HttpResponse<String> home = get(http, origin + MOUNT + "/");
            assertEquals(200, home.statusCode(), home.body());
            Document doc = Jsoup.parse(home.body(), origin + MOUNT + "/");
            assertTrue(doc.title().contains(TITLE), "the INI named by the context parameter was used: " + doc.title());
            assertTrue(doc.select("header").text().contains(TITLE), "the header shows the title");

            List<String> urls = new ArrayList<>();
            for (Element e : doc.select("a[href], link[href], form[action], script[src], img[src]")) {
                String url = e.hasAttr("href") ? e.attr("href") : e.hasAttr("action") ? e.attr("action") : e.attr("src");
                if (url.startsWith("/")) {
                    urls.add(url);
                }
            }
            assertTrue(urls.size() >= 3, "the page has links: " + urls);
            for (String url : urls) {
                assertTrue(url.startsWith(MOUNT + "/"), "root-absolute URL outside the mount path: " + url);
            }
            assertFalse(home.body().contains("\"/static/"), "no root-absolute /static URL");
            Element stylesheet = doc.selectFirst("link[rel=stylesheet]");
            assertNotNull(stylesheet, "a stylesheet");
            String css = stylesheet.attr("href");
            assertTrue(css.startsWith(MOUNT + "/static/"), css);

            HttpResponse<String> style = get(http, origin + css);
            assertEquals(200, style.statusCode(), "stylesheet " + css);
            String type = style.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.startsWith("text/css"), "Content-Type of the stylesheet: " + type);
            assertFalse(style.body().isBlank(), "the stylesheet has content");

            // A page with a form starts a session: its cookie is scoped to the mount path and locked down.
            HttpResponse<String> login = get(http, origin + MOUNT + "/account/login");
            assertEquals(200, login.statusCode(), login.body());
            String cookie = login.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("WTESESSION=")).findFirst()
                    .orElseThrow(() -> new AssertionError("no session cookie: " + login.headers().map()));
            Map<String, String> attributes = cookieAttributes(cookie);
            assertEquals(MOUNT, attributes.get("path"), cookie);
            assertTrue(attributes.containsKey("httponly"), "HttpOnly: " + cookie);
            assertEquals("lax", attributes.getOrDefault("samesite", "").toLowerCase(Locale.ROOT), cookie);
            assertFalse(attributes.containsKey("secure"), "not Secure over plain HTTP: " + cookie);

            // The workspace preview, which the context listener registers ahead of web.xml's filters, answers in
            // the WAR too: a bad link is refused under the preview's own sandbox, without a session.
            HttpResponse<String> preview = get(http, origin + MOUNT + "/preview/not-a-token/index.html");
            assertEquals(403, preview.statusCode(), preview.body());
            assertEquals("sandbox allow-scripts allow-forms allow-modals",
                    preview.headers().firstValue("Content-Security-Policy").orElse(""));
            assertTrue(preview.headers().allValues("Set-Cookie").isEmpty(), preview.headers().map().toString());

            // Nothing of WTE answers outside the mount path.
            assertEquals(404, get(http, origin + "/static/css/wte.css").statusCode());
        } finally {
            app.stop();
        }
    }

    @Test
    void warRefusesAnUnmigratedDatabaseAndSaysWhatToRun() throws Exception {
        Deployed app = deploy(writeIni(databaseUrl()));
        try {
            assertFalse(app.available(), "the WAR must not start on an empty schema");
            String problem = app.log.toString().lines()
                    .filter(l -> l.contains("WteContextListener") && l.contains("WTE cannot start")).findFirst()
                    .orElseThrow(() -> new AssertionError("WTE logged no 'WTE cannot start' line:\n" + app.log));
            assertTrue(problem.contains("wte initialise-database"), "the log line names the command: " + problem);
            try (Connection c = dataSource(databaseUrl()).getConnection();
                 ResultSet tables = c.getMetaData().getTables(null, null, "APP_USER", null)) {
                assertFalse(tables.next(), "the WAR must not create the schema by itself");
            }
            HttpResponse<String> home = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + app.port + MOUNT + "/");
            assertFalse(home.statusCode() == 200 && home.body().contains(TITLE), "an unavailable application serves nothing");
        } finally {
            app.stop();
        }
    }

    // ---------------------------------------------------------------- helpers

    private String databaseUrl() {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db") + ";MODE=MariaDB;AUTO_SERVER=TRUE";
    }

    /** H2 directly, not through DriverManager (see {@link #findWar()}). */
    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return ds;
    }

    private Path writeIni(String dbUrl) throws IOException {
        Path ini = dir.resolve("production.ini");
        Files.writeString(ini, """
                [app]
                url = http://127.0.0.1/teaching/web
                secret = war-test-secret-war-test-secret-0123456789
                title = %s
                admin_email = admin@example.org
                [database]
                url = %s
                """.formatted(TITLE, dbUrl));
        return ini;
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Cookie attributes by lower-case name (the first pair, name=value, left out). */
    private static Map<String, String> cookieAttributes(String setCookie) {
        Map<String, String> attributes = new TreeMap<>();
        String[] parts = setCookie.split(";");
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int eq = part.indexOf('=');
            attributes.put((eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT),
                    eq < 0 ? "" : part.substring(eq + 1).trim());
        }
        return attributes;
    }

    /** A started Tomcat (objects of the isolated Tomcat class loader, driven by reflection) and its log. */
    private record Deployed(Object tomcat, Object context, int port, StringBuilder log, URLClassLoader loader) {
        boolean available() {
            return (Boolean) call(call(context, "getState"), "isAvailable");
        }

        void stop() throws IOException {
            call(tomcat, "stop");
            call(tomcat, "destroy");
            loader.close();
        }
    }

    /**
     * Starts a Tomcat with the WAR at {@link #MOUNT}, the INI given as the context parameter wte.config
     * (as deploy/tomcat/wte.xml does), and collects what is logged while it starts.
     * <p>
     * Tomcat runs in its own class loader that holds only Tomcat's jars (tomcat-embed-core with the servlet API,
     * tomcat-annotations-api), like Tomcat's common loader: the WAR must bring everything else, and nothing of
     * the test class path (which holds WTE and all its libraries) leaks into the application.
     */
    private Deployed deploy(Path ini) throws Exception {
        Path base = Files.createDirectories(dir.resolve("tomcat"));
        Files.createDirectories(base.resolve("webapps"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URLClassLoader tomcatLoader = tomcatClassLoader();
        Class<?> tomcatClass = tomcatLoader.loadClass("org.apache.catalina.startup.Tomcat");
        Object tomcat = tomcatClass.getConstructor().newInstance();
        call(tomcat, "setBaseDir", base.toString());
        call(call(tomcat, "getHost"), "setAppBase", base.resolve("webapps").toString());
        Object http = tomcatLoader.loadClass("org.apache.catalina.connector.Connector")
                .getConstructor(String.class).newInstance("HTTP/1.1");
        call(http, "setPort", port);
        call(http, "setProperty", "address", "127.0.0.1");
        call(tomcat, "setConnector", http);
        // What Tomcat's conf/web.xml gives every application: the default servlet and the MIME types (no JSP here).
        call(tomcat, "setAddDefaultWebXmlToWebapp", false);
        Object context = call(tomcat, "addWebapp", MOUNT, war.toString());
        call(context, "setParentClassLoader", tomcatLoader);
        callStatic(tomcatClass, "addDefaultMimeTypeMappings", context);
        Object defaultServlet = call(context, "createWrapper");
        call(defaultServlet, "setName", "default");
        call(defaultServlet, "setServletClass", "org.apache.catalina.servlets.DefaultServlet");
        call(defaultServlet, "addInitParameter", "listings", "false");
        call(defaultServlet, "setLoadOnStartup", 1);
        call(context, "addChild", defaultServlet);
        call(context, "addServletMappingDecoded", "/", "default");
        Object scanner = tomcatLoader.loadClass("org.apache.tomcat.util.scan.StandardJarScanner")
                .getConstructor().newInstance();
        call(scanner, "setScanClassPath", false);
        call(context, "setJarScanner", scanner);
        // <Parameter name="wte.config" value="..." override="false"/> of the context descriptor.
        Object parameter = tomcatLoader.loadClass("org.apache.tomcat.util.descriptor.web.ApplicationParameter")
                .getConstructor().newInstance();
        call(parameter, "setName", "wte.config");
        call(parameter, "setValue", ini.toString());
        call(parameter, "setOverride", false);
        call(context, "addApplicationParameter", parameter);

        StringBuilder log = new StringBuilder();
        Handler julCapture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (log) {
                    log.append(record.getLevel()).append(' ').append(record.getLoggerName()).append(": ")
                            .append(record.getMessage()).append('\n');
                    for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                        log.append("  caused by ").append(t).append('\n');
                    }
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger julRoot = Logger.getLogger("");
        julRoot.addHandler(julCapture);
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(tee(originalOut, log));
        System.setErr(tee(originalErr, log));
        try {
            call(tomcat, "start");
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(originalOut);
            System.setErr(originalErr);
            julRoot.removeHandler(julCapture);
        }
        return new Deployed(tomcat, context, port, log, tomcatLoader);
    }

    /** A class loader with just Tomcat's own jars, taken from the test class path, above the JDK. */
    private static URLClassLoader tomcatClassLoader() throws IOException {
        ClassLoader testPath = WarDeploymentIT.class.getClassLoader();
        URL core = jarOf(testPath, "org/apache/catalina/startup/Tomcat.class", "tomcat-embed-core");
        URL annotations = jarOf(testPath, "jakarta/annotation/Resource.class", "tomcat-annotations-api");
        URLClassLoader loader = new URLClassLoader("tomcat-common", new URL[] {core, annotations},
                ClassLoader.getPlatformClassLoader());
        try {
            // One JVM-wide URL handler factory only, and another Tomcat (another IT, or the previous test) may have
            // set it: this Tomcat unpacks the WAR and needs no war: URLs.
            callStatic(loader.loadClass("org.apache.catalina.webresources.TomcatURLStreamHandlerFactory"), "disable");
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        return loader;
    }

    private static URL jarOf(ClassLoader loader, String resource, String jarName) throws IOException {
        for (Enumeration<URL> e = loader.getResources(resource); e.hasMoreElements(); ) {
            String url = e.nextElement().toString();
            if (url.startsWith("jar:") && url.contains("/" + jarName + "-")) {
                return URI.create(url.substring("jar:".length(), url.indexOf("!/"))).toURL();
            }
        }
        throw new AssertionError("no " + jarName + " jar on the test class path");
    }

    /** Calls the public method of that name whose parameters take these arguments. */
    private static Object call(Object target, String name, Object... args) {
        return invoke(target.getClass(), target, name, args);
    }

    private static Object callStatic(Class<?> type, String name, Object... args) {
        return invoke(type, null, name, args);
    }

    private static Object invoke(Class<?> type, Object target, String name, Object... args) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length
                    && Modifier.isStatic(m.getModifiers()) == (target == null) && accepts(m.getParameterTypes(), args)) {
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw new IllegalStateException(name + " failed: " + e.getCause(), e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("no method " + type.getName() + "." + name + " for " + Arrays.toString(args));
    }

    private static boolean accepts(Class<?>[] parameters, Object[] args) {
        for (int i = 0; i < parameters.length; i++) {
            Class<?> p = parameters[i];
            if (args[i] == null ? p.isPrimitive() : !box(p).isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return type == int.class ? Integer.class : type == boolean.class ? Boolean.class : type == long.class
                ? Long.class : type == double.class ? Double.class : type == float.class ? Float.class
                : type == short.class ? Short.class : type == byte.class ? Byte.class : Character.class;
    }

    /** A stream that writes to {@code original} and also collects the text. */
    private static PrintStream tee(PrintStream original, StringBuilder log) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (log) {
                    line.write(b);
                    if (b == '\n') {
                        log.append(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    }
                }
            }

            @Override
            public void flush() {
                original.flush();
                synchronized (log) {
                    log.append(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
