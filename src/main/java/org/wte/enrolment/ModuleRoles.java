package org.wte.enrolment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.hibernate.Session;
import org.wte.content.Part;

/** Queries on module roles. */
public final class ModuleRoles {

    public Optional<ModuleRole> of(Session s, long moduleId, long userId) {
        return s.createQuery("from ModuleRole r where r.module.id = :m and r.user.id = :u", ModuleRole.class)
                .setParameter("m", moduleId).setParameter("u", userId).uniqueResultOptional();
    }

    /** The role row with this id, only if it belongs to this module. */
    public Optional<ModuleRole> inModule(Session s, long moduleId, long roleId) {
        return s.createQuery("from ModuleRole r join fetch r.user where r.id = :r and r.module.id = :m", ModuleRole.class)
                .setParameter("r", roleId).setParameter("m", moduleId).uniqueResultOptional();
    }

    /** Owners who are not blocked: the ones who can manage the module. */
    public long activeOwners(Session s, long moduleId) {
        return s.createQuery("select count(r) from ModuleRole r where r.module.id = :m and r.role = :o "
                        + "and r.blocked = false", Long.class)
                .setParameter("m", moduleId).setParameter("o", Role.OWNER).getSingleResult();
    }

    /** Members who are not blocked, with their accounts. */
    public List<ModuleRole> activeMembers(Session s, Part module) {
        return s.createQuery("from ModuleRole r join fetch r.user where r.module = :m and r.blocked = false "
                + "order by r.id", ModuleRole.class).setParameter("m", module).list();
    }

    /** What the owners' list shows: one role, or only blocked members, or everyone. */
    public enum Filter {
        ALL, OWNER, TUTOR, STUDENT, BLOCKED;

        public String label() {
            return this == ALL ? "" : name().toLowerCase(Locale.ROOT);
        }

        /** "" or null: ALL; otherwise the label. */
        public static Optional<Filter> parse(String text) {
            if (text == null || text.isBlank()) {
                return Optional.of(ALL);
            }
            for (Filter f : values()) {
                if (f != ALL && f.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** One page of a module's members: search in e-mail and name, by e-mail. */
    public List<ModuleRole> search(Session s, long moduleId, String text, Filter filter, int offset, int limit) {
        return s.createQuery("select r from ModuleRole r join fetch r.user u where " + where(filter)
                        + " order by u.email, r.id", ModuleRole.class)
                .setParameter("m", moduleId).setParameter("q", like(text))
                .setParameterList("roles", roles(filter))
                .setFirstResult(offset).setMaxResults(limit).list();
    }

    public long count(Session s, long moduleId, String text, Filter filter) {
        return s.createQuery("select count(r) from ModuleRole r join r.user u where " + where(filter), Long.class)
                .setParameter("m", moduleId).setParameter("q", like(text))
                .setParameterList("roles", roles(filter)).getSingleResult();
    }

    private static String where(Filter filter) {
        return "r.module.id = :m and (lower(u.email) like :q escape '!' or lower(u.displayName) like :q escape '!') "
                + "and r.role in (:roles)" + (filter == Filter.BLOCKED ? " and r.blocked = true" : "");
    }

    private static List<Role> roles(Filter filter) {
        return switch (filter) {
            case OWNER -> List.of(Role.OWNER);
            case TUTOR -> List.of(Role.TUTOR);
            case STUDENT -> List.of(Role.STUDENT);
            case ALL, BLOCKED -> List.of(Role.values());
        };
    }

    /** A LIKE pattern that matches the text anywhere, with %, _ and ! taken literally. */
    public static String like(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return "%" + t.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
