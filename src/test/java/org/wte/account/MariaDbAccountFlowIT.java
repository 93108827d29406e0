package org.wte.account;

import org.junit.jupiter.api.AfterEach;
import org.wte.testing.ScratchMariaDb;
import org.wte.testing.TestServer;

/** Every {@link AccountFlowIT} test, with WTE on a real MariaDB (a scratch database per test). */
class MariaDbAccountFlowIT extends AccountFlowIT {
    private ScratchMariaDb mariaDb;

    @Override
    TestServer startServer(int smtpPort) throws Exception {
        mariaDb = ScratchMariaDb.create("MariaDbAccountFlowIT");
        return TestServer.start("/wte", smtpPort, "", mariaDb);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (mariaDb != null) {
            mariaDb.close();
        }
    }
}
