package org.wte.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hibernate.Session;
import org.wte.asset.Asset;
import org.wte.asset.AssetKind;
import org.wte.asset.AssetService;
import org.wte.asset.FileTypes;
import org.wte.content.Part;

/**
 * A part's templates as a workspace sees them: the text ones are copied into each student's workspace;
 * binary ones (images, fonts) are not copied, the preview serves them from the templates directly.
 */
public final class TemplateFiles {
    /** A text template: its name, text, hash and place in the list. */
    public record Text(String name, String content, String sha256, int sortOrder) {}

    private final AssetService assets;

    public TemplateFiles(AssetService assets) {
        this.assets = assets;
    }

    /** The part's text templates, in the teacher's order; a file that is not valid UTF-8 is not text. */
    public List<Text> texts(Session s, Part part) {
        List<Text> texts = new ArrayList<>();
        for (Asset a : assets.list(s, part, AssetKind.TEMPLATE)) {
            text(s, a).ifPresent(texts::add);
        }
        return texts;
    }

    /** The text template of exactly this name. */
    public Optional<Text> text(Session s, Part part, String name) {
        return assets.byName(s, part, AssetKind.TEMPLATE, name).flatMap(a -> text(s, a));
    }

    /** The binary templates (served by the preview from the part, never copied). */
    public List<Asset> binaries(Session s, Part part) {
        return assets.list(s, part, AssetKind.TEMPLATE).stream().filter(a -> !a.isText()).toList();
    }

    public byte[] bytes(Session s, Asset asset) {
        return assets.content(s, asset);
    }

    private Optional<Text> text(Session s, Asset a) {
        if (!FileTypes.isText(a.getMimeType())) {
            return Optional.empty();
        }
        return FileTypes.utf8(assets.content(s, a))
                .map(content -> new Text(a.getFilename(), content, a.getSha256(), a.getSortOrder()));
    }
}
