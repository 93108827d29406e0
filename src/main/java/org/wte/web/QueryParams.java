package org.wte.web;

import java.util.Locale;

import jakarta.ws.rs.BadRequestException;

/** Parsing of list pages' query parameters, with a 400 that says what was wrong (never a 500). */
public final class QueryParams {
    private QueryParams() {}

    /** A 1-based page number; absent means 1. */
    public static int page(String page) {
        if (page == null || page.isBlank()) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(page.trim()));
        } catch (NumberFormatException e) {
            throw new BadRequestException("The page number must be a whole number.");
        }
    }

    /** An enum constant named case-insensitively, or null when absent. */
    public static <E extends Enum<E>> E optionalEnum(Class<E> type, String value, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder known = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                known.append(known.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new BadRequestException("Unknown " + what + " '" + value + "': use " + known + ".");
        }
    }
}
