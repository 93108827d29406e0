package org.wte.asset;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hibernate.Session;
import org.wte.content.Part;
import org.wte.content.Parts;

/**
 * Finds files by name the way the text refers to them: in the part itself, then its parent, and so on
 * up to the module; the nearest wins. At one level an asset wins over a template of the same name.
 * Names match exactly (case matters) on H2 and MariaDB alike. The bytes are never read.
 */
public final class AssetLookup {
    private static final Comparator<Visible> NEAREST_FIRST = Comparator.comparingInt(Visible::distance)
            .thenComparing(v -> v.asset().getKind())
            .thenComparingInt(v -> v.asset().getSortOrder())
            .thenComparing(v -> v.asset().getId());

    /**
     * A file visible from a part: the asset, the part it belongs to, and how many levels up that is
     * (0: the part itself, 1: its parent, …).
     */
    public record Visible(Asset asset, Part owner, int distance) {
        public String name() {
            return asset.getFilename();
        }

        /** Below the context path, e.g. /parts/3/assets/logo.png. */
        public String url() {
            return asset.url();
        }

        public boolean isImage() {
            return asset.isImage();
        }

        public AssetKind kind() {
            return asset.getKind();
        }

        /** "this part" for the part's own files, otherwise the title of the ancestor that has it. */
        public String from() {
            return distance == 0 ? "this part" : owner.getTitle();
        }
    }

    /** The nearest asset or template of this name, looking in the part, then up to its module. */
    public Optional<Asset> nearest(Session s, Part part, String name) {
        return find(s, part, name, null);
    }

    /** The nearest file of this name and kind. */
    public Optional<Asset> nearest(Session s, Part part, String name, AssetKind kind) {
        return find(s, part, name, kind);
    }

    /**
     * Every name the part's text can use, each resolved as {@link #nearest} would: the part's own files and
     * its ancestors', nearest first (then assets before templates, then in each list's order). A name that a
     * nearer level also has appears once, for the nearer file.
     */
    public List<Visible> visibleNames(Session s, Part part) {
        List<Part> path = Parts.path(part);
        Map<Long, Integer> distance = distances(path);
        Map<Long, Part> owners = new HashMap<>();
        path.forEach(p -> owners.put(p.getId(), p));
        List<Asset> all = s.createQuery("from Asset a where a.part.id in (:ids)", Asset.class)
                .setParameterList("ids", distance.keySet()).list();
        Set<String> seen = new HashSet<>();
        return all.stream()
                .map(a -> new Visible(a, owners.get(a.partId()), distance.get(a.partId())))
                .sorted(NEAREST_FIRST)
                .filter(v -> seen.add(v.name()))
                .toList();
    }

    private Optional<Asset> find(Session s, Part part, String name, AssetKind kind) {
        if (name == null || name.isEmpty() || name.length() > FileNames.MAX_LENGTH) {
            return Optional.empty();
        }
        Map<Long, Integer> distance = distances(Parts.path(part));
        List<Asset> candidates = s.createQuery("from Asset a where a.part.id in (:ids) and a.filename = :name "
                        + "and (:kind is null or a.kind = :kind)", Asset.class)
                .setParameterList("ids", distance.keySet()).setParameter("name", name)
                .setParameter("kind", kind).list();
        return candidates.stream()
                .filter(a -> a.getFilename().equals(name))   // MariaDB's "=" ignores case and accents
                .map(a -> new Visible(a, null, distance.get(a.partId())))
                .min(NEAREST_FIRST)
                .map(Visible::asset);
    }

    /** Part id → levels above the last part of the path (the path runs from the module down). */
    private static Map<Long, Integer> distances(List<Part> path) {
        Map<Long, Integer> distance = new HashMap<>();
        for (int i = 0; i < path.size(); i++) {
            distance.put(path.get(i).getId(), path.size() - 1 - i);
        }
        return distance;
    }
}
