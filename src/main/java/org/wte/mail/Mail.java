package org.wte.mail;

/** A plain-text mail about to be written to the outbox. */
public record Mail(String recipient, String subject, String body) {}
