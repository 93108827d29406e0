package org.wte.cli;

import java.sql.SQLException;

import com.zaxxer.hikari.pool.HikariPool;
import org.wte.CompositionRoot;
import org.wte.config.Settings;
import org.wte.web.StartupProblem;

/** What `wte export` and `wte import` share: their exit codes and how they reach the database. */
final class ExchangeCommands {
    static final int NO_DATABASE = 3;
    static final int CANNOT_IMPORT = 5;

    private ExchangeCommands() {}

    /** The application on the settings' database, or null after printing why it cannot be reached. */
    static CompositionRoot start(String command, Settings settings, Object config) {
        try {
            return CompositionRoot.start(settings, CompositionRoot.Schema.REQUIRE_CURRENT);
        } catch (RuntimeException e) {
            if (unreachable(e)) {
                System.err.println("wte " + command + ": cannot reach the database " + settings.database().url()
                        + ": " + StartupProblem.describe(e) + ". Check that the database server runs and [database] "
                        + "url, user and password in " + (config == null ? "the embedded defaults" : config) + ".");
                return null;
            }
            throw e;
        }
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HikariPool.PoolInitializationException || t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }
}
