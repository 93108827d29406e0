package org.wte.exchange;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.hibernate.Session;
import org.wte.account.User;
import org.wte.asset.AssetKind;
import org.wte.asset.AssetService;
import org.wte.asset.FileNames;
import org.wte.content.DisplayMode;
import org.wte.content.Part;
import org.wte.content.PartService;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.content.Parts;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.Role;
import org.wte.markup.MarkupError;
import org.wte.markup.Rendered;
import org.wte.timedtask.TaskFailure;
import org.wte.timedtask.TaskOptions;
import org.wte.timedtask.TimedTask;
import org.wte.timedtask.TimedTaskStatus;
import org.wte.timedtask.TimedTaskType;
import org.wte.timedtask.TimedTaskTypes;
import org.wte.web.FormErrors;

/**
 * Creates parts from an {@link ExchangeNode} tree, whatever format it came from, inside the caller's
 * transaction (so any failure leaves nothing behind). Everything created is unavailable and belongs to the
 * importing user (owner of a new module); the root goes after the parent's last child. Files are stored
 * through {@link AssetService} (its limits and name rules apply: a file that breaks them is renamed or
 * refused, and reported). Once every node and file exists, each text's cross-references are rewritten to the
 * new ids (a reference to a node not in the file becomes {@code part:external}, visible to the teacher as a
 * problem of the page) and saved through {@link PartService#compile}, which makes the HTML and registers the
 * quizzes. Timed actions are created from the new reference date, or dropped without one.
 */
public final class Importer {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private final Parts parts;
    private final PartService partService;
    private final AssetService assets;
    private final TimedTaskTypes types;
    private final ZoneId zone;

    public Importer(Parts parts, PartService partService, AssetService assets, TimedTaskTypes types, ZoneId zone) {
        this.parts = parts;
        this.partService = partService;
        this.assets = assets;
        this.types = types;
        this.zone = zone;
    }

    /** Told after each node and file: how many of the steps are done. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void update(int done, int total);
    }

    /**
     * Where the file fits: a module only as a new module ({@code parent} null), a part only into a module, a
     * page only into a part. Throws {@link ImportProblem} otherwise.
     */
    public static void checkPlace(ExchangeNode root, Part parent) {
        String type = root.type();
        if (type.equals("module") && parent != null) {
            throw new ImportProblem("This file holds a whole module: a module can only be imported as a new module, "
                    + "from the modules page.");
        }
        if (type.equals("part") && (parent == null || parent.getType() != PartType.MODULE)) {
            throw new ImportProblem("This file holds a part: a part can only be imported into a module.");
        }
        if (type.equals("page") && (parent == null || parent.getType() != PartType.PART)) {
            throw new ImportProblem("This file holds a page: a page can only be imported into a part.");
        }
    }

    /** Imports the tree under {@code parent} (null: as a new module), owned by {@code ownerId}. */
    public ImportReport run(Session s, ImportSource source, Part parent, long ownerId, LocalDate referenceDate,
                            Progress progress) {
        ExchangeNode root = source.root();
        checkPlace(root, parent);
        Run run = new Run(s, source, ownerId, referenceDate, progress, source.steps());
        int order = parent == null ? 0 : parts.children(s, parent).size();
        Part created = run.create(root, parent, order);
        if (parent == null) {
            s.persist(new ModuleRole(created, s.getReference(User.class, ownerId), Role.OWNER, run.now));
        }
        run.texts();
        run.actions(root);
        s.flush();
        return new ImportReport(created.getId(), created.getTitle(), root.type(), run.created.size(), run.files,
                run.quizzes, run.actionsCreated, run.unavailable, run.fileChanges, run.broken, run.actionNotes,
                run.markup, source.converted());
    }

    /** One import's state: the nodes made so far (by ref) and what the report will say. */
    private final class Run {
        final Session s;
        final ImportSource source;
        final long ownerId;
        final LocalDate referenceDate;
        final Progress progress;
        final int steps;
        final Instant now = Instant.now();
        final Map<String, Part> created = new HashMap<>();
        final List<ExchangeNode> order = new ArrayList<>();
        final List<String> unavailable = new ArrayList<>();
        final List<String> fileChanges = new ArrayList<>();
        final List<String> broken = new ArrayList<>();
        final List<String> actionNotes = new ArrayList<>();
        final List<String> markup = new ArrayList<>();
        int done;
        int files;
        int quizzes;
        int actionsCreated;
        int actionsDropped;

        Run(Session s, ImportSource source, long ownerId, LocalDate referenceDate, Progress progress, int steps) {
            this.s = s;
            this.source = source;
            this.ownerId = ownerId;
            this.referenceDate = referenceDate;
            this.progress = progress;
            this.steps = steps;
        }

        Part create(ExchangeNode node, Part parent, int sortOrder) {
            PartType type = PartType.valueOf(node.type().toUpperCase(Locale.ROOT));
            Part part = new Part(parent, type, node.title(), PartStatus.UNAVAILABLE, now);
            part.setLabel(node.label());
            part.setSortOrder(sortOrder);
            if (type != PartType.MODULE) {
                part.setDisplayMode(DisplayMode.valueOf(node.displayMode().toUpperCase(Locale.ROOT)));
            }
            part.setContent(node.content().replace("\r\n", "\n"));
            s.persist(part);
            created.put(node.ref(), part);
            order.add(node);
            if (!node.status().equals("unavailable")) {
                unavailable.add(capitalised(describe(node)) + " was " + node.status() + " in the file.");
            }
            progress.update(++done, steps);
            node.files().stream().sorted(Comparator.comparingInt(ExchangeNode.ExchangeFile::order))
                    .forEach(f -> storeFile(part, node, f));
            List<ExchangeNode> children = node.children().stream()
                    .sorted(Comparator.comparingInt(ExchangeNode::order)).toList();
            for (int i = 0; i < children.size(); i++) {
                create(children.get(i), part, i);
            }
            return part;
        }

