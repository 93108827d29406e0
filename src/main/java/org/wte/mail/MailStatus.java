package org.wte.mail;

/** pending: waiting to be sent (or retried); sending: leased by a sender; sent; failed: gave up after max attempts. */
public enum MailStatus {
    PENDING, SENDING, SENT, FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
