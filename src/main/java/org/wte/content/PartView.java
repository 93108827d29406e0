package org.wte.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.wte.timedtask.PartTimedTasks;

/** What a module, part or page page shows, for one reader: a snapshot made inside the transaction. */
public record PartView(long id, String type, String title, String label, String status, String displayMode,
                       String html, List<Map<String, Object>> breadcrumbs, List<Group> groups, Access access,
                       Link previous, Link next, List<Link> siblings, long moduleId, long parentId, boolean member,
                       Link resume) {

    public record Link(long id, String title, String status) {}

    /** {@code upcoming}: the badge of its upcoming timed actions, for editors only (null otherwise, or none). */
    public record Child(long id, String title, String label, String status, String type,
                        PartTimedTasks.Badge upcoming) {}

    /** Consecutive children with the same label, shown under that label as a heading. */
    public record Group(String label, List<Child> children) {}

    public static List<Group> group(List<Child> children) {
        List<Group> groups = new ArrayList<>();
        for (Child c : children) {
            if (groups.isEmpty() || !groups.get(groups.size() - 1).label().equals(c.label())) {
                groups.add(new Group(c.label(), new ArrayList<>()));
            }
            groups.get(groups.size() - 1).children().add(c);
        }
        return groups;
    }

    public boolean isModule() {
        return type.equals("module");
    }

    public boolean isPage() {
        return type.equals("page");
    }

    public int childCount() {
        return groups.stream().mapToInt(g -> g.children().size()).sum();
    }
}
