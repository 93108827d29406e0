package org.wte.testing;

import java.time.Instant;
import java.util.Map;

import org.hibernate.Session;
import org.wte.workspace.Workspace;
import org.wte.workspace.WorkspaceFile;

/**
 * A student's workspace files written straight into the database, for tests of what reads them (the preview)
 * that should not depend on the editor's pages.
 */
public final class TestWorkspaces {
    private TestWorkspaces() {}

    /** Creates (or adds to) the user's workspace in the part; the files keep the map's order. */
    public static void put(Session s, long userId, long partId, Map<String, String> files) {
        Workspace workspace = s.createQuery("from Workspace w where w.userId = :u and w.partId = :p", Workspace.class)
                .setParameter("u", userId).setParameter("p", partId).uniqueResultOptional().orElse(null);
        Instant now = Instant.now();
        if (workspace == null) {
            workspace = new Workspace(userId, partId, now);
            s.persist(workspace);
        }
        int order = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            s.persist(new WorkspaceFile(workspace, file.getKey(), file.getValue(), null, order++, now));
        }
    }
}
