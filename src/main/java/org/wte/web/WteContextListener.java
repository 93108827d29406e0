package org.wte.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wte.CompositionRoot;
import org.wte.config.Settings;
import org.wte.config.SettingsLoader;

/**
 * Starts WTE inside a servlet container: the settings (given by `wte serve`, else the context parameter
 * wte.config, else WTE_CONFIG, else the embedded defaults), the database, the first administrator.
 */
public final class WteContextListener implements ServletContextListener {
    private static final Logger LOG = LoggerFactory.getLogger(WteContextListener.class);
    /** `wte serve` hands over its settings and schema policy through these attributes. */
    public static final String SETTINGS_ATTRIBUTE = "wte.settings";
    public static final String SCHEMA_ATTRIBUTE = "wte.schema";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        try {
            Settings settings = (Settings) context.getAttribute(SETTINGS_ATTRIBUTE);
            if (settings == null) {
                settings = SettingsLoader.locate(context.getInitParameter("wte.config"));
            }
            CompositionRoot.Schema schema = (CompositionRoot.Schema) context.getAttribute(SCHEMA_ATTRIBUTE);
            if (schema == null) {
                // A WAR on a configured database never changes the schema by itself: initialise-database does.
                schema = settings.source().equals("embedded defaults") ? CompositionRoot.Schema.MIGRATE
                        : CompositionRoot.Schema.REQUIRE_CURRENT;
            }
            CompositionRoot root = CompositionRoot.start(settings, schema);
            String email = settings.app().adminEmail();
            root.administrators().ensureOne(email).ifPresent(password -> {
                String banner = "\n=================================================================\n"
                        + " WTE created the first administrator:\n"
                        + "   e-mail:   " + email + "\n"
                        + "   password: " + password + "   (works once: change it at first login)\n"
                        + "=================================================================\n";
                System.out.println(banner);
                LOG.info("created the first administrator {} (one-time password printed on the console)", email);
            });
            context.setAttribute(WebContext.ROOT, root);
            // /preview/* is answered ahead of web.xml's filters: no session, no CSRF, a sandbox of its own.
            root.previewFilter().register(context);
            LOG.info("WTE {} started at {} ({})", Version.current(), settings.app().url(), settings.source());
        } catch (RuntimeException e) {
            // One line that says what to fix; Tomcat then marks the application as failed.
            LOG.error("WTE cannot start: {}", StartupProblem.describe(e));
            throw new IllegalStateException("WTE cannot start: " + StartupProblem.describe(e));
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object root = event.getServletContext().getAttribute(WebContext.ROOT);
        if (root instanceof CompositionRoot r) {
            r.close();
        }
        // Drivers from WEB-INF/lib would otherwise keep this application's class loader alive after an undeploy.
        ClassLoader ours = Thread.currentThread().getContextClassLoader();
        for (java.sql.Driver driver : java.util.Collections.list(java.sql.DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == ours) {
                try {
                    java.sql.DriverManager.deregisterDriver(driver);
                } catch (java.sql.SQLException e) {
                    LOG.warn("could not deregister the JDBC driver {}: {}", driver, e.getMessage());
                }
            }
        }
    }
}
