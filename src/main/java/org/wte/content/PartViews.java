package org.wte.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hibernate.Session;
import org.wte.timedtask.PartTimedTasks;
import org.wte.web.CurrentUser;

/** Builds {@link PartView}s: what this reader may see of a node, its children and its siblings. */
public final class PartViews {
    private final Parts parts;
    private final ContentAccess access;
    private final MarkupContent markup;
    private final ReadingPositions positions;
    private final PartTimedTasks timedTasks;

    public PartViews(Parts parts, ContentAccess access, MarkupContent markup, ReadingPositions positions,
                     PartTimedTasks timedTasks) {
        this.positions = positions;
        this.timedTasks = timedTasks;
        this.parts = parts;
        this.access = access;
        this.markup = markup;
    }

    public PartView view(Session s, CurrentUser user, String contextPath, Part part) {
        Access a = access.of(s, user, part);
        List<Part> listed = new ArrayList<>();
        if (part.getType() != PartType.PAGE) {
            for (Part c : parts.children(s, part)) {
                if (ContentAccess.lists(a, c) && (a.seesEverything() || ContentAccess.visibleToStudents(c))) {
                    listed.add(c);
                }
            }
        }
        // Only editors see what is scheduled: one grouped query for all the children.
        Map<Long, PartTimedTasks.Badge> badges = a.edit()
                ? timedTasks.badges(s, listed.stream().map(Part::getId).toList()) : Map.of();
        List<PartView.Child> children = new ArrayList<>();
        for (Part c : listed) {
            children.add(new PartView.Child(c.getId(), c.getTitle(), c.getLabel(), c.getStatus().label(),
                    c.getType().label(), badges.get(c.getId())));
        }
        PartView.Link resume = null;
        if (part.getType() == PartType.PART && user != null && !children.isEmpty()) {
            resume = positions.current(s, user.id(), part)
                    .flatMap(pageId -> children.stream().filter(c -> c.id() == pageId).findFirst())
                    .map(c -> new PartView.Link(c.id(), c.title(), c.status())).orElse(null);
        }
        if (part.getType() == PartType.PAGE && user != null && a.member()) {
            positions.record(s, user.id(), part);
        }
        List<PartView.Link> siblings = new ArrayList<>();
        PartView.Link previous = null;
        PartView.Link next = null;
        if (part.getType() == PartType.PAGE) {
            Access parentAccess = access.of(s, user, part.getParent());
            for (Part sib : parts.children(s, part.getParent())) {
                if (ContentAccess.lists(parentAccess, sib)) {
                    siblings.add(new PartView.Link(sib.getId(), sib.getTitle(), sib.getStatus().label()));
                }
            }
            for (int i = 0; i < siblings.size(); i++) {
                if (siblings.get(i).id() == part.getId()) {
                    previous = i > 0 ? siblings.get(i - 1) : null;
                    next = i + 1 < siblings.size() ? siblings.get(i + 1) : null;
                }
            }
        }
        return new PartView(part.getId(), part.getType().label(), part.getTitle(), part.getLabel(),
                part.getStatus().label(), part.getDisplayMode().label(),
                markup.forReader(s, user, contextPath, part.getCompiled()), breadcrumbs(part), PartView.group(children), a,
                previous, next, siblings, part.module().getId(),
                part.getParent() == null ? 0 : part.getParent().getId(), a.member(), resume);
    }

    /** Home › module › part › page, each with its URL except the last. */
    public static List<Map<String, Object>> breadcrumbs(Part part) {
        List<Map<String, Object>> crumbs = new ArrayList<>();
        crumbs.add(Map.of("label", "Modules", "url", "/modules"));
        List<Part> path = Parts.path(part);
        for (int i = 0; i < path.size(); i++) {
            Map<String, Object> crumb = new LinkedHashMap<>();
            crumb.put("label", path.get(i).getTitle());
            if (i < path.size() - 1) {
                crumb.put("url", "/parts/" + path.get(i).getId());
            }
            crumbs.add(crumb);
        }
        return crumbs;
    }

    /** The same crumbs, all linked, plus one last label (for edit, delete, assets… pages). */
    public static List<Map<String, Object>> breadcrumbs(Part part, String last) {
        return withLast(breadcrumbs(part), part.getId(), last);
    }

    /** Crumbs that end at a node, with that node linked and one more label after it. */
    static List<Map<String, Object>> withLast(List<Map<String, Object>> crumbs, long id, String last) {
        List<Map<String, Object>> out = new ArrayList<>(crumbs);
        Map<String, Object> self = new LinkedHashMap<>(out.remove(out.size() - 1));
        self.put("url", "/parts/" + id);
        out.add(self);
        out.add(Map.of("label", last));
        return out;
    }

    public Optional<Part> firstVisiblePage(Session s, CurrentUser user, Part part) {
        Access a = access.of(s, user, part);
        return parts.children(s, part).stream().filter(c -> ContentAccess.lists(a, c)).findFirst();
    }
}
