package org.wte.workspace;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.NotFoundException;
import org.hibernate.LockMode;
import org.hibernate.Session;
import org.wte.asset.FileNames;
import org.wte.asset.FileTypes;
import org.wte.asset.Sizes;
import org.wte.config.Settings;
import org.wte.content.Part;
import org.wte.db.Database;

/**
 * A student's workspace in a part: made from the part's text templates on first use (exactly once, however
 * many tabs open it at the same moment), saved with a version check, files added, deleted and reset to
 * their templates, within the limits of {@code [workspace]}.
 */
public final class WorkspaceService {
    /** How often opening retries after losing a race (another tab created the workspace meanwhile). */
    private static final int OPEN_ATTEMPTS = 30;

    private final Database db;
    private final Workspaces store;
    private final TemplateFiles templates;
    private final Settings.Workspace limits;
    private final Clock clock;

    public WorkspaceService(Database db, Workspaces store, TemplateFiles templates, Settings.Workspace limits,
                            Clock clock) {
        this.db = db;
        this.store = store;
        this.templates = templates;
        this.limits = limits;
        this.clock = clock;
    }

    public Settings.Workspace limits() {
        return limits;
    }

    /** One file as the editor gets it; {@code template} is none, same (as the template) or changed. */
    public record FileState(String name, int version, String content, long size, String template) {}

    /** The files, and the part's text templates the workspace has no file for (offered to add). */
    public record Listing(List<FileState> files, List<String> newTemplates) {}

    /** A save's outcome: saved (now at {@code version}), or refused because another save came first. */
    public sealed interface SaveOutcome permits Saved, Conflict {}

    public record Saved(int version) implements SaveOutcome {}

    /** The file as it is on the server now, for the student to choose between it and their text. */
    public record Conflict(int version, String content) implements SaveOutcome {}

