package org.wte.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.wte.CompositionRoot;
import org.wte.config.Settings;
import org.wte.config.SettingsLoader;

/** A composition root on a fresh, migrated H2 file database, for repository and service tests. */
public final class TestDatabase {
    private TestDatabase() {}

    /** Extra INI text is appended after the [database] section (start it with its own [section]). */
    public static CompositionRoot start(String extraIni) throws Exception {
        Path dir = Files.createTempDirectory("wte-db");
        Path ini = dir.resolve("test.ini");
        Files.writeString(ini, """
                [app]
                url = http://localhost:8080/wte
                secret = test-secret-test-secret-test-secret-0123456789
                [database]
                url = jdbc:h2:file:%s/wte;MODE=MariaDB;AUTO_SERVER=TRUE
                %s
                """.formatted(dir.toAbsolutePath(), extraIni));
        Settings settings = SettingsLoader.load(ini);
        return CompositionRoot.start(settings, CompositionRoot.Schema.MIGRATE);
    }
}
