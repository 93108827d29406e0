package org.wte.markup;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the renderer may look up; implemented by the content package. */
public interface MarkupContext {
    /** A context without assets: every asset reference is an author error. */
    MarkupContext NONE = name -> Optional.empty();

    /** The asset of this name in the part or its nearest ancestor that has one (nearest first), or empty. */
    Optional<AssetLink> asset(String name);

    /**
     * A context over the assets of a part and its ancestors, given nearest first (the part itself, its
     * parent, ..., the module): a name is looked up level by level and the first level that has it wins.
     */
    static MarkupContext nearestFirst(List<? extends Map<String, AssetLink>> levels) {
        List<Map<String, AssetLink>> copy = levels.stream().<Map<String, AssetLink>>map(Map::copyOf).toList();
        return name -> {
            for (Map<String, AssetLink> level : copy) {
                AssetLink link = level.get(name);
                if (link != null) {
                    return Optional.of(link);
                }
            }
            return Optional.empty();
        };
    }

    /**
     * A file attached to a part. {@code url} is where the browser fetches it (built from the context path);
     * {@code mimeType} decides whether it shows inline as an image.
     */
    record AssetLink(String name, String url, String mimeType) {
        public boolean isImage() {
            return mimeType != null && mimeType.trim().toLowerCase(Locale.ROOT).startsWith("image/");
        }
    }
}
