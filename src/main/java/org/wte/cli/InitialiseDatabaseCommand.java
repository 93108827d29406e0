package org.wte.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariDataSource;
import org.wte.config.Settings;
import org.wte.db.DataSources;
import org.wte.db.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "initialise-database", aliases = "initialize-database", mixinStandardHelpOptions = true,
        description = "Create or upgrade the database schema (and seed the permission groups). Safe to run again.")
final class InitialiseDatabaseCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "CONFIG", description = "INI file; without it, the embedded defaults")
    Path config;

    @Override
    public Integer call() {
        Settings settings = ConfigOption.load(config);
        try (HikariDataSource dataSource = DataSources.create(settings.database(), "wte-migrate")) {
            Migrations migrations = new Migrations(dataSource);
            String before = migrations.currentVersion();
            int applied = migrations.migrate();
            if (applied == 0) {
                System.out.println("The database is up to date (schema version " + before + "); nothing to do.");
            } else {
                System.out.println("Applied " + applied + " migration(s): schema version " + before + " -> "
                        + migrations.currentVersion() + ".");
            }
        }
        return 0;
    }
}
