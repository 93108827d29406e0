package org.wte.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.wte.config.Settings;

/** Builds the HikariCP pool for the configured database, with UTC sessions on MariaDB. */
public final class DataSources {
    private DataSources() {}

    public static HikariDataSource create(Settings.Database db, String poolName) {
        HikariConfig config = base(db, poolName);
        config.setMaximumPoolSize(db.poolSize());
        config.setMinimumIdle(Math.min(2, db.poolSize()));
        return new HikariDataSource(config);
    }

    /**
     * The cron runner's small pool (DESIGN §7.2, §7.6): READ COMMITTED, so claims take no gap locks and do not
     * deadlock; short lock waits, so a conflict is "try again later"; and a short idle timeout, so that a frozen
     * runner's locks die with its connection within minutes, not MariaDB's default 8 hours.
     */
    public static HikariDataSource createForRunner(Settings.Database db) {
        HikariConfig config = base(db, "wte-runner");
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(1);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionInitSql(db.isH2() ? "SET LOCK_TIMEOUT 5000"
                : "SET SESSION wait_timeout = 120, innodb_lock_wait_timeout = 5, max_statement_time = 60");
        return new HikariDataSource(config);
    }

    private static HikariConfig base(Settings.Database db, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(jdbcUrl(db));
        // By class name: in Tomcat, DriverManager never finds drivers that sit in WEB-INF/lib.
        config.setDriverClassName(db.isH2() ? "org.h2.Driver" : "org.mariadb.jdbc.Driver");
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setAutoCommit(false);
        // Fail fast with a clear message when the database is down, rather than hang a start for 30 s.
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(10_000);
        return config;
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
