package org.wte.mail;

/** A mail about to be written to the outbox: plain text, and optionally an HTML alternative. */
public record Mail(String recipient, String subject, String body, String html) {
    public Mail(String recipient, String subject, String body) {
        this(recipient, subject, body, null);
    }

    public Mail withHtml(String html) {
        return new Mail(recipient, subject, body, html);
    }
}
