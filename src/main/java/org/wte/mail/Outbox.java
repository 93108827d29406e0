package org.wte.mail;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.hibernate.Session;
import org.hibernate.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes mails in the caller's transaction, and asks for them to be sent once that transaction commits:
 * a rolled-back change sends nothing, and an SMTP failure loses nothing (the runner retries).
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final OutboxSender sender;
    /** A send is waiting in the executor: the mails of one commit (a module's 500 students) need only one. */
    private final java.util.concurrent.atomic.AtomicBoolean sendQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private final ExecutorService afterCommit = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "wte-outbox");
        t.setDaemon(true);
        return t;
    });

    public Outbox(OutboxSender sender) {
        this.sender = sender;
    }

    /** An outbox that only writes mails; whoever made it sends them (the cron runner drains it itself). */
    public static Outbox queueOnly() {
        return new Outbox(null);
    }

    public void enqueue(Session session, Mail mail) {
        enqueue(session, mail, null);
    }

    /** With a dedup key, a second mail of the same key is not written (one mail per cause and recipient). */
    public void enqueue(Session session, Mail mail, String dedupKey) {
        if (dedupKey != null) {
            Long existing = session.createQuery("select count(m) from OutboxMail m where m.dedupKey = :k", Long.class)
                    .setParameter("k", dedupKey).getSingleResult();
            if (existing > 0) {
                return;
            }
        }
        session.persist(new OutboxMail(mail.recipient(), mail.subject(), mail.body(), mail.html(), dedupKey,
                Instant.now()));
        Transaction tx = session.getTransaction();
        tx.registerSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    sendSoon();
                }
            }
        });
    }

    /** Sends what is due in the background, so that no request waits for SMTP. */
    public void sendSoon() {
        if (sender == null || !sender.enabled() || !sendQueued.compareAndSet(false, true)) {
            return;
        }
        afterCommit.execute(() -> {
            // Cleared before sending: a commit from now on asks for another send, which finds its mails.
            sendQueued.set(false);
            try {
                sender.sendDue(Integer.MAX_VALUE);
            } catch (RuntimeException e) {
                LOG.warn("sending the outbox failed; `wte run-timed-tasks` will retry: {}", e.getMessage());
            }
        });
    }

    public List<OutboxMail> recent(Session session, int offset, int limit) {
        return session.createQuery("from OutboxMail order by id desc", OutboxMail.class)
                .setFirstResult(offset).setMaxResults(limit).list();
    }

    public long count(Session session) {
        return session.createQuery("select count(m) from OutboxMail m", Long.class).getSingleResult();
    }

    @Override
    public void close() {
        afterCommit.shutdown();
    }
}
