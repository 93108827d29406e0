package org.wte.exchange;

import org.junit.jupiter.api.AfterEach;
import org.wte.CompositionRoot;
import org.wte.testing.ScratchMariaDb;
import org.wte.testing.TestDatabase;

/**
 * Every {@link ExchangeServiceTest} on MariaDB: the round trip, the hostile ZIPs, and above all the import as
 * one transaction that a failure half-way rolls back entirely.
 */
class MariaDbExchangeIT extends ExchangeServiceTest {
    private ScratchMariaDb mariaDb;

    @Override
    CompositionRoot startRoot() throws Exception {
        mariaDb = ScratchMariaDb.create("MariaDbExchangeIT");
        return TestDatabase.start("", mariaDb);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (mariaDb != null) {
            mariaDb.close();
        }
    }
}
