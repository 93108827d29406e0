package org.wte.markup;

/**
 * A problem in a page's Markdown that its author should fix: an unknown asset, a malformed quiz, a bad
 * video URL. {@code line} is the 1-based source line, or 0 when the problem concerns the whole text.
 */
public record MarkupError(int line, String message) {
}
