package org.wte.enrolment;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.NotFoundException;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;
import org.wte.account.Emails;
import org.wte.account.User;
import org.wte.account.Users;
import org.wte.content.ContentAccess;
import org.wte.content.Part;
import org.wte.db.Database;
import org.wte.web.CurrentUser;
import org.wte.web.FormErrors;

/**
 * The owners' side: a module's users (search, role filter, paging), adding accounts, changing roles,
 * blocking, removing. Every role row is looked up within its module; the last owner who is not blocked
 * can never be removed, blocked or demoted.
 */
public final class ModuleMembers {
    public static final int PAGE_SIZE = 25;
    public static final int CANDIDATES = 20;
    public static final int CANDIDATE_QUERY_MIN = 2;

    private final Database db;
    private final ContentAccess contentAccess;
    private final ModuleRoles roles;
    private final Users users;
    private final List<MemberData> memberData;

    public ModuleMembers(Database db, ContentAccess contentAccess, ModuleRoles roles, Users users,
                         List<MemberData> memberData) {
        this.db = db;
        this.contentAccess = contentAccess;
        this.roles = roles;
        this.users = users;
        this.memberData = List.copyOf(memberData);
    }

    /** Refused because of the module's state (the last owner, oneself): a 409 with this message. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    public record MemberRow(long roleId, long userId, String email, String displayName, String role,
                            boolean blocked, Instant since, boolean lastOwner, boolean self) {}

    public record MemberPage(ModuleSummary module, List<MemberRow> rows, long total, int page, int pages,
                             long owners) {}

    public MemberPage list(CurrentUser actor, long moduleId, String query, ModuleRoles.Filter filter, int page) {
        return db.inTransaction(s -> {
            Part module = Modules.managed(s, contentAccess, actor, moduleId);
            long total = roles.count(s, moduleId, query, filter);
            int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
            int p = Math.min(Math.max(1, page), pages);
            long owners = roles.activeOwners(s, moduleId);
            List<MemberRow> rows = roles.search(s, moduleId, query, filter, (p - 1) * PAGE_SIZE, PAGE_SIZE).stream()
                    .map(r -> row(r, owners, actor)).toList();
            return new MemberPage(ModuleSummary.of(module), rows, total, p, pages, owners);
        });
    }

    /** An account found by the search box; role is its role in the module, or null. */
    public record Candidate(long userId, String email, String displayName, String status, String role) {}

    public record CandidatePage(ModuleSummary module, String query, List<Candidate> candidates, boolean more,
                                boolean tooShort) {}

    /** Accounts whose e-mail or name contains the query, with their role in the module if they have one. */
    public CandidatePage candidates(CurrentUser actor, long moduleId, String query) {
        String q = query == null ? "" : query.strip();
        return db.inTransaction(s -> {
            Part module = Modules.managed(s, contentAccess, actor, moduleId);
            if (q.length() < CANDIDATE_QUERY_MIN) {
                return new CandidatePage(ModuleSummary.of(module), q, List.of(), false, true);
            }
            List<User> found = users.search(s, q, null, 0, CANDIDATES + 1);
            List<Candidate> list = found.stream().limit(CANDIDATES).map(u -> new Candidate(u.getId(), u.getEmail(),
                    u.getDisplayName(), u.getStatus().label(),
                    roles.of(s, moduleId, u.getId()).map(ModuleMembers::roleLabel).orElse(null))).toList();
            return new CandidatePage(ModuleSummary.of(module), q, list, found.size() > CANDIDATES, false);
        });
    }

    /**
     * Adds an account (by id from the search, else by e-mail address) with a role; returns a sentence for
     * the owner.
     *
     * @throws FormErrors.Invalid on the field "email" when there is no such account or it is a member already
     */
    public String add(CurrentUser actor, long moduleId, String email, Long userId, Role role) {
        try {
            return db.inTransaction(s -> addIn(s, actor, moduleId, email, userId, role));
        } catch (ConstraintViolationException e) {
            throw new FormErrors.Invalid("email", "This account was added to the module at the same moment.");
        }
    }

    private String addIn(Session s, CurrentUser actor, long moduleId, String email, Long userId, Role role) {
        Part module = Modules.managed(s, contentAccess, actor, moduleId);
        User user;
        if (userId != null) {
            user = users.byId(s, userId).orElseThrow(() -> new FormErrors.Invalid("email", "There is no such account."));
        } else {
            String e = Emails.normalise(email);
            if (e.isEmpty()) {
                throw new FormErrors.Invalid("email", "Enter the e-mail address of an account, or search for one.");
            }
            if (!Emails.isValid(e)) {
                throw new FormErrors.Invalid("email", "Enter an e-mail address such as name@example.org.");
            }
            user = users.byEmail(s, e).orElseThrow(() -> new FormErrors.Invalid("email",
                    "No account has the address " + e + ". They have to register first."));
        }
        Optional<ModuleRole> existing = roles.of(s, moduleId, user.getId());
        if (existing.isPresent()) {
            ModuleRole r = existing.get();
            throw new FormErrors.Invalid("email", user.getEmail() + " is already "
                    + (r.isBlocked() ? "a blocked member" : "a member (" + r.getRole().label() + ")")
                    + " of this module" + (r.isBlocked() ? "; unblock them instead." : "."));
        }
        s.persist(new ModuleRole(module, user, role, Instant.now()));
        s.flush();
        return "Added " + user.getEmail() + " as " + role.label() + ".";
    }

