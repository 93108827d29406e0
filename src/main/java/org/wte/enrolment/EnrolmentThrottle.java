package org.wte.enrolment;

import java.time.Duration;
import java.time.Instant;

import org.hibernate.Session;

/** Refuses module passwords after repeated failures, per user and module, over a sliding window. */
public final class EnrolmentThrottle {
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final int LIMIT = 5;

    /** True when this user has given this module's password wrongly {@link #LIMIT} times recently. */
    public boolean blocked(Session s, long moduleId, long userId) {
        return failures(s, moduleId, userId) >= LIMIT;
    }

    public long failures(Session s, long moduleId, long userId) {
        return s.createQuery("select count(f) from EnrolmentFailure f where f.moduleId = :m and f.userId = :u "
                        + "and f.failedAt > :since", Long.class)
                .setParameter("m", moduleId).setParameter("u", userId)
                .setParameter("since", Instant.now().minus(WINDOW)).getSingleResult();
    }

    public void recordFailure(Session s, long moduleId, long userId) {
        Instant now = Instant.now();
        s.persist(new EnrolmentFailure(moduleId, userId, now));
        // Old rows are of no use; keep the table small.
        s.createMutationQuery("delete from EnrolmentFailure f where f.failedAt < :old")
                .setParameter("old", now.minus(WINDOW.multipliedBy(4))).executeUpdate();
    }

    public void clear(Session s, long moduleId, long userId) {
        s.createMutationQuery("delete from EnrolmentFailure f where f.moduleId = :m and f.userId = :u")
                .setParameter("m", moduleId).setParameter("u", userId).executeUpdate();
    }

    public static long minutes() {
        return WINDOW.toMinutes();
    }
}
