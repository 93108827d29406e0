package org.wte.mail;

import org.junit.jupiter.api.AfterAll;
import org.wte.config.Settings;
import org.wte.testing.ScratchMariaDb;

/** Every {@link OutboxSenderIT} test on MariaDB, where the claim is ORDER BY … LIMIT … FOR UPDATE SKIP LOCKED. */
class MariaDbOutboxSenderIT extends OutboxSenderIT {
    private ScratchMariaDb mariaDb;

    @Override
    Settings.Database database() {
        mariaDb = ScratchMariaDb.create("MariaDbOutboxSenderIT");
        return new Settings.Database(mariaDb.url(), ScratchMariaDb.USER, ScratchMariaDb.PASSWORD, 10);
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (mariaDb != null) {
            mariaDb.close();
        }
    }
}
