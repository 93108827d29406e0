package org.wte.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.hibernate.Session;
import org.hibernate.query.NativeQuery;
import org.wte.content.Part;
import org.wte.enrolment.MemberData;

/**
 * The page_visit table: each student's visits to each page and the active seconds spent on it. Every write
 * is one statement that inserts or increments the row, so concurrent page views and beacons add up exactly
 * (no read-then-write race), on H2 (MODE=MariaDB) and on MariaDB alike.
 */
public final class PageVisits implements MemberData {

    /** One visit to a page, as read from the database. */
    public record Visit(long userId, long pageId, int visits, long activeSeconds, Instant firstVisit,
                        Instant lastVisit) {}

    /** A page view: the first creates the row, later ones count up and move the last visit. */
    public void recordVisit(Session s, long userId, long pageId, Instant now) {
        s.createNativeMutationQuery("INSERT INTO page_visit (user_id, page_id, visits, active_seconds, first_visit_at, "
                        + "last_visit_at) VALUES (:u, :p, 1, 0, :t, :t) "
                        + "ON DUPLICATE KEY UPDATE visits = visits + 1, last_visit_at = :t")
                .setParameter("u", userId).setParameter("p", pageId).setParameter("t", now)
                .executeUpdate();
    }

    /**
     * Adds active seconds in the database itself ({@code active_seconds = active_seconds + ?}): concurrent
     * beacons lose nothing. A beacon for a page without a row (its progress was reset while the tab stayed
     * open) proves the page was open, so it creates the row as one visit.
     */
    public void addSeconds(Session s, long userId, long pageId, int seconds, Instant now) {
        s.createNativeMutationQuery("INSERT INTO page_visit (user_id, page_id, visits, active_seconds, first_visit_at, "
                        + "last_visit_at) VALUES (:u, :p, 1, :n, :t, :t) "
                        + "ON DUPLICATE KEY UPDATE active_seconds = active_seconds + :n")
                .setParameter("u", userId).setParameter("p", pageId).setParameter("n", (long) seconds)
                .setParameter("t", now).executeUpdate();
    }

    /** Every visit to these pages, of every user (the callers keep the students they count). */
    public List<Visit> forPages(Session s, Collection<Long> pageIds) {
        if (pageIds.isEmpty()) {
            return List.of();
        }
        return read(s.createNativeQuery(SELECT + "WHERE page_id IN (:p)", Object[].class).setParameterList("p", pageIds));
    }

    /** One user's visits to these pages. */
    public List<Visit> forUser(Session s, long userId, Collection<Long> pageIds) {
        if (pageIds.isEmpty()) {
            return List.of();
        }
        return read(s.createNativeQuery(SELECT + "WHERE user_id = :u AND page_id IN (:p)", Object[].class)
                .setParameter("u", userId).setParameterList("p", pageIds));
    }

    private static final String SELECT = "SELECT user_id, page_id, visits, active_seconds, first_visit_at, "
            + "last_visit_at FROM page_visit ";

    /** Typed scalars: the instants are read through Hibernate's UTC JDBC time zone, right in any JVM zone. */
    private static List<Visit> read(NativeQuery<Object[]> q) {
        List<Visit> out = new ArrayList<>();
        for (Object[] r : q.addScalar("user_id", Long.class).addScalar("page_id", Long.class)
                .addScalar("visits", Integer.class).addScalar("active_seconds", Long.class)
                .addScalar("first_visit_at", Instant.class).addScalar("last_visit_at", Instant.class).list()) {
            out.add(new Visit((Long) r[0], (Long) r[1], (Integer) r[2], (Long) r[3], (Instant) r[4], (Instant) r[5]));
        }
        return out;
    }

    /** Leaving a module (or being removed) deletes the member's visits to its pages, and only to those. */
    @Override
    public void deleteFor(Session s, Part module, long userId) {
        s.createNativeMutationQuery("DELETE FROM page_visit WHERE user_id = :u AND page_id IN "
                        + "(SELECT g.id FROM part g JOIN part p ON g.parent_id = p.id WHERE p.parent_id = :m)")
                .setParameter("u", userId).setParameter("m", module.getId()).executeUpdate();
    }
}
