package org.wte.help;

/**
 * One topic, rendered: {@code html} is the markup pipeline's sanitised output (without the title, which the
 * page shows as its heading); {@code text} is the same as plain text, for search.
 */
public record HelpTopic(String id, String title, Audience audience, String summary, String html, String text) {
}
