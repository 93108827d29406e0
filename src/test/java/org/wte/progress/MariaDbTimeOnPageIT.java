package org.wte.progress;

import org.junit.jupiter.api.BeforeAll;
import org.wte.testing.ScratchMariaDb;

/** Every {@link TimeOnPageIT} on MariaDB: 200 concurrent beacons through HTTP add up exactly there too. */
class MariaDbTimeOnPageIT extends TimeOnPageIT {

    @BeforeAll
    static void start() throws Exception {
        startOn(ScratchMariaDb.create("MariaDbTimeOnPageIT"));
    }
}