    /** The result of a change: the sentence for the owner, and whether they still manage the module's users. */
    public record Change(String message, boolean actorStillManages) {}

    public Change changeRole(CurrentUser actor, long moduleId, long roleId, Role newRole) {
        return change(actor, moduleId, roleId, (s, r) -> {
            if (r.getRole() == newRole) {
                return r.getUser().getEmail() + " is " + newRole.label() + " already.";
            }
            if (r.getRole() == Role.OWNER) {
                guardLastOwner(s, r, "made " + newRole.label());
            }
            r.setRole(newRole);
            return r.getUser().getEmail() + " is now " + newRole.label() + ".";
        });
    }

    public Change block(CurrentUser actor, long moduleId, long roleId) {
        return change(actor, moduleId, roleId, (s, r) -> {
            if (r.isBlocked()) {
                return r.getUser().getEmail() + " is blocked already.";
            }
            guardLastOwner(s, r, "blocked");
            if (r.getUser().getId() == actor.id()) {
                throw new Refused("You cannot block yourself.");
            }
            r.setBlocked(true);
            return "Blocked " + r.getUser().getEmail() + ": they see nothing of this module and cannot register again.";
        });
    }

    public Change unblock(CurrentUser actor, long moduleId, long roleId) {
        return change(actor, moduleId, roleId, (s, r) -> {
            if (!r.isBlocked()) {
                return r.getUser().getEmail() + " is not blocked.";
            }
            r.setBlocked(false);
            return "Unblocked " + r.getUser().getEmail() + ".";
        });
    }

    /** Removes the member and deletes their data in this module (progress, files), and only in this module. */
    public Change remove(CurrentUser actor, long moduleId, long roleId) {
        return change(actor, moduleId, roleId, (s, r) -> {
            guardLastOwner(s, r, "removed");
            String email = r.getUser().getEmail();
            EnrolmentService.deleteMember(s, memberData, r.getModule(), r);
            return "Removed " + email + " from the module, with their progress and files in it.";
        });
    }

    /** What the removal's confirmation page shows. */
    public record RemovePage(ModuleSummary module, MemberRow member) {}

    public RemovePage removePage(CurrentUser actor, long moduleId, long roleId) {
        return db.inTransaction(s -> {
            Part module = Modules.managed(s, contentAccess, actor, moduleId);
            ModuleRole r = roleInModule(s, moduleId, roleId);
            return new RemovePage(ModuleSummary.of(module), row(r, roles.activeOwners(s, moduleId), actor));
        });
    }

    private interface Action {
        String apply(Session s, ModuleRole role);
    }

    private Change change(CurrentUser actor, long moduleId, long roleId, Action action) {
        return db.inTransaction(s -> {
            Part module = Modules.managedLocked(s, contentAccess, actor, moduleId);
            ModuleRole r = roleInModule(s, moduleId, roleId);
            String message = action.apply(s, r);
            s.flush();
            ModuleRole own = roles.of(s, moduleId, actor.id()).orElse(null);
            return new Change(message, ContentAccess.decide(actor, module, own).manageUsers());
        });
    }

    private ModuleRole roleInModule(Session s, long moduleId, long roleId) {
        return roles.inModule(s, moduleId, roleId)
                .orElseThrow(() -> new NotFoundException("This module has no such member."));
    }

    private void guardLastOwner(Session s, ModuleRole r, String what) {
        if (r.getRole() == Role.OWNER && !r.isBlocked() && roles.activeOwners(s, r.getModule().getId()) <= 1) {
            throw new Refused(r.getUser().getEmail() + " is the last owner of this module and cannot be " + what
                    + ". Make someone else an owner first: a module always keeps an owner.");
        }
    }

    private static MemberRow row(ModuleRole r, long activeOwners, CurrentUser actor) {
        User u = r.getUser();
        boolean lastOwner = r.getRole() == Role.OWNER && !r.isBlocked() && activeOwners <= 1;
        return new MemberRow(r.getId(), u.getId(), u.getEmail(), u.getDisplayName(), r.getRole().label(),
                r.isBlocked(), r.getCreatedAt(), lastOwner, u.getId() == actor.id());
    }

    private static String roleLabel(ModuleRole r) {
        return r.isBlocked() ? r.getRole().label() + ", blocked" : r.getRole().label();
    }

    /** "owner", "tutor" or "student" (any case). */
    public static Optional<Role> parseRole(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Role.valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
