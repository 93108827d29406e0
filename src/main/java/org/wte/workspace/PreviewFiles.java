package org.wte.workspace;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.hibernate.Session;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.asset.Asset;
import org.wte.asset.AssetKind;
import org.wte.asset.AssetLookup;
import org.wte.asset.AssetService;
import org.wte.asset.FileTypes;
import org.wte.content.Part;
import org.wte.content.Parts;

/**
 * What a preview link shows for a file name: the student's own file of that name in their workspace of the
 * part, else the part's template of that name (binary templates such as images are not copied into
 * workspaces), else the nearest asset of that name (the part's, its parent's… up to the module). So the
 * student's relative links, to their own files and to the part's images, resolve under one preview prefix.
 */
public final class PreviewFiles {
    /** What the preview answers: a file to show, or a refusal with its status and a short explanation. */
    public sealed interface Answer permits Found, Refused {}

    /** A file to show; {@code contentType} comes from its name, text types with charset=utf-8. */
    public record Found(String filename, String contentType, byte[] content) implements Answer {
        public boolean isHtml() {
            return contentType.startsWith("text/html");
        }
    }

    public record Refused(int status, String message) implements Answer {}

    private final Parts parts;
    private final AssetService assets;
    private final AssetLookup assetLookup;

    public PreviewFiles(Parts parts, AssetService assets, AssetLookup assetLookup) {
        this.parts = parts;
        this.assets = assets;
        this.assetLookup = assetLookup;
    }

    public Answer find(Session s, PreviewLinks.Target target, String filename) {
        User owner = s.get(User.class, target.userId());
        // A link outlives neither its owner nor a block: a blocked user sees nothing, so nobody sees their files.
        if (owner == null || owner.getStatus() == UserStatus.BLOCKED) {
            return new Refused(403, "This preview is no longer available: the account it belongs to is closed.");
        }
        Optional<Part> part = parts.byId(s, target.partId());
        if (part.isEmpty()) {
            return new Refused(404, "This part no longer exists, so there is nothing to preview.");
        }
        Optional<WorkspaceFile> own = workspaceFile(s, target, filename);
        if (own.isPresent()) {
            return found(filename, own.get().getContent().getBytes(StandardCharsets.UTF_8));
        }
        Optional<Asset> shared = assets.byName(s, part.get(), AssetKind.TEMPLATE, filename)
                .or(() -> assetLookup.nearest(s, part.get(), filename, AssetKind.ASSET));
        if (shared.isPresent()) {
            return found(filename, assets.content(s, shared.get()));
        }
        return new Refused(404, "Not found: there is no file named “" + filename
                + "” in your workspace or among the part's files. File names are case-sensitive.");
    }

    private static Optional<WorkspaceFile> workspaceFile(Session s, PreviewLinks.Target target, String filename) {
        return s.createQuery("from WorkspaceFile f where f.workspace.userId = :u and f.workspace.partId = :p "
                        + "and f.filename = :name", WorkspaceFile.class)
                .setParameter("u", target.userId()).setParameter("p", target.partId()).setParameter("name", filename)
                .list().stream()
                // MariaDB's "=" ignores case and accents; a browser's links do not.
                .filter(f -> f.getFilename().equals(filename))
                .findFirst();
    }

    private static Found found(String filename, byte[] content) {
        String type = FileTypes.fromName(filename);
        return new Found(filename, FileTypes.isText(type) ? type + "; charset=utf-8" : type, content);
    }
}
