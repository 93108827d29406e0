package org.wte.asset;

import java.util.Locale;
import java.util.Optional;

/**
 * What a file attached to a part is for: an asset is shown or linked in the text (images, PDFs, data
 * files); a template is a starter file that students' workspaces of the part copy.
 */
public enum AssetKind {
    ASSET("assets", "Assets", "asset"),
    TEMPLATE("templates", "Templates", "template");

    private final String segment;
    private final String title;
    private final String singular;

    AssetKind(String segment, String title, String singular) {
        this.segment = segment;
        this.title = title;
        this.singular = singular;
    }

    /** The URL segment: /parts/{id}/assets or /parts/{id}/templates. */
    public String segment() {
        return segment;
    }

    public String title() {
        return title;
    }

    public String singular() {
        return singular;
    }

    public static Optional<AssetKind> ofSegment(String segment) {
        for (AssetKind kind : values()) {
            if (kind.segment.equals(segment)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
