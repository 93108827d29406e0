package org.wte.db;

import java.sql.Connection;
import java.sql.SQLException;

/** The few pieces of native SQL that differ between MariaDB and H2: the database's UTC clock and interval sums. */
public enum SqlDialect {
    MARIADB("UTC_TIMESTAMP(6)"),
    /*
     * Not CAST(CURRENT_TIMESTAMP AT TIME ZONE 'UTC' AS TIMESTAMP): H2 casts a TIMESTAMP WITH TIME ZONE to the
     * session's zone (the JVM's), so that gave local wall time, hours off in any zone but UTC. The epoch
     * count from 1970-01-01 00:00 involves no zone at all.
     */
    H2("CAST(DATEADD(MICROSECOND, CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000000 AS BIGINT), "
            + "TIMESTAMP '1970-01-01 00:00:00') AS TIMESTAMP(6))");

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

    /**
     * A deadlock or a lock wait that timed out: "roll back and try again later", never a failure of the work
     * (MariaDB 1213 and 1205, max_statement_time 1969; H2 40001 and 50200).
     */
    public static boolean isLockConflict(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                int code = s.getErrorCode();
                if (code == 1213 || code == 1205 || code == 1969 || code == 40001 || code == 50200
                        || "40001".equals(s.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code expression} plus a number of seconds given as a bind parameter. */
    public String plusSeconds(String expression) {
        return this == H2 ? "DATEADD(SECOND, ?, " + expression + ")" : "DATE_ADD(" + expression + ", INTERVAL ? SECOND)";
    }
}
