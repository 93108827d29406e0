package org.wte.content;

import org.junit.jupiter.api.AfterEach;
import org.wte.CompositionRoot;
import org.wte.testing.ScratchMariaDb;
import org.wte.testing.TestDatabase;

/** Every {@link PartServiceTest} on MariaDB: the cascading delete, the ordering, the access rules. */
class MariaDbPartServiceIT extends PartServiceTest {
    private ScratchMariaDb mariaDb;

    @Override
    CompositionRoot startRoot() throws Exception {
        mariaDb = ScratchMariaDb.create("MariaDbPartServiceIT");
        return TestDatabase.start("", mariaDb);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (mariaDb != null) {
            mariaDb.close();
        }
    }
}
