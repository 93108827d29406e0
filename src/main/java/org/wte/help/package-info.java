/**
 * Built-in help: topics written in Markdown under {@code src/main/resources/help/}, rendered by WTE's own
 * markup pipeline, searchable, and the "?" of every page's header ({@link org.wte.help.PageHelp}).
 *
 * <p>DESIGN's package list has no help package: help is web-only content with no entity and no table, so
 * it lives beside {@code org.wte.web} rather than inside a feature.
 */
package org.wte.help;
