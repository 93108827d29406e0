package org.wte.mail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wte.config.Settings;
import org.wte.db.LeaseOwner;
import org.wte.db.LockedClaim;
import org.wte.db.SqlDialect;

/**
 * Sends due outbox mails, safely beside any number of other senders (the web app after a commit, cron
 * runners on every host): each batch is claimed with row locks (SKIP LOCKED) and leased; a sender that
 * dies leaves a lease that expires, and the mail is taken over later.
 */
public final class OutboxSender {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 20;

    private final DataSource dataSource;
    private final SmtpMailer mailer;
    private final Settings.TimedTasks limits;
    private final String owner;

    public OutboxSender(DataSource dataSource, SmtpMailer mailer, Settings.TimedTasks limits) {
        this.dataSource = dataSource;
        this.mailer = mailer;
        this.limits = limits;
        this.owner = LeaseOwner.ofThisProcess().id();
    }

    public boolean enabled() {
        return mailer.enabled();
    }

    /** Result of one call: how many mails went out, how many failed this time. */
    public record Result(int sent, int failed) {}

    /** Sends up to {@code max} due mails; returns what happened. */
    public Result sendDue(int max) {
        return sendDue(max, Long.MAX_VALUE);
    }

    /** As above, claiming no new batch once {@code System.nanoTime()} passes {@code deadline}. */
    public Result sendDue(int max, long deadline) {
        int sent = 0;
        int failed = 0;
        while (sent + failed < max && System.nanoTime() - deadline < 0) {
            List<Claimed> batch = claim(Math.min(BATCH, max - sent - failed));
            if (batch.isEmpty()) {
                break;
            }
            for (Claimed mail : batch) {
                if (!renewLease(mail)) {
                    // Our lease ran out while earlier mails of the batch went out, and another sender took
                    // this one over: sending it too could deliver it twice.
                    LOG.warn("mail #{}: lease lost to another sender, not sending it here", mail.id);
                    continue;
                }
                try {
                    mailer.send(mail.recipient, mail.subject, mail.body, mail.html);
                    finish(mail, null);
                    sent++;
                } catch (Exception e) {
                    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
                    LOG.warn("mail #{} to {} not sent (attempt {}): {}", mail.id, mail.recipient, mail.attempts, message);
                    finish(mail, message);
                    failed++;
                }
            }
        }
        return new Result(sent, failed);
    }

    /** Is anything due? A cheap query for the runner's idle check. */
    public int dueCount() {
        try (Connection c = dataSource.getConnection()) {
            SqlDialect dialect = SqlDialect.of(c);
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM mail_outbox WHERE " + due(dialect))) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the mail outbox: " + e.getMessage(), e);
        }
    }

    /** The outbox's due condition, for the runner's one idle-check query. */
    public static String due(SqlDialect d) {
        return "(status = 'PENDING' AND next_attempt_at <= " + d.utcNow() + ") OR (status = 'SENDING' AND lease_until < "
                + d.utcNow() + ")";
    }

    private record Claimed(long id, String recipient, String subject, String body, String html, int attempts) {}

    private List<Claimed> claim(int limit) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            SqlDialect d = SqlDialect.of(c);
            try {
                // Two claims, not one with OR: a locking filesort would lock every due row (see TaskStore.claim).
                List<Long> ids = new ArrayList<>(LockedClaim.claim(c, d, "mail_outbox", "status = 'SENDING' AND "
                        + "lease_until < " + d.utcNow(), "lease_until, id", limit));
                if (ids.size() < limit) {
                    ids.addAll(LockedClaim.claim(c, d, "mail_outbox", "status = 'PENDING' AND next_attempt_at <= "
                            + d.utcNow(), "next_attempt_at, id", limit - ids.size()));
                }
                List<Claimed> claimed = new ArrayList<>();
                for (long id : ids) {
                    try (PreparedStatement up = c.prepareStatement("UPDATE mail_outbox SET status = 'SENDING', "
                            + "lease_owner = ?, lease_until = " + d.plusSeconds(d.utcNow()) + ", attempts = attempts + 1 "
                            + "WHERE id = ?")) {
                        up.setString(1, owner);
                        up.setInt(2, limits.leaseSeconds());
                        up.setLong(3, id);
                        up.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT recipient, subject, body_text, body_html, attempts FROM mail_outbox WHERE id = ?")) {
                        ps.setLong(1, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            claimed.add(new Claimed(id, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getInt(5)));
                        }
                    }
                }
                c.commit();
                return claimed;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            // Deadlocks and lock timeouts mean "try again later", like any other claim failure here.
            LOG.warn("claiming outbox mails failed, will retry later: {}", e.getMessage());
            return List.of();
        }
    }

    /** Extends this sender's lease just before the SMTP conversation; false when it is no longer ours. */
    private boolean renewLease(Claimed mail) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            SqlDialect d = SqlDialect.of(c);
            try (PreparedStatement ps = c.prepareStatement("UPDATE mail_outbox SET lease_until = "
                    + d.plusSeconds(d.utcNow()) + " WHERE id = ? AND lease_owner = ? AND status = 'SENDING'")) {
                ps.setInt(1, limits.leaseSeconds());
                ps.setLong(2, mail.id);
                ps.setString(3, owner);
                int n = ps.executeUpdate();
                c.commit();
                return n == 1;
            }
        } catch (SQLException e) {
            LOG.warn("mail #{}: could not renew its lease ({}); leaving it for a later run", mail.id, e.getMessage());
            return false;
        }
    }

    private void finish(Claimed mail, String error) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            SqlDialect d = SqlDialect.of(c);
            String sql;
            if (error == null) {
                sql = "UPDATE mail_outbox SET status = 'SENT', sent_at = " + d.utcNow()
                        + ", lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE id = ? AND lease_owner = ?";
            } else if (mail.attempts >= limits.maxAttempts()) {
                sql = "UPDATE mail_outbox SET status = 'FAILED', lease_owner = NULL, lease_until = NULL, last_error = ? "
                        + "WHERE id = ? AND lease_owner = ?";
            } else {
                sql = "UPDATE mail_outbox SET status = 'PENDING', lease_owner = NULL, lease_until = NULL, last_error = ?, "
                        + "next_attempt_at = " + d.plusSeconds(d.utcNow()) + " WHERE id = ? AND lease_owner = ?";
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (error != null) {
                    ps.setString(i++, error.length() > 1000 ? error.substring(0, 1000) : error);
                    if (mail.attempts < limits.maxAttempts()) {
                        long backoff = (long) limits.backoffSeconds() << Math.min(20, mail.attempts - 1);
                        ps.setLong(i++, Math.min(backoff, 86_400L));
                    }
                }
                ps.setLong(i++, mail.id);
                ps.setString(i, owner);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            LOG.error("mail #{}: could not record the outcome ({}); its lease will expire and it may be retried",
                    mail.id, e.getMessage());
        }
    }
}
