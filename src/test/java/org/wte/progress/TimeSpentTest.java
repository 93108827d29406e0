package org.wte.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimeSpentTest {

    @Test
    void secondsMinutesAndHoursReadNaturally() {
        assertEquals("0 s", TimeSpent.format(0));
        assertEquals("59 s", TimeSpent.format(59));
        assertEquals("1 min 00 s", TimeSpent.format(60));
        assertEquals("12 min 05 s", TimeSpent.format(725));
        assertEquals("59 min 59 s", TimeSpent.format(3599));
        assertEquals("1 h 00 min", TimeSpent.format(3600));
        assertEquals("26 h 03 min", TimeSpent.format(26 * 3600 + 3 * 60 + 59));
    }
}
