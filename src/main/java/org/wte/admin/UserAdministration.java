package org.wte.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.Session;
import org.wte.account.AccountMails;
import org.wte.account.AccountTokens;
import org.wte.account.PermissionGroup;
import org.wte.account.TokenPurpose;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.account.Users;
import org.wte.db.Database;
import org.wte.web.FormErrors;

/** What administrators do to accounts: list, confirm, block, reset, delete, and edit permission groups. */
public final class UserAdministration {
    public static final int PAGE_SIZE = 25;

    private final Database db;
    private final Users users;
    private final AccountTokens tokens;
    private final AccountMails mails;

    public UserAdministration(Database db, Users users, AccountTokens tokens, AccountMails mails) {
        this.db = db;
        this.users = users;
        this.tokens = tokens;
        this.mails = mails;
    }

    public record UserRow(long id, String email, String displayName, String status, List<String> groups,
                          java.time.Instant createdAt, java.time.Instant lastLoginAt) {}

    public record UserPage(List<UserRow> rows, long total, int page, int pages) {}

    public UserPage list(String query, UserStatus status, int page) {
        return db.inTransaction(s -> {
            long total = users.count(s, query, status);
            int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
            int p = Math.min(Math.max(1, page), pages);
            List<UserRow> rows = users.search(s, query, status, (p - 1) * PAGE_SIZE, PAGE_SIZE).stream()
                    .map(UserAdministration::row).toList();
            return new UserPage(rows, total, p, pages);
        });
    }

    public record UserDetail(UserRow user, List<PermissionGroup> allGroups, Set<Long> groupIds) {}

    public UserDetail detail(long id) {
        return db.inTransaction(s -> {
            User u = users.byId(s, id).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("no user #" + id));
            Set<Long> ids = new java.util.HashSet<>();
            u.getGroups().forEach(g -> ids.add(g.getId()));
            return new UserDetail(row(u), users.groups(s), ids);
        });
    }

    /** Sets the user's permission groups to exactly these; the last active administrator keeps the role. */
    public void setGroups(long actorId, long userId, Collection<Long> groupIds) {
        db.run(s -> {
            User u = users.byId(s, userId).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("no user #" + userId));
            List<PermissionGroup> all = users.groups(s);
            List<PermissionGroup> chosen = new ArrayList<>();
            for (Long gid : groupIds) {
                PermissionGroup g = all.stream().filter(x -> x.getId().equals(gid)).findFirst()
                        .orElseThrow(() -> new FormErrors.Invalid("groups", "There is no permission group #" + gid + "."));
                chosen.add(g);
            }
            boolean keepsAdmin = chosen.stream().anyMatch(g -> g.getName().equals(PermissionGroup.ADMINISTRATOR));
            if (u.isAdministrator() && !keepsAdmin) {
                guardLastAdministrator(s, List.of(u));
            }
            u.getGroups().clear();
            u.getGroups().addAll(chosen);
        });
    }

    public enum Action { CONFIRM, RESET, BLOCK, UNBLOCK, DELETE }

    /** Applies one action to several users; returns how many were changed. All or nothing. */
    public int apply(long actorId, Action action, Collection<Long> ids) {
        if (ids.isEmpty()) {
            throw new FormErrors.Invalid("ids", "Choose at least one user.");
        }
        return db.inTransaction(s -> {
            List<User> chosen = new ArrayList<>();
            for (Long id : ids) {
                chosen.add(users.byId(s, id).orElseThrow(() -> new FormErrors.Invalid("ids", "There is no user #" + id + ".")));
            }
            if ((action == Action.DELETE || action == Action.BLOCK)) {
                if (chosen.stream().anyMatch(u -> u.getId() == actorId)) {
                    throw new FormErrors.Invalid("ids", "You cannot " + action.name().toLowerCase() + " your own account here.");
                }
                guardLastAdministrator(s, chosen);
            }
            for (User u : chosen) {
                switch (action) {
                    case CONFIRM -> {
                        if (u.getStatus() == UserStatus.UNCONFIRMED) {
                            u.setStatus(UserStatus.ACTIVE);
                        }
                    }
                    case RESET -> {
                        String token = tokens.issue(s, u, TokenPurpose.RESET, null);
                        mails.send(s, "reset", u.getEmail(), u.getDisplayName(),
                                Map.of("url", mails.link("/account/reset/" + token)));
                    }
                    case BLOCK -> u.setStatus(UserStatus.BLOCKED);
                    case UNBLOCK -> {
                        if (u.getStatus() == UserStatus.BLOCKED) {
                            u.setStatus(u.getPasswordHash() == null ? UserStatus.UNCONFIRMED : UserStatus.ACTIVE);
                        }
                    }
                    case DELETE -> s.remove(u);
                }
            }
            return chosen.size();
        });
    }

    private void guardLastAdministrator(Session s, List<User> losing) {
        long losingAdmins = losing.stream()
                .filter(u -> u.isAdministrator() && u.getStatus() == UserStatus.ACTIVE).count();
        if (losingAdmins > 0 && users.activeAdministrators(s) - losingAdmins < 1) {
            throw new FormErrors.Invalid("ids", "WTE needs at least one administrator; make someone else an "
                    + "administrator first.");
        }
    }

    private static UserRow row(User u) {
        return new UserRow(u.getId(), u.getEmail(), u.getDisplayName(), u.getStatus().label(),
                u.getGroups().stream().map(PermissionGroup::getTitle).sorted().toList(), u.getCreatedAt(),
                u.getLastLoginAt());
    }
}
