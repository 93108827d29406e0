package org.wte.workspace;

import org.junit.jupiter.api.AfterAll;
import org.wte.CompositionRoot;
import org.wte.testing.ScratchMariaDb;
import org.wte.testing.TestDatabase;

/**
 * Every {@link PreviewFilesTest} on MariaDB (a scratch database of its own), whose utf8mb4_unicode_ci
 * collation finds "page.html" for "Page.html" and "cafe.html" for "café.html": the preview still answers
 * only the exact name, as a browser's links expect.
 */
class MariaDbPreviewFilesIT extends PreviewFilesTest {
    private ScratchMariaDb mariaDb;

    @Override
    CompositionRoot startRoot() throws Exception {
        mariaDb = ScratchMariaDb.create("MariaDbPreviewFilesIT");
        return TestDatabase.start("", mariaDb);
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
