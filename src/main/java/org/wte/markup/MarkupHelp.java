package org.wte.markup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The teachers' guide to the Markdown syntax ({@code help/markup.md}), rendered by {@link MarkupRenderer}. */
public final class MarkupHelp {
    static final String RESOURCE = "/help/markup.md";

    private MarkupHelp() {
    }

    /** The guide's Markdown source. */
    public static String markdown() {
        try (InputStream in = MarkupHelp.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
