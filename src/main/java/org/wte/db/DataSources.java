package org.wte.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.wte.config.Settings;

/** Builds the HikariCP pool for the configured database, with UTC sessions on MariaDB. */
public final class DataSources {
    private DataSources() {}

    public static HikariDataSource create(Settings.Database db, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(jdbcUrl(db));
        // By class name: in Tomcat, DriverManager never finds drivers that sit in WEB-INF/lib.
        config.setDriverClassName(db.isH2() ? "org.h2.Driver" : "org.mariadb.jdbc.Driver");
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(db.poolSize());
        config.setMinimumIdle(Math.min(2, db.poolSize()));
        config.setAutoCommit(false);
        // Fail fast with a clear message when the database is down, rather than hang a start for 30 s.
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    /** The URL as configured, plus what WTE's correctness needs: UTC on the wire for MariaDB. */
    public static String jdbcUrl(Settings.Database db) {
        String url = db.url();
        if (db.isMariaDb()) {
            url = withParameter(url, "connectionTimeZone", "UTC");
            url = withParameter(url, "forceConnectionTimeZoneToSession", "true");
        }
        return url;
    }

    private static String withParameter(String url, String name, String value) {
        if (url.contains(name + "=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
    }
}
