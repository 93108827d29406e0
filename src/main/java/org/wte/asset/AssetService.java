package org.wte.asset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;
import org.wte.content.Part;
import org.wte.web.FormErrors;

/**
 * Upload, replace, edit as text, rename, delete and reorder the assets and templates of a part, with
 * every rule checked here: valid and unique names, the size limit ([uploads] max_file_size), image
 * content that matches the name. Methods run inside the caller's transaction; a rule broken throws
 * {@link FormErrors.Invalid} (field "name", "file" or "content"), a file over the limit {@link TooLarge},
 * an edit of a file changed in the meantime {@link Conflict}.
 */
public final class AssetService {
    private final long maxFileSize;

    public AssetService(long maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    public long maxFileSize() {
        return maxFileSize;
    }

    /** A file larger than [uploads] max_file_size. */
    public static final class TooLarge extends RuntimeException {
        private final long limit;

        public TooLarge(String filename, long limit) {
            super("“" + filename + "” is too large: a file may have at most " + Sizes.readable(limit) + ".");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    /** The file changed since the form was shown (someone else saved or replaced it). */
    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ queries

    /** A part's assets or templates in their order. The bytes are not read. */
    public List<Asset> list(Session s, Part part, AssetKind kind) {
        return s.createQuery("from Asset a where a.part = :p and a.kind = :k order by a.sortOrder, a.id", Asset.class)
                .setParameter("p", part).setParameter("k", kind).list();
    }

    /** The file of this exact name (case matters) in the part. */
    public Optional<Asset> byName(Session s, Part part, AssetKind kind, String filename) {
        if (filename == null || filename.isEmpty() || filename.length() > FileNames.MAX_LENGTH) {
            return Optional.empty();
        }
        // MariaDB's collation ignores case and accents, H2's does not: the exact comparison here makes
        // both databases answer the same.
        return s.createQuery("from Asset a where a.part = :p and a.kind = :k and a.filename = :name", Asset.class)
                .setParameter("p", part).setParameter("k", kind).setParameter("name", filename)
                .list().stream().filter(a -> a.getFilename().equals(filename)).findFirst();
    }

    /** The bytes of a file, read with a statement of their own. */
    public byte[] content(Session s, Asset asset) {
        Object data = s.createNativeQuery("select data from asset where id = :id", Object.class)
                .unwrap(NativeQuery.class).addScalar("data", StandardBasicTypes.BINARY)
                .setParameter("id", asset.getId()).uniqueResult();
        if (data == null) {
            throw new IllegalStateException("asset " + asset.getId() + " has vanished");
        }
        return (byte[]) data;
    }

    // ------------------------------------------------------------------ changes

    /** A new file at the end of the part's list. */
    public Asset upload(Session s, Part part, AssetKind kind, String filename, byte[] data) {
        String name = filename == null ? "" : Normalizer.normalize(filename, Normalizer.Form.NFC);
        if (data.length > maxFileSize) {
            throw new TooLarge(name, maxFileSize);
        }
        FormErrors errors = new FormErrors();
        FileNames.problem(name).ifPresent(p -> errors.add("name", p));
        if (errors.isEmpty() && takenBy(s, part, kind, name, null)) {
            errors.add("name", "A file named “" + name + "” is already here: replace it, or choose another name.");
        }
        String mimeType = FileTypes.fromName(name);
        if (errors.isEmpty()) {
            FileTypes.contentProblem(name, mimeType, data).ifPresent(p -> errors.add("file", p));
        }
        errors.throwIfAny();
        Instant now = now();
        Integer last = s.createQuery("select max(a.sortOrder) from Asset a where a.part = :p and a.kind = :k",
                Integer.class).setParameter("p", part).setParameter("k", kind).uniqueResult();
        s.flush();
        try {
            s.createNativeMutationQuery("insert into asset (part_id, kind, filename, mime_type, size, sha256, data, "
                            + "sort_order, created_at, updated_at) values (:part, :kind, :name, :type, :size, :sha, :data, "
                            + ":sort, :now, :now)")
                    .setParameter("part", part.getId()).setParameter("kind", kind.name())
                    .setParameter("name", name).setParameter("type", mimeType)
                    .setParameter("size", (long) data.length).setParameter("sha", sha256(data))
                    .setParameter("data", data).setParameter("sort", last == null ? 1 : last + 1)
                    .setParameter("now", now) // an Instant: Hibernate writes it as UTC (JDBC_TIME_ZONE)
                    .executeUpdate();
        } catch (ConstraintViolationException e) {
            throw duplicate(name);
        }
        return byName(s, part, kind, name).orElseThrow(() -> new IllegalStateException("inserted asset not found"));
    }

    /** New content for a file; its name, and so its type, stay. */
    public Asset replace(Session s, Asset asset, byte[] data) {
        if (data.length > maxFileSize) {
            throw new TooLarge(asset.getFilename(), maxFileSize);
        }
        FileTypes.contentProblem(asset.getFilename(), asset.getMimeType(), data).ifPresent(p -> {
            throw new FormErrors.Invalid("file", p);
        });
        writeContent(s, asset, data);
        return asset;
    }

    /**
     * Saves text typed into the page's text area as the file's new content (UTF-8). Browsers send
     * text areas with CRLF line ends: a file that had none keeps LF. baseSha256 is the hash of the content
     * the form was shown with; if the file has changed since, nothing is saved ({@link Conflict}).
     */
    public Asset editText(Session s, Asset asset, String text, String baseSha256) {
        if (!asset.isText()) {
            throw new FormErrors.Invalid("content", "“" + asset.getFilename() + "” is not a text file; replace it instead.");
        }
        if (baseSha256 != null && !baseSha256.isEmpty() && !baseSha256.equals(asset.getSha256())) {
            throw new Conflict("“" + asset.getFilename() + "” was changed by someone else after you opened it. "
                    + "Your text is shown below: copy what you need, reload the page and edit again.");
        }
        byte[] current = content(s, asset);
        String submitted = text == null ? "" : text;
        String old = new String(current, StandardCharsets.UTF_8);
        if (!old.contains("\r\n")) {
            submitted = submitted.replace("\r\n", "\n");
        }
        byte[] data = submitted.getBytes(StandardCharsets.UTF_8);
        if (data.length > maxFileSize) {
            throw new FormErrors.Invalid("content", "The text is too large: a file may have at most "
                    + Sizes.readable(maxFileSize) + ".");
        }
        FileTypes.contentProblem(asset.getFilename(), asset.getMimeType(), data).ifPresent(p -> {
            throw new FormErrors.Invalid("content", p);
        });
        if (!sha256(data).equals(asset.getSha256())) {
            writeContent(s, asset, data);
        }
        return asset;
    }

    /** A new name (unique in the part, ignoring case); the type follows the new name and is checked again. */
    public Asset rename(Session s, Asset asset, String newName) {
        String name = newName == null ? "" : Normalizer.normalize(newName, Normalizer.Form.NFC);
        if (name.equals(asset.getFilename())) {
            return asset;
        }
        FormErrors errors = new FormErrors();
        FileNames.problem(name).ifPresent(p -> errors.add("name", p));
        if (errors.isEmpty() && takenBy(s, asset.getPart(), asset.getKind(), name, asset.getId())) {
            errors.add("name", "A file named “" + name + "” is already here: choose another name.");
        }
        errors.throwIfAny();
        String mimeType = FileTypes.fromName(name);
        if (!mimeType.equals(asset.getMimeType())) {
            FileTypes.contentProblem(name, mimeType, content(s, asset)).ifPresent(p -> errors.add("name", p));
            errors.throwIfAny();
        }
        asset.rename(name, mimeType, now());
        try {
            s.flush();
        } catch (ConstraintViolationException e) {
            throw duplicate(name);
        }
        return asset;
    }

    public void delete(Session s, Asset asset) {
        s.remove(asset);
        s.flush();
    }

    /** One place up (delta -1) or down (+1) in the part's list; at either end nothing moves. */
    public void move(Session s, Asset asset, int delta) {
        List<Asset> siblings = new ArrayList<>(list(s, asset.getPart(), asset.getKind()));
        int from = siblings.indexOf(asset);
        int to = from + Integer.signum(delta);
        if (from < 0 || to < 0 || to >= siblings.size()) {
            return;
        }
        siblings.set(from, siblings.get(to));
        siblings.set(to, asset);
        renumber(siblings);
    }

    /** The part's files of this kind in the given order: the ids must be exactly the part's files. */
    public void reorder(Session s, Part part, AssetKind kind, List<Long> ids) {
        List<Asset> current = list(s, part, kind);
        Set<Long> known = new HashSet<>();
        current.forEach(a -> known.add(a.getId()));
        if (ids.size() != current.size() || !known.equals(new HashSet<>(ids))) {
            throw new FormErrors.Invalid("order", "The list of files has changed in the meantime: reload the page.");
        }
        List<Asset> ordered = new ArrayList<>();
        for (Long id : ids) {
            ordered.add(current.stream().filter(a -> a.getId().equals(id)).findFirst().orElseThrow());
        }
        renumber(ordered);
    }

    // ------------------------------------------------------------------ helpers

    private static void renumber(List<Asset> ordered) {
        for (int i = 0; i < ordered.size(); i++) {
            ordered.get(i).setSortOrder(i + 1);
        }
    }

    /** Whether another file of the part and kind has this name, ignoring case (and Unicode normalisation). */
    private boolean takenBy(Session s, Part part, AssetKind kind, String name, Long except) {
        String key = FileNames.key(name);
        return list(s, part, kind).stream()
                .anyMatch(a -> !a.getId().equals(except) && FileNames.key(a.getFilename()).equals(key));
    }

    private static FormErrors.Invalid duplicate(String name) {
        return new FormErrors.Invalid("name", "A file named “" + name + "” (or a name the database counts as the "
                + "same, differing only in case or accents) is already here: choose another name.");
    }

    private void writeContent(Session s, Asset asset, byte[] data) {
        s.flush();
        s.createNativeMutationQuery("update asset set data = :data, size = :size, sha256 = :sha, updated_at = :now "
                        + "where id = :id")
                .setParameter("data", data).setParameter("size", (long) data.length)
                .setParameter("sha", sha256(data))
                .setParameter("now", now())
                .setParameter("id", asset.getId()).executeUpdate();
        s.refresh(asset);
    }

    /** Microseconds, as DATETIME(6) keeps them. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
