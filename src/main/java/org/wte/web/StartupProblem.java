package org.wte.web;

import java.sql.SQLException;

import org.wte.config.SettingsException;

/** A start-up failure as one line an admin can act on, instead of a stack trace. */
public final class StartupProblem {
    private StartupProblem() {}

    public static String describe(Throwable e) {
        if (e instanceof SettingsException) {
            return e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SQLException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof SQLException || e.getClass().getName().contains("PoolInitialization")) {
            return "cannot use the database: " + root.getMessage();
        }
        if (e.getClass().getName().startsWith("org.hibernate") || root.getClass().getName().startsWith("org.hibernate")) {
            return "the database schema does not match this build (" + root.getMessage()
                    + "); run `wte initialise-database <config.ini>`";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
