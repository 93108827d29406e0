package org.wte.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Claims due rows with row locks that concurrent claimers skip (DESIGN §7.1, §7.11), in the caller's
 * transaction: the ids are locked until it ends. MariaDB takes them in one statement; on H2, whose
 * {@code ORDER BY … FOR UPDATE SKIP LOCKED} locks every due row, a window of due ids is read in order without
 * locks, then up to {@code limit} of them are locked, skipping those another claimer holds, and re-checked.
 */
public final class LockedClaim {
    /** How many more ids than wanted the H2 window reads, so that concurrent claimers still find free rows. */
    private static final int H2_WINDOW = 10;

    private LockedClaim() {}

    /**
     * @param due   a condition on {@code table} without bind parameters (it may use {@link SqlDialect#utcNow()})
     * @param order the ORDER BY list: oldest due first
     */
    public static List<Long> claim(Connection c, SqlDialect d, String table, String due, String order, int limit)
            throws SQLException {
        if (d == SqlDialect.H2) {
            List<Long> window = ids(c, "SELECT id FROM " + table + " WHERE " + due + " ORDER BY " + order
                    + " LIMIT ?", limit * H2_WINDOW);
            if (window.isEmpty()) {
                return window;
            }
            String in = window.stream().map(String::valueOf).collect(Collectors.joining(","));
            return ids(c, "SELECT id FROM " + table + " WHERE id IN (" + in + ") AND (" + due
                    + ") LIMIT ? FOR UPDATE SKIP LOCKED", limit);
        }
        return ids(c, "SELECT id FROM " + table + " WHERE " + due + " ORDER BY " + order
                + " LIMIT ? FOR UPDATE SKIP LOCKED", limit);
    }

    private static List<Long> ids(Connection c, String sql, int limit) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }
}
