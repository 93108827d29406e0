package org.wte.content;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.hibernate.Session;
import org.wte.enrolment.MemberData;

/** The page each reader last opened in each part, for "continue where you left off". */
public final class ReadingPositions implements MemberData {

    /** One statement, safe when two tabs open pages at the same moment (no read-then-insert race). */
    public void record(Session s, long userId, Part page) {
        s.createNativeMutationQuery("INSERT INTO reading_position (user_id, part_id, page_id, updated_at) "
                        + "VALUES (:u, :p, :g, :t) ON DUPLICATE KEY UPDATE page_id = :g, updated_at = :t")
                .setParameter("u", userId).setParameter("p", page.getParent().getId()).setParameter("g", page.getId())
                .setParameter("t", Timestamp.from(Instant.now())).executeUpdate();
    }

    /** A member who leaves a module (or is removed) loses their positions in it, and only in it. */
    @Override
    public void deleteFor(Session s, Part module, long userId) {
        s.createNativeMutationQuery("DELETE FROM reading_position WHERE user_id = :u AND part_id IN "
                        + "(SELECT id FROM part WHERE parent_id = :m)")
                .setParameter("u", userId).setParameter("m", module.getId()).executeUpdate();
    }

    public Optional<Long> current(Session s, long userId, Part part) {
        return s.createNativeQuery("SELECT page_id FROM reading_position WHERE user_id = :u AND part_id = :p", Long.class)
                .setParameter("u", userId).setParameter("p", part.getId()).uniqueResultOptional();
    }
}
