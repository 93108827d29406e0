package org.wte.db;

import java.sql.Connection;
import java.sql.SQLException;

/** The few pieces of native SQL that differ between MariaDB and H2: the database's UTC clock and interval sums. */
public enum SqlDialect {
    MARIADB("UTC_TIMESTAMP(6)"),
    // Not CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS TIMESTAMP): H2 2.3 casts a TIMESTAMP WITH TIME ZONE to a
    // TIMESTAMP through the session's zone (the JVM's), which gives local time, not UTC, in a non-UTC JVM. The
    // local time minus the session's offset is UTC (both are the same instant within a statement).
    H2("DATEADD(SECOND, -EXTRACT(TIMEZONE_HOUR FROM CURRENT_TIMESTAMP) * 3600 "
            + "- EXTRACT(TIMEZONE_MINUTE FROM CURRENT_TIMESTAMP) * 60, LOCALTIMESTAMP(6))");

    private final String utcNow;

    SqlDialect(String utcNow) {
        this.utcNow = utcNow;
    }

    public static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        return product.contains("h2") ? H2 : MARIADB;
    }

    /** The database's current time in UTC, for DATETIME(6) comparisons: never the runner's clock. */
    public String utcNow() {
        return utcNow;
    }

    /** {@code expression} plus a number of seconds given as a bind parameter. */
    public String plusSeconds(String expression) {
        return this == H2 ? "DATEADD(SECOND, ?, " + expression + ")" : "DATE_ADD(" + expression + ", INTERVAL ? SECOND)";
    }
}
