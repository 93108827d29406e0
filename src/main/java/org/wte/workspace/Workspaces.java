package org.wte.workspace;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;
import org.hibernate.Session;
import org.wte.content.Part;
import org.wte.enrolment.MemberData;

/**
 * The workspace tables: finding a student's workspace and its files, and the statements that change a
 * file's text. Those are plain SQL that bump {@code version} in the database itself
 * ({@code version = version + 1}), so two saves can never both claim the same version.
 */
public final class Workspaces implements MemberData {

    public Optional<Workspace> find(Session s, long userId, long partId) {
        return s.createQuery("from Workspace w where w.userId = :u and w.partId = :p", Workspace.class)
                .setParameter("u", userId).setParameter("p", partId).uniqueResultOptional();
    }

    /**
     * Holds the student's row until the transaction ends, so that their tabs' first visits to a part take
     * turns: the second finds the first one's workspace instead of meeting the unique key. (The key stays
     * what guarantees one workspace; this only spares the log an expected duplicate-key error.) Called
     * before any plain read, so that under REPEATABLE READ the snapshot is taken after the wait.
     */
    public void lockStudent(Session s, long userId) {
        s.createNativeQuery("SELECT id FROM app_user WHERE id = :id FOR UPDATE", Object.class)
                .setParameter("id", userId).list();
    }

    /**
     * The files, for a change that depends on them all (adding one within the limit): the workspace's row
     * is held until the transaction ends, so two tabs adding files at the same moment count one after the
     * other, and the files are read with a locking read, which sees the other tab's committed file where a
     * plain read under REPEATABLE READ would return this transaction's older snapshot.
     */
    public List<WorkspaceFile> filesForChange(Session s, Workspace workspace) {
        s.createNativeQuery("SELECT id FROM workspace WHERE id = :id FOR UPDATE", Object.class)
                .setParameter("id", workspace.getId()).list();
        return s.createQuery("from WorkspaceFile f where f.workspace = :w order by f.sortOrder, f.filename, f.id",
                WorkspaceFile.class).setParameter("w", workspace).setLockMode(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The files in the order the tabs show them: the templates' order, then the student's own by name. */
    public List<WorkspaceFile> files(Session s, Workspace workspace) {
        return s.createQuery("from WorkspaceFile f where f.workspace = :w order by f.sortOrder, f.filename, f.id",
                WorkspaceFile.class).setParameter("w", workspace).list();
    }

    /** The file of exactly this name (MariaDB's "=" ignores case, so the comparison is made here too). */
    public Optional<WorkspaceFile> file(Session s, Workspace workspace, String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        return s.createQuery("from WorkspaceFile f where f.workspace = :w and f.filename = :n", WorkspaceFile.class)
                .setParameter("w", workspace).setParameter("n", name).list().stream()
                .filter(f -> f.getFilename().equals(name)).findFirst();
    }

    /**
     * Saves new text if the file is still at the version the student edited: true if saved (the file is
     * then at {@code version + 1}), false if another save came first.
     */
    public boolean saveIfVersion(Session s, long fileId, int version, String content, Instant now) {
        return s.createNativeMutationQuery("UPDATE workspace_file SET content = :c, size = :size, "
                        + "version = version + 1, updated_at = :t WHERE id = :id AND version = :v")
                .setParameter("c", content).setParameter("size", (long) content.getBytes(StandardCharsets.UTF_8).length)
                .setParameter("t", Timestamp.from(now)).setParameter("id", fileId).setParameter("v", version)
                .executeUpdate() == 1;
    }

    /** Replaces the text with a template's, whatever the version, and counts one more version. */
    public void replaceFromTemplate(Session s, long fileId, String content, String templateSha256, Instant now) {
        s.createNativeMutationQuery("UPDATE workspace_file SET content = :c, size = :size, version = version + 1, "
                        + "template_sha256 = :sha, updated_at = :t WHERE id = :id")
                .setParameter("c", content).setParameter("size", (long) content.getBytes(StandardCharsets.UTF_8).length)
                .setParameter("sha", templateSha256).setParameter("t", Timestamp.from(now)).setParameter("id", fileId)
                .executeUpdate();
    }

    /** The file as the database has it now (after a statement above, not the session's stale copy). */
    public Optional<WorkspaceFile> reread(Session s, long fileId) {
        WorkspaceFile cached = s.get(WorkspaceFile.class, fileId);
        if (cached == null) {
            return Optional.empty();
        }
        s.refresh(cached);
        return Optional.of(cached);
    }

    /** A member who leaves a module (or is removed) loses their workspaces in its parts, and only there. */
    @Override
    public void deleteFor(Session s, Part module, long userId) {
        // The files go with their workspace (ON DELETE CASCADE); deleted here too so that no database
        // setting (H2's or MariaDB's foreign-key checks) decides whether they stay.
        String inModule = "SELECT w.id FROM workspace w WHERE w.user_id = :u AND w.part_id IN "
                + "(SELECT id FROM part WHERE parent_id = :m OR id = :m)";
        s.createNativeMutationQuery("DELETE FROM workspace_file WHERE workspace_id IN (" + inModule + ")")
                .setParameter("u", userId).setParameter("m", module.getId()).executeUpdate();
        s.createNativeMutationQuery("DELETE FROM workspace WHERE user_id = :u AND part_id IN "
                        + "(SELECT id FROM part WHERE parent_id = :m OR id = :m)")
                .setParameter("u", userId).setParameter("m", module.getId()).executeUpdate();
    }
}
