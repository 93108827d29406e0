package org.wte.help;

import org.wte.content.MarkupContent;

/**
 * One topic, rendered: {@code html} is the markup pipeline's sanitised output (without the title, which the
 * page shows as its heading; links to other topics start with {@link MarkupContent#ROOT}); {@code text} is the same as plain text, for search.
 */
public record HelpTopic(String id, String title, Audience audience, String summary, String html, String text) {

    /** The topic with its links to other topics completed with the request's context path. */
    public HelpTopic at(String contextPath) {
        return new HelpTopic(id, title, audience, summary,
                html.replace("=\"" + MarkupContent.ROOT + "/", "=\"" + contextPath + "/"), text);
    }
}
