package org.wte.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it needs (MariaDB, Chromium, Apache, Tomcat) is not there: it is skipped,
 * saying why, unless -Dwte.requireServices=true (CI), where a missing service is a failure.
 */
final class MissingService {
    private MissingService() {}

    /** Skips or fails the calling test when {@code reason} is not null; returns when it is. */
    static void skipOrFail(String testName, String reason) {
        if (reason == null) {
            return;
        }
        if (Boolean.getBoolean("wte.requireServices")) {
            Assertions.fail(reason + " (and wte.requireServices=true)");
        }
        System.out.println("SKIPPED " + testName + ": " + reason);
        Assumptions.abort(reason);
    }
}
