package org.wte.web;

import jakarta.ws.rs.NotFoundException;

/** The numeric id in a URL path: anything else names nothing, so it is a 404, never a 500. */
public final class PathIds {
    private PathIds() {}

    public static long of(String id) {
        try {
            return Long.parseLong(id == null ? "" : id.strip());
        } catch (NumberFormatException e) {
            throw new NotFoundException("There is no such page.");
        }
    }
}
