package org.wte.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.hibernate.Session;
import org.wte.asset.Asset;
import org.wte.asset.AssetKind;
import org.wte.asset.AssetService;
import org.wte.content.Part;
import org.wte.content.Parts;
import org.wte.quiz.Quiz;
import org.wte.quiz.QuizStore;
import org.wte.timedtask.TimedTask;
import org.wte.timedtask.TimedTaskStatus;

/**
 * Writes a module, part or page with everything below it as one ZIP: {@code wte-export.json} first, then each
 * node's files under {@code files/<ref>-<slug of title>/assets/} or {@code .../templates/}. Refs number the
 * nodes 1, 2, … in tree order, so the same content always gives the same manifest. Cross-references into the
 * tree become refs; those leaving it become {@code part:external} and are listed. Timed actions (all but the
 * cancelled ones) are written only when asked, as the wall-clock time after the reference date's midnight in
 * the configured zone, so a Monday 9:00 action stays at 9:00 across a change of daylight saving time.
 */
public final class Exporter {
    private final Parts parts;
    private final AssetService assets;
    private final QuizStore quizzes;
    private final ZoneId zone;

    public Exporter(Parts parts, AssetService assets, QuizStore quizzes, ZoneId zone) {
        this.parts = parts;
        this.assets = assets;
        this.quizzes = quizzes;
        this.zone = zone;
    }

    /**
     * The date the export form offers: the module's earliest due timed action (its course's start, in effect, so
     * a part exported alone keeps its place in the course's calendar), else today.
     */
    public LocalDate defaultReferenceDate(Session s, Part root) {
        List<Long> ids = parts.subtree(s, root.module());
        Instant first = s.createQuery("select min(t.dueAt) from TimedTask t where t.part.id in (:ids) "
                        + "and t.status <> :cancelled", Instant.class)
                .setParameterList("ids", ids).setParameter("cancelled", TimedTaskStatus.CANCELLED).uniqueResult();
        return first == null ? LocalDate.now(zone) : LocalDate.ofInstant(first, zone);
    }

    /** How many timed actions an export with them would write. */
    public long timedActions(Session s, Part root) {
        return s.createQuery("select count(t) from TimedTask t where t.part.id in (:ids) and t.dueAt is not null "
                        + "and t.status <> :cancelled", Long.class)
                .setParameterList("ids", parts.subtree(s, root))
                .setParameter("cancelled", TimedTaskStatus.CANCELLED).uniqueResult();
    }

    /** A file name for the download: the node's title made safe, e.g. {@code web-basics.wte.zip}. */
    public static String fileName(Part root) {
        return slug(root.getTitle()) + ".wte.zip";
    }

    /**
     * Writes the ZIP. {@code referenceDate} null: no timed actions are written; otherwise they are, counted
     * from that date.
     */
    public void write(Session s, Part root, LocalDate referenceDate, OutputStream target) {
        List<Part> order = new ArrayList<>();
        Map<Long, List<Part>> children = new HashMap<>();
        collect(s, root, order, children);
        Map<Long, String> refs = new LinkedHashMap<>();
        for (Part p : order) {
            refs.put(p.getId(), String.valueOf(refs.size() + 1));
        }
        Map<String, List<String>> quizKeys = new HashMap<>();
        List<ExportManifest.External> externals = new ArrayList<>();
        Map<String, Asset> entries = new LinkedHashMap<>();
        ExchangeNode tree = node(s, root, 0, children, refs, referenceDate, quizKeys, externals, entries);
        byte[] manifest = ExportManifest.write(new ExportManifest.Contents(tree, quizKeys, externals, referenceDate,
                Instant.now()));
        try {
            ZipOutputStream zip = new ZipOutputStream(target, StandardCharsets.UTF_8);
            zip.putNextEntry(new ZipEntry(ExportManifest.NAME));
            zip.write(manifest);
            zip.closeEntry();
            for (Map.Entry<String, Asset> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(assets.content(s, e.getValue()));
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void collect(Session s, Part p, List<Part> order, Map<Long, List<Part>> children) {
        order.add(p);
        List<Part> kids = parts.children(s, p);
        children.put(p.getId(), kids);
        for (Part k : kids) {
            collect(s, k, order, children);
        }
    }

    private ExchangeNode node(Session s, Part p, int index, Map<Long, List<Part>> children, Map<Long, String> refs,
                              LocalDate referenceDate, Map<String, List<String>> quizKeys,
                              List<ExportManifest.External> externals, Map<String, Asset> entries) {
        String ref = refs.get(p.getId());
        String content = CrossReferenceLinks.rewrite(p.getContent(), target -> {
            String inside = target.equals(CrossReferenceLinks.EXTERNAL) ? null : refs.get(Long.parseLong(target));
            if (inside == null) {
                externals.add(new ExportManifest.External(ref, p.getTitle()));
                return CrossReferenceLinks.EXTERNAL;
            }
            return inside;
        });
        List<String> keys = quizzes.quizzes(s, p).stream().map(Quiz::getKey).toList();
        if (!keys.isEmpty()) {
            quizKeys.put(ref, keys);
        }
        String folder = "files/" + ref + "-" + slug(p.getTitle()) + "/";
        List<ExchangeNode.ExchangeFile> files = new ArrayList<>();
        for (AssetKind kind : AssetKind.values()) {
            List<Asset> list = assets.list(s, p, kind);
            for (int i = 0; i < list.size(); i++) {
                Asset a = list.get(i);
                String entry = folder + kind.segment() + "/" + a.getFilename();
                entries.put(entry, a);
                files.add(new ExchangeNode.ExchangeFile(kind.label(), a.getFilename(), a.getMimeType(), i, entry));
            }
        }
        List<ExchangeNode.ExchangeTimedTask> tasks = new ArrayList<>();
        if (referenceDate != null) {
            LocalDateTime midnight = referenceDate.atStartOfDay();
            s.createQuery("from TimedTask t where t.part = :p and t.dueAt is not null and t.status <> :cancelled",
                            TimedTask.class).setParameter("p", p).setParameter("cancelled", TimedTaskStatus.CANCELLED)
                    .list().stream()
                    .sorted(Comparator.comparing(TimedTask::getDueAt).thenComparing(TimedTask::getId))
                    .forEach(t -> tasks.add(new ExchangeNode.ExchangeTimedTask(t.getType(), t.getOptions(),
                            Duration.between(midnight, LocalDateTime.ofInstant(t.getDueAt(), zone)).getSeconds())));
        }
        List<ExchangeNode> kids = new ArrayList<>();
        List<Part> list = children.get(p.getId());
        for (int i = 0; i < list.size(); i++) {
            kids.add(node(s, list.get(i), i, children, refs, referenceDate, quizKeys, externals, entries));
        }
        return new ExchangeNode(ref, p.getType().label(), p.getTitle(), p.getLabel(), index, p.getStatus().label(),
                p.getDisplayMode().label(), content, files, tasks, kids);
    }

    /** Lower-case ASCII letters and digits joined by hyphens, at most 40 characters; "untitled" if none. */
    static String slug(String title) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "untitled" : slug;
    }
}
