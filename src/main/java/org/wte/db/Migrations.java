package org.wte.db;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/** The schema, owned by Flyway: one set of migrations for MariaDB and H2 (MODE=MariaDB). */
public final class Migrations {
    private final Flyway flyway;

    public Migrations(DataSource dataSource) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }

    /** Applies pending migrations; returns how many ran (0: the schema was already current). */
    public int migrate() {
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
    }

    /** Migrations this build has and the database has not run yet. */
    public int pendingCount() {
        return flyway.info().pending().length;
    }

    /** The schema version the database is at, or "empty". */
    public String currentVersion() {
        MigrationInfo current = flyway.info().current();
        return current == null ? "empty" : current.getVersion().getVersion();
    }

    /** Stops a start whose database is behind this build, with the command that fixes it. */
    public void requireCurrent() {
        int pending = pendingCount();
        if (pending > 0) {
            throw new IllegalStateException("the database (schema version " + currentVersion() + ") is behind this "
                    + "build of WTE by " + pending + " migration(s); run `wte initialise-database <config.ini>` first");
        }
    }
}
