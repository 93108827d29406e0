package org.wte.workspace;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.hibernate.Session;
import org.wte.content.DisplayMode;
import org.wte.content.Part;
import org.wte.content.PartType;

/**
 * Which pages show the three-pane workspace, which part's workspace they use, and what the editor on such a
 * page needs to start (its endpoints, the preview's first signed URL). A page shows it when its part (type
 * PART) or the page itself has the display mode WORKSPACE; all pages of a part share the part's workspace.
 */
public final class WorkspacePages {
    private final Workspaces store;
    private final TemplateFiles templates;
    private final PreviewLinks links;

    public WorkspacePages(Workspaces store, TemplateFiles templates, PreviewLinks links) {
        this.store = store;
        this.templates = templates;
        this.links = links;
    }

    /**
     * What the editor's markup and script need. {@code apiUrl} is the workspace's JSON API (with the context
     * path); {@code filesUrl} lists the files; {@code userId} keys the unsaved copies kept in the browser.
     */
    public record Editor(long partId, long userId, String apiUrl, String filesUrl, String downloadUrl,
                         String previewUrl, String previewFile, boolean readOnly, String studentName) {}

    public static boolean shows(Part page) {
        if (page.getType() != PartType.PAGE) {
            return false;
        }
        Part parent = page.getParent();
        return page.getDisplayMode() == DisplayMode.WORKSPACE
                || parent != null && parent.getType() == PartType.PART && parent.getDisplayMode() == DisplayMode.WORKSPACE;
    }

    /** Whether a part (type PART) has a workspace: it, or one of its pages, is shown in three panes. */
    public static boolean hasWorkspace(Session s, Part part) {
        if (part.getType() != PartType.PART) {
            return false;
        }
        if (part.getDisplayMode() == DisplayMode.WORKSPACE) {
            return true;
        }
        return s.createQuery("select count(p) from Part p where p.parent = :p and p.displayMode = :m", Long.class)
                .setParameter("p", part).setParameter("m", DisplayMode.WORKSPACE).getSingleResult() > 0;
    }

    /** The student's own editor for a page shown in three panes (the part is the page's parent). */
    public Editor forPage(Session s, String contextPath, long userId, Part page) {
        return editor(s, contextPath, userId, page.getParent(), false, null);
    }

    /** A tutor's read-only view of one student's workspace. */
    public Editor forReader(Session s, String contextPath, long studentId, String studentName, Part part) {
        return editor(s, contextPath, studentId, part, true, studentName);
    }

    private Editor editor(Session s, String contextPath, long userId, Part part, boolean readOnly, String studentName) {
        String api = contextPath + "/parts/" + part.getId() + "/workspace";
        String files = readOnly ? api + "/users/" + userId + "/files" : api + "/files";
        String download = readOnly ? api + "/users/" + userId + "/download" : api + "/download";
        List<String> names = fileNames(s, userId, part);
        String first = firstHtml(names);
        // No such file yet (no HTML file, no HTML template): no link to a "not found", the page says what to do.
        String preview = names.contains(first) ? links.url(contextPath, userId, part.getId(), first) : "";
        return new Editor(part.getId(), userId, api, files, download, preview, first, readOnly,
                studentName == null ? "" : studentName);
    }

    /** The workspace's files, or before the first visit the templates it will be made of. */
    private List<String> fileNames(Session s, long userId, Part part) {
        Optional<Workspace> workspace = store.find(s, userId, part.getId());
        return workspace.isPresent()
                ? store.files(s, workspace.get()).stream().map(WorkspaceFile::getFilename).toList()
                : templates.texts(s, part).stream().map(TemplateFiles.Text::name).toList();
    }

    public static String firstHtml(List<String> names) {
        for (String n : names) {
            if (n.equalsIgnoreCase("index.html")) {
                return n;
            }
        }
        for (String n : names) {
            String lower = n.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".html") || lower.endsWith(".htm")) {
                return n;
            }
        }
        return "index.html";
    }
}
