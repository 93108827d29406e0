package org.wte.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hibernate.Session;

/** Queries on the content tree. */
public final class Parts {

    public Optional<Part> byId(Session s, long id) {
        return Optional.ofNullable(s.get(Part.class, id));
    }

    public List<Part> children(Session s, Part parent) {
        return s.createQuery("from Part p where p.parent = :p order by p.sortOrder, p.id", Part.class)
                .setParameter("p", parent).list();
    }

    /** From the module down to this node. */
    public static List<Part> path(Part part) {
        List<Part> path = new ArrayList<>();
        for (Part p = part; p != null; p = p.getParent()) {
            path.add(0, p);
        }
        return path;
    }

    /** Every module, optionally of one status, by title. */
    public List<Part> modules(Session s, PartStatus status) {
        return s.createQuery("from Part p where p.type = :t and (:s is null or p.status = :s) order by lower(p.title), p.id",
                Part.class).setParameter("t", PartType.MODULE).setParameter("s", status).list();
    }

    /** Modules in which the user has a role (not blocked), optionally of one status. */
    public List<Part> modulesOf(Session s, long userId, PartStatus status) {
        return s.createQuery("select r.module from ModuleRole r where r.user.id = :u and r.blocked = false "
                        + "and (:s is null or r.module.status = :s) order by lower(r.module.title), r.module.id", Part.class)
                .setParameter("u", userId).setParameter("s", status).list();
    }

    /** How many nodes lie below this one (all levels). */
    public long descendants(Session s, Part part) {
        return subtree(s, part).size() - 1;
    }

    /** The ids of this node and of every node below it, one query per level. */
    public List<Long> subtree(Session s, Part part) {
        List<Long> ids = new ArrayList<>(List.of(part.getId()));
        List<Long> level = List.of(part.getId());
        while (!level.isEmpty()) {
            List<Long> next = s.createQuery("select p.id from Part p where p.parent.id in (:ids)", Long.class)
                    .setParameterList("ids", level).list();
            ids.addAll(next);
            level = next;
        }
        return ids;
    }
}
