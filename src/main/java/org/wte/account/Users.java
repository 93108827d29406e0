package org.wte.account;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.hibernate.Session;

/** Queries on users and permission groups. */
public final class Users {

    public Optional<User> byEmail(Session session, String email) {
        return session.createQuery("from User u where u.email = :e", User.class)
                .setParameter("e", Emails.normalise(email)).uniqueResultOptional();
    }

    public Optional<User> byId(Session session, long id) {
        return Optional.ofNullable(session.get(User.class, id));
    }

    public List<PermissionGroup> groups(Session session) {
        return session.createQuery("from PermissionGroup g order by g.id", PermissionGroup.class).list();
    }

    public PermissionGroup group(Session session, String name) {
        return session.createQuery("from PermissionGroup g where g.name = :n", PermissionGroup.class)
                .setParameter("n", name).getSingleResult();
    }

    public long activeAdministrators(Session session) {
        return session.createQuery("select count(distinct u) from User u join u.groups g where g.name = :n "
                        + "and u.status = :s", Long.class)
                .setParameter("n", PermissionGroup.ADMINISTRATOR).setParameter("s", UserStatus.ACTIVE)
                .getSingleResult();
    }

    /** One page of the admin's user list: search in e-mail and name, optional status filter. */
    public List<User> search(Session session, String text, UserStatus status, int offset, int limit) {
        return session.createQuery("from User u where " + WHERE + " order by u.email", User.class)
                .setParameter("q", like(text)).setParameterList("s", statuses(status))
                .setFirstResult(offset).setMaxResults(limit).list();
    }

    public long count(Session session, String text, UserStatus status) {
        return session.createQuery("select count(u) from User u where " + WHERE, Long.class)
                .setParameter("q", like(text)).setParameterList("s", statuses(status)).getSingleResult();
    }

    private static final String WHERE =
            "(lower(u.email) like :q escape '!' or lower(u.displayName) like :q escape '!') and u.status in (:s)";

    private static List<UserStatus> statuses(UserStatus status) {
        return status == null ? List.of(UserStatus.values()) : List.of(status);
    }

    private static String like(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return "%" + t.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
