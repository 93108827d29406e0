package org.wte.quiz;

import org.junit.jupiter.api.AfterEach;
import org.wte.CompositionRoot;
import org.wte.testing.ScratchMariaDb;
import org.wte.testing.TestDatabase;

/** Every {@link QuizResultsTest} on MariaDB: the grouped counts over BOOLEAN columns, the CSV's query. */
class MariaDbQuizResultsIT extends QuizResultsTest {
    private ScratchMariaDb mariaDb;

    @Override
    CompositionRoot startRoot() throws Exception {
        mariaDb = ScratchMariaDb.create("MariaDbQuizResultsIT");
        return TestDatabase.start("", mariaDb);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (mariaDb != null) {
            mariaDb.close();
        }
    }
}
