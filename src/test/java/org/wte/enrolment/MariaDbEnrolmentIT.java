package org.wte.enrolment;

import org.wte.testing.ScratchMariaDb;
import org.wte.testing.TestServer;

/** Every {@link EnrolmentIT} test, with WTE on a real MariaDB (a scratch database for the class). */
class MariaDbEnrolmentIT extends EnrolmentIT {
    private ScratchMariaDb mariaDb;

    @Override
    TestServer startServer() throws Exception {
        mariaDb = ScratchMariaDb.create("MariaDbEnrolmentIT");
        return TestServer.start("/wte", 0, "", mariaDb);
    }

    @Override
    void afterServer() throws Exception {
        if (mariaDb != null) {
            mariaDb.close();
        }
    }
}
