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
        return start(extraIni, null);
    }

    /** On the given MariaDB database (null: a fresh H2 file). */
    public static CompositionRoot start(String extraIni, ScratchMariaDb mariaDb) throws Exception {
        Path dir = Files.createTempDirectory("wte-db");
        Path ini = dir.resolve("test.ini");
        Files.writeString(ini, """
                [app]
                url = http://localhost:8080/wte
                secret = test-secret-test-secret-test-secret-0123456789
                [database]
                %s
                %s
                """.formatted(mariaDb == null
                        ? "url = jdbc:h2:file:" + dir.toAbsolutePath() + "/wte;MODE=MariaDB;AUTO_SERVER=TRUE"
                        : "url = " + mariaDb.url() + "\nuser = " + ScratchMariaDb.USER + "\npassword = " + ScratchMariaDb.PASSWORD,
                extraIni));
        Settings settings = SettingsLoader.load(ini);
        return CompositionRoot.start(settings, CompositionRoot.Schema.MIGRATE);
    }
}
