package org.wte.progress;

/** Active seconds as people read them: "0 s", "45 s", "12 min 05 s", "2 h 03 min". */
public final class TimeSpent {
    private TimeSpent() {}

    public static String format(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + String.format("%02d", seconds % 60) + " s";
        }
        return seconds / 3600 + " h " + String.format("%02d", seconds % 3600 / 60) + " min";
    }
}
