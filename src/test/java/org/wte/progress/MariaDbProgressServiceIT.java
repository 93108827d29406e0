package org.wte.progress;

import org.junit.jupiter.api.AfterEach;
import org.wte.CompositionRoot;
import org.wte.testing.ScratchMariaDb;
import org.wte.testing.TestDatabase;

/** Every {@link ProgressServiceTest} on MariaDB: the upserts, the atomic additions, the deletion on leaving. */
class MariaDbProgressServiceIT extends ProgressServiceTest {
    private ScratchMariaDb mariaDb;

    @Override
    CompositionRoot startRoot() throws Exception {
        mariaDb = ScratchMariaDb.create("MariaDbProgressServiceIT");
        return TestDatabase.start("", mariaDb);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (mariaDb != null) {
            mariaDb.close();
        }
    }
}
