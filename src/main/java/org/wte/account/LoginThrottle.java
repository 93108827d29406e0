package org.wte.account;

import java.time.Duration;
import java.time.Instant;

import org.hibernate.Session;

/** Refuses logins after repeated failures, per account and per client address, over a sliding window. */
public final class LoginThrottle {
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_ACCOUNT = 5;
    static final int PER_ADDRESS = 20;

    /** True when this account or this address has failed too often recently. */
    public boolean blocked(Session session, String email, String address) {
        Instant since = Instant.now().minus(WINDOW);
        long byAccount = session.createQuery("select count(f) from LoginFailure f where f.email = :e and f.failedAt > :s",
                Long.class).setParameter("e", email).setParameter("s", since).getSingleResult();
        if (byAccount >= PER_ACCOUNT) {
            return true;
        }
        long byAddress = session.createQuery("select count(f) from LoginFailure f where f.address = :a and f.failedAt > :s",
                Long.class).setParameter("a", address).setParameter("s", since).getSingleResult();
        return byAddress >= PER_ADDRESS;
    }

    public void recordFailure(Session session, String email, String address) {
        Instant now = Instant.now();
        session.persist(new LoginFailure(email.length() > 254 ? email.substring(0, 254) : email, address, now));
        // Old rows are of no use; keep the table small.
        session.createMutationQuery("delete from LoginFailure f where f.failedAt < :old")
                .setParameter("old", now.minus(WINDOW.multipliedBy(4))).executeUpdate();
    }

    public void clear(Session session, String email) {
        session.createMutationQuery("delete from LoginFailure f where f.email = :e").setParameter("e", email)
                .executeUpdate();
    }

    public static long minutes() {
        return WINDOW.toMinutes();
    }
}
