package org.wte.workspace;

import org.junit.jupiter.api.AfterAll;
import org.wte.CompositionRoot;
import org.wte.testing.ScratchMariaDb;
import org.wte.testing.TestDatabase;

/**
 * Every {@link WorkspaceServiceTest} on MariaDB (a scratch database of its own): 50 parallel first visits
 * meet InnoDB's unique-key waits and deadlocks and still make one workspace; the version check is one
 * UPDATE; MariaDB's collation does not change which file a name finds.
 */
class MariaDbWorkspaceServiceIT extends WorkspaceServiceTest {
    private ScratchMariaDb mariaDb;

    @Override
    CompositionRoot startRoot() throws Exception {
        mariaDb = ScratchMariaDb.create("MariaDbWorkspaceServiceIT");
        return TestDatabase.start("[workspace]\nmax_file_size = 1K\nmax_files = 4", mariaDb);
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (root != null) {
            root.close();
            root = null;
        }
        if (mariaDb != null) {
            mariaDb.close();
        }
    }
}
