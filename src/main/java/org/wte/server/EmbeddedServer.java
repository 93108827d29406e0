package org.wte.server;

import java.io.IOException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.WebResourceRoot;
import org.apache.catalina.webresources.JarResourceSet;
import org.apache.catalina.webresources.StandardRoot;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.wte.CompositionRoot;
import org.wte.config.Settings;
import org.wte.web.WteContextListener;

/**
 * `wte serve`: the same web application as the WAR, on an embedded Tomcat: HTTP on server.http_port,
 * optionally AJP on 127.0.0.1:server.ajp_port with a required secret, mounted at server.context_path.
 */
public final class EmbeddedServer {
    private final Settings settings;
    private final Path webappDir;
    private final Tomcat tomcat = new Tomcat();
    private Context context;

    public EmbeddedServer(Settings settings, Path webappDir) {
        this.settings = settings;
        this.webappDir = webappDir.toAbsolutePath().normalize();
    }

    /** The webapp/ directory: -Dwte.webapp, else WTE_HOME/webapp (the distribution), else ./webapp (a checkout). */
    public static Path locateWebapp() {
        String explicit = System.getProperty("wte.webapp");
        if (explicit != null) {
            return Path.of(explicit);
        }
        String home = System.getProperty("wte.home");
        if (home != null && Files.isDirectory(Path.of(home, "webapp"))) {
            return Path.of(home, "webapp");
        }
        return Path.of("webapp");
    }

    public void start() throws LifecycleException, IOException {
        if (!Files.isRegularFile(webappDir.resolve("WEB-INF/web.xml"))) {
            throw new IllegalStateException(webappDir + ": no WEB-INF/web.xml here; is this a WTE distribution?");
        }
        Settings.Server server = settings.server();
        // Tomcat logs a busy port as a stack trace and carries on without it: check first, say it in one line.
        if (server.httpPort() > 0) {
            requireFree(server.host(), server.httpPort(), "HTTP ([server] http_port or --port)");
        }
        if (server.ajpPort() > 0) {
            requireFree("127.0.0.1", server.ajpPort(), "AJP ([server] ajp_port or --ajp-port)");
        }
        Path base = Files.createTempDirectory("wte-tomcat");
        tomcat.setBaseDir(base.toString());
        tomcat.getHost().setAppBase(base.toString());
        tomcat.getService().removeConnector(tomcat.getConnector());
        if (server.httpPort() > 0) {
            Connector http = new Connector("HTTP/1.1");
            http.setPort(server.httpPort());
            http.setProperty("address", server.host());
            http.setMaxPostSize((int) Math.min(Integer.MAX_VALUE, settings.uploads().maxRequestSize()));
            http.setURIEncoding("UTF-8");
            tomcat.getService().addConnector(http);
        }
        if (server.ajpPort() > 0) {
            tomcat.getService().addConnector(AjpConnectors.create(server.ajpPort(), server.ajpSecret(),
                    settings.uploads().maxRequestSize()));
        }
        if (!server.jvmRoute().isEmpty()) {
            tomcat.getEngine().setJvmRoute(server.jvmRoute());
        }
        tomcat.setAddDefaultWebXmlToWebapp(false);
        context = tomcat.addWebapp(server.contextPath(), webappDir.toString());
        context.setParentClassLoader(EmbeddedServer.class.getClassLoader());
        // The classes are on the class path already; scanning every jar would only slow the start.
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        scanner.setScanManifest(false);
        context.setJarScanner(scanner);
        Tomcat.addDefaultMimeTypeMappings(context);
        context.setResources(resourcesWithWebJars(context));
        Wrapper defaultServlet = context.createWrapper();
        defaultServlet.setName("default");
        defaultServlet.setServletClass("org.apache.catalina.servlets.DefaultServlet");
        defaultServlet.addInitParameter("listings", "false");
        defaultServlet.setLoadOnStartup(1);
        context.addChild(defaultServlet);
        context.addServletMappingDecoded("/", "default");
        context.addServletContainerInitializer((classes, servletContext) -> {
            servletContext.setAttribute(WteContextListener.SETTINGS_ATTRIBUTE, settings);
            servletContext.setAttribute(WteContextListener.SCHEMA_ATTRIBUTE, CompositionRoot.Schema.MIGRATE);
        }, null);
        tomcat.start();
        for (Connector c : tomcat.getService().findConnectors()) {
            if (c.getState() != LifecycleState.STARTED) {
                stop();
                throw new IllegalStateException("cannot listen on port " + c.getPort() + " (" + c.getProtocol() + ")");
            }
        }
        if (!context.getState().isAvailable()) {
            stop();
            throw new IllegalStateException("the web application did not start; the reason is logged above");
        }
    }

    /**
     * In a WAR, Tomcat serves META-INF/resources of the jars in WEB-INF/lib (the WebJars). Here those jars
     * are on the class path instead, so they are added to the application's resources the same way.
     */
    private static WebResourceRoot resourcesWithWebJars(Context context) throws IOException {
        WebResourceRoot resources = new StandardRoot(context);
        for (URL url : Collections.list(EmbeddedServer.class.getClassLoader().getResources("META-INF/resources"))) {
            String spec = url.toString();
            if (spec.startsWith("jar:file:") && spec.contains("!/")) {
                String jar = URLDecoder.decode(spec.substring("jar:file:".length(), spec.indexOf("!/")), StandardCharsets.UTF_8);
                resources.addJarResources(new JarResourceSet(resources, "/", jar, "/META-INF/resources"));
            }
        }
        return resources;
    }

    private static void requireFree(String host, int port, String what) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " for " + what + ": "
                    + e.getMessage() + " (is WTE or another server already running there?)");
        }
    }

    public void await() {
        tomcat.getServer().await();
    }

    public void stop() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            // Stopping anyway.
        }
    }

    /**
     * Mounts one more servlet, in a context of its own, in this running Tomcat: benchmarks measure a trivial
     * servlet beside WTE, on the same connector and threads, as the ceiling of what the server can do.
     */
    public void addServletContext(String contextPath, String mapping, jakarta.servlet.Servlet servlet) {
        Context extra = tomcat.addContext(contextPath, null);
        Tomcat.addServlet(extra, "extra", servlet);
        extra.addServletMappingDecoded(mapping, "extra");
    }

    /** An attribute of the running application's servlet context (tests look at the composition root). */
    public <T> T servletContextAttribute(String name, Class<T> type) {
        return type.cast(context.getServletContext().getAttribute(name));
    }

    /** The HTTP port actually bound (useful with port 0 in tests). */
    public int httpPort() {
        for (Connector c : tomcat.getService().findConnectors()) {
            if (c.getProtocol().startsWith("HTTP")) {
                return c.getLocalPort();
            }
        }
        return -1;
    }
}
