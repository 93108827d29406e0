package org.wte.quiz;

import org.junit.jupiter.api.AfterEach;
import org.wte.CompositionRoot;
import org.wte.testing.ScratchMariaDb;
import org.wte.testing.TestDatabase;

/** Every {@link QuizAnsweringTest} on MariaDB: the upsert under two answers at once, the cascades, leaving. */
class MariaDbQuizAnsweringIT extends QuizAnsweringTest {
    private ScratchMariaDb mariaDb;

    @Override
    CompositionRoot startRoot() throws Exception {
        mariaDb = ScratchMariaDb.create("MariaDbQuizAnsweringIT");
        return TestDatabase.start("", mariaDb);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (mariaDb != null) {
            mariaDb.close();
        }
    }
}