        private void storeFile(Part part, ExchangeNode node, ExchangeNode.ExchangeFile file) {
            AssetKind kind = file.kind().equals("template") ? AssetKind.TEMPLATE : AssetKind.ASSET;
            String where = " (" + kind.singular() + " of " + describe(node) + ")";
            byte[] data;
            try {
                data = source.zip().read(file.entry(), assets.maxFileSize());
            } catch (SafeZip.TooLarge e) {
                fileChanges.add("Refused \u201c" + file.filename() + "\u201d" + where + ": " + e.getMessage());
                progress.update(++done, steps);
                return;
            }
            String name = file.filename();
            for (int attempt = 1; ; attempt++) {
                try {
                    assets.upload(s, part, kind, name, data);
                    files++;
                    if (!name.equals(file.filename())) {
                        fileChanges.add("Renamed \u201c" + file.filename() + "\u201d to \u201c" + name + "\u201d" + where
                                + ": the name could not be used as it was. Texts that use the old name show a "
                                + "missing file until you change them.");
                    }
                    break;
                } catch (AssetService.TooLarge e) {
                    fileChanges.add("Refused \u201c" + file.filename() + "\u201d" + where + ": " + e.getMessage());
                    break;
                } catch (FormErrors.Invalid e) {
                    Map<String, String> errors = e.errors().asMap();
                    if (errors.containsKey("name") && attempt < 20) {
                        name = alternative(file.filename(), attempt);
                        continue;
                    }
                    fileChanges.add("Refused \u201c" + file.filename() + "\u201d" + where + ": "
                            + String.join(" ", errors.values()));
                    break;
                }
            }
            progress.update(++done, steps);
        }

        /** Cross-references to the new ids, then each text compiled as a save would (HTML, quizzes). */
        void texts() {
            for (ExchangeNode node : order) {
                Part part = created.get(node.ref());
                String content = CrossReferenceLinks.rewrite(part.getContent(), (target, line) -> {
                    Part to = created.get(target);
                    if (to != null) {
                        return String.valueOf(to.getId());
                    }
                    broken.add(capitalised(describe(node)) + ", line " + line + ": "
                            + (target.equals(CrossReferenceLinks.EXTERNAL) ? "a reference to a part outside the "
                            + "exported content" : "a reference to ref " + target + ", which is not in the file")
                            + ". It shows as part:external until you point it at a part of yours.");
                    return CrossReferenceLinks.EXTERNAL;
                });
                part.setContent(content);
                Rendered rendered = partService.compile(s, part);
                quizzes += rendered.quizzes().size();
                for (MarkupError e : rendered.errors()) {
                    if (!e.message().contains(":" + CrossReferenceLinks.EXTERNAL)) {
                        markup.add(capitalised(describe(node)) + (e.line() > 0 ? ", line " + e.line() : "") + ": " + e.message());
                    }
                }
            }
        }

        void actions(ExchangeNode node) {
            Part part = created.get(node.ref());
            for (ExchangeNode.ExchangeTimedTask task : node.timedTasks()) {
                if (referenceDate == null) {
                    actionsDropped++;
                    continue;
                }
                Optional<TimedTaskType> type = types.find(task.type());
                if (type.isEmpty() || !type.get().appliesTo(part.getType())) {
                    actionNotes.add("Dropped a timed action of " + describe(node) + ": this WTE has no kind of action "
                            + "\u201c" + task.type() + "\u201d for a " + node.type() + ".");
                    continue;
                }
                try {
                    TaskOptions.read(task.options());
                } catch (TaskFailure e) {
                    actionNotes.add("Dropped a timed action of " + describe(node) + ": " + e.getMessage() + ".");
                    continue;
                }
                Instant due = ZonedDateTime.of(referenceDate.atStartOfDay().plusSeconds(task.offsetSeconds()), zone)
                        .toInstant();
                boolean future = due.isAfter(now);
                s.persist(new TimedTask(part, type.get().name(), task.options(),
                        future ? TimedTaskStatus.SCHEDULED : TimedTaskStatus.DRAFT, due, ownerId, now));
                actionsCreated++;
                if (!future) {
                    actionNotes.add("A timed action of " + describe(node) + " (" + type.get().describe(
                            TaskOptions.read(task.options())) + ") would have been due on "
                            + WHEN.format(ZonedDateTime.ofInstant(due, zone)) + ", which has passed: it is kept as a "
                            + "draft.");
                }
            }
            node.children().forEach(this::actions);
            if (node == source.root() && actionsDropped > 0) {
                actionNotes.add(0, actionsDropped + " timed action" + (actionsDropped == 1 ? " was" : "s were")
                        + " not created: no new reference date was given.");
            }
        }

        private String describe(ExchangeNode node) {
            return "the " + node.type() + " \u201c" + node.title() + "\u201d";
        }
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** Another name for a file whose own could not be used: invalid characters replaced, then a number added. */
    static String alternative(String filename, int attempt) {
        String name = filename == null ? "" : filename.replaceAll("[<>:\"|?*/\\\\\\p{Cntrl}\\p{Cf}]", "_")
                .replace("..", "_").strip();
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            name = "file";
        }
        if (name.length() > FileNames.MAX_LENGTH - 10) {
            name = name.substring(0, FileNames.MAX_LENGTH - 10);
        }
        if (attempt <= 1 && !name.equals(filename)) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return base + "-" + attempt + ext;
    }
}
