package org.wte.asset;

import java.util.Locale;

/** File sizes for people: "512 bytes", "340 KB", "1.2 MB"; exact multiples without decimals ("10 MB"). */
public final class Sizes {
    private Sizes() {}

    public static String readable(long bytes) {
        if (bytes < 1024) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (value == Math.rint(value)) {
            return (long) value + " " + units[unit];
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }
}