    /**
     * The student's workspace in the part, made from the templates if it does not exist yet. The workspace
     * row and its files are inserted in one transaction; when another request inserted the same row first
     * (the unique key (user_id, part_id) refuses the second), or the database chose this transaction as a
     * deadlock's victim, it rolls back and reads again, so there is only ever one copy of each file. The
     * student's tabs normally take turns ({@link Workspaces#lockStudent}) and never meet the key.
     */
    public Workspace open(long userId, long partId) {
        PersistenceException last = null;
        for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
            try {
                return db.inTransaction(s -> {
                    store.lockStudent(s, userId);
                    return store.find(s, userId, partId).orElseGet(() -> create(s, userId, partId));
                });
            } catch (PersistenceException e) {
                last = e;
                try {
                    Thread.sleep(Math.min(200, 5L << Math.min(attempt, 5)));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    private Workspace create(Session s, long userId, long partId) {
        Part part = s.get(Part.class, partId);
        if (part == null) {
            throw new NotFoundException("There is no such part.");
        }
        Instant now = clock.instant();
        Workspace workspace = new Workspace(userId, partId, now);
        s.persist(workspace);
        s.flush(); // the unique key decides here, before any file is written
        for (TemplateFiles.Text t : templates.texts(s, part)) {
            s.persist(new WorkspaceFile(workspace, t.name(), t.content(), t.sha256(), t.sortOrder(), now));
        }
        return workspace;
    }

    /** The workspace in this session (it exists: {@link #open} made it). */
    public Workspace attach(Session s, Workspace workspace) {
        return s.get(Workspace.class, workspace.getId());
    }

    public Listing listing(Session s, Workspace workspace, Part part) {
        Map<String, TemplateFiles.Text> byName = new HashMap<>();
        List<TemplateFiles.Text> texts = templates.texts(s, part);
        texts.forEach(t -> byName.put(t.name(), t));
        List<FileState> files = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (WorkspaceFile f : store.files(s, workspace)) {
            files.add(state(f, byName.get(f.getFilename())));
            keys.add(FileNames.key(f.getFilename()));
        }
        List<String> added = texts.stream().map(TemplateFiles.Text::name).filter(n -> !keys.contains(FileNames.key(n)))
                .toList();
        return new Listing(files, added);
    }

    /** The files only, for a reader (a tutor) who changes nothing: no template is read. */
    public List<FileState> files(Session s, Workspace workspace) {
        return store.files(s, workspace).stream().map(f -> state(f, null)).toList();
    }

    /**
     * Saves the text if the file is still at {@code version} (one UPDATE … WHERE version = ?, so two tabs
     * cannot both win); otherwise answers with the server's text and version, and changes nothing.
     */
    public SaveOutcome save(Session s, Workspace workspace, String name, String content, int version) {
        WorkspaceFile file = existing(s, workspace, name);
        checkSize(name, content);
        if (store.saveIfVersion(s, file.getId(), version, content, clock.instant())) {
            return new Saved(version + 1);
        }
        // A locking read: under REPEATABLE READ a plain one would return this transaction's old snapshot.
        s.refresh(file, LockMode.PESSIMISTIC_WRITE);
        return new Conflict(file.getVersion(), file.getContent());
    }

    /** A new file of the student's own (empty, or with the given text). */
    public FileState create(Session s, Workspace workspace, String name, String content) {
        String text = content == null ? "" : content;
        checkName(name);
        List<WorkspaceFile> files = store.filesForChange(s, workspace);
        checkFree(files, name, null);
        if (files.size() >= limits.maxFiles()) {
            throw new WorkspaceLimitException(400, "A workspace can hold at most " + limits.maxFiles()
                    + " files: delete one before you add another.");
        }
        checkSize(name, text);
        int order = files.stream().mapToInt(WorkspaceFile::getSortOrder).max().orElse(0) + 1;
        WorkspaceFile file = new WorkspaceFile(workspace, name, text, null, order, clock.instant());
        s.persist(file);
        return state(file, null);
    }

    /**
     * Gives the file another name; its text, version and history stay. Only the version the student sees
     * is renamed ({@code version}), so that no text saved meanwhile from another tab moves unseen.
     */
    public FileState rename(Session s, Workspace workspace, Part part, String from, String to, int version) {
        checkName(to);
        List<WorkspaceFile> files = store.filesForChange(s, workspace);
        WorkspaceFile file = files.stream().filter(f -> f.getFilename().equals(from)).findFirst()
                .orElseThrow(() -> noFile(from));
        if (file.getVersion() != version) {
            throw new WorkspaceLimitException(409, "“" + from + "” was saved meanwhile from another tab or window: "
                    + "reload the page, then rename it.");
        }
        checkFree(files, to, file);
        file.setFilename(to);
        s.flush();
        return state(file, templates.text(s, part, to).orElse(null));
    }

    public void delete(Session s, Workspace workspace, String name) {
        s.remove(existing(s, workspace, name));
    }

    /**
     * The template's text in the file of that name (reset, or update from a changed template), or a new
     * file when the workspace has none (a template added after the copy). One more version either way, so
     * another tab's next save is a conflict, not a silent overwrite.
     */
    public FileState fromTemplate(Session s, Workspace workspace, Part part, String name) {
        TemplateFiles.Text t = templates.text(s, part, name)
                .orElseThrow(() -> new NotFoundException("There is no template named “" + name + "”."));
        Optional<WorkspaceFile> existing = store.file(s, workspace, name);
        if (existing.isPresent()) {
            store.replaceFromTemplate(s, existing.get().getId(), t.content(), t.sha256(), clock.instant());
            return state(store.reread(s, existing.get().getId()).orElseThrow(), t);
        }
        for (WorkspaceFile f : store.files(s, workspace)) {
            if (FileNames.key(f.getFilename()).equals(FileNames.key(name))) {
                throw new WorkspaceLimitException(400, "Your file “" + f.getFilename() + "” has the template’s name "
                        + "in another case: rename or delete it first.");
            }
        }
        WorkspaceFile file = new WorkspaceFile(workspace, t.name(), t.content(), t.sha256(), t.sortOrder(),
                clock.instant());
        s.persist(file);
        return state(file, t);
    }

    /** Every text template back into the workspace; the student's own files (no template) stay. */
    public Listing resetAll(Session s, Workspace workspace, Part part) {
        for (TemplateFiles.Text t : templates.texts(s, part)) {
            fromTemplate(s, workspace, part, t.name());
        }
        s.flush();
        s.clear();
        return listing(s, s.get(Workspace.class, workspace.getId()), s.get(Part.class, part.getId()));
    }

    private WorkspaceFile existing(Session s, Workspace workspace, String name) {
        return store.file(s, workspace, name).orElseThrow(() -> noFile(name));
    }

    private static NotFoundException noFile(String name) {
        return new NotFoundException("There is no file named “" + name + "” in your workspace.");
    }

    /** Refuses {@code name} if another file than {@code except} has it, in any case (MariaDB's key ignores case). */
    private static void checkFree(List<WorkspaceFile> files, String name, WorkspaceFile except) {
        for (WorkspaceFile f : files) {
            if (f != except && FileNames.key(f.getFilename()).equals(FileNames.key(name))) {
                throw new WorkspaceLimitException(400, "There is already a file named “" + f.getFilename() + "”.");
            }
        }
    }

    /** A name a student may give a file: a safe file name of a text type. */
    private static void checkName(String name) {
        FileNames.problem(name).ifPresent(p -> {
            throw new WorkspaceLimitException(400, p);
        });
        String type = FileTypes.fromName(name);
        if (!type.equals(FileTypes.UNKNOWN) && !FileTypes.isText(type)) {
            throw new WorkspaceLimitException(400, "“" + name + "” is not a text file: the workspace holds text "
                    + "files only (HTML, CSS, JavaScript, …).");
        }
    }

    private void checkSize(String name, String content) {
        long bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxFileSize()) {
            throw new WorkspaceLimitException(413, "“" + name + "” is too large to save: " + Sizes.readable(bytes)
                    + "; a file can have at most " + Sizes.readable(limits.maxFileSize()) + ".");
        }
    }

    private static FileState state(WorkspaceFile f, TemplateFiles.Text template) {
        String status = template == null ? "none" : template.sha256().equals(f.getTemplateSha256()) ? "same" : "changed";
        return new FileState(f.getFilename(), f.getVersion(), f.getContent(), f.getSize(), status);
    }
}
