package org.wte.enrolment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.NotFoundException;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;
import org.wte.account.PasswordHasher;
import org.wte.account.User;
import org.wte.content.ContentAccess;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.db.Database;
import org.wte.web.CurrentUser;

/**
 * A student's side of registration: may this user take this module ("take this module"), taking it
 * (status, domain, password with throttling), and leaving it (which deletes their data in the module).
 */
public final class EnrolmentService {
    private final Database db;
    private final ModuleRoles roles;
    private final EnrolmentThrottle throttle;
    private final PasswordHasher hasher;
    private final List<MemberData> memberData;

    public EnrolmentService(Database db, ModuleRoles roles, EnrolmentThrottle throttle, PasswordHasher hasher,
                            List<MemberData> memberData) {
        this.db = db;
        this.roles = roles;
        this.throttle = throttle;
        this.hasher = hasher;
        this.memberData = List.copyOf(memberData);
    }

    /** Why a user may or may not register to a module; OPEN means they may (with the password if one is set). */
    public enum Reason { OPEN, NOT_LOGGED_IN, MEMBER, BLOCKED, ARCHIVED, UNAVAILABLE, CLOSED, WRONG_DOMAIN }

    public record Eligibility(Reason reason, boolean passwordRequired, List<String> domains, String email) {
        public boolean allowed() {
            return reason == Reason.OPEN;
        }

        /** The reason in words, for the page. */
        public String message() {
            return switch (reason) {
                case OPEN -> passwordRequired ? "Enter the module's password to take this module."
                        : "You can take this module.";
                case NOT_LOGGED_IN -> "Log in to take this module.";
                case MEMBER -> "You are already registered to this module.";
                case BLOCKED -> "You have been blocked from this module and cannot register to it again. "
                        + "Ask its owners if you think this is a mistake.";
                case ARCHIVED -> "This module is archived: it takes no new registrations.";
                case UNAVAILABLE -> "This module is not available: it takes no new registrations.";
                case CLOSED -> "This module takes no registrations: its owners add its members.";
                case WRONG_DOMAIN -> "Only e-mail addresses at " + String.join(", ", domains)
                        + " can register to this module; yours is " + email + ".";
            };
        }
    }

    /**
     * The rules, without the database: the user's e-mail (null for an anonymous visitor), the module, the
     * user's role in it (null: none) and the module's access settings.
     */
    public static Eligibility eligibility(String email, Part module, ModuleRole role, ModuleAccess access) {
        boolean password = access.hasPassword();
        List<String> domains = access.domainList();
        Reason reason;
        if (email == null) {
            reason = Reason.NOT_LOGGED_IN;
        } else if (role != null && role.isBlocked()) {
            reason = Reason.BLOCKED;
        } else if (role != null) {
            reason = Reason.MEMBER;
        } else if (module.getStatus() == PartStatus.ARCHIVED) {
            reason = Reason.ARCHIVED;
        } else if (module.getStatus() != PartStatus.AVAILABLE) {
            reason = Reason.UNAVAILABLE;
        } else if (!access.isOpen()) {
            reason = Reason.CLOSED;
        } else if (!access.allowsAddress(email)) {
            reason = Reason.WRONG_DOMAIN;
        } else {
            reason = Reason.OPEN;
        }
        return new Eligibility(reason, password, domains, email);
    }

    /** A module's access settings, or the defaults when none are stored. */
    public static ModuleAccess accessOf(Session s, long moduleId) {
        ModuleAccess access = s.get(ModuleAccess.class, moduleId);
        return access == null ? ModuleAccess.defaults(moduleId) : access;
    }

    /** What the "take this module" page shows. */
    public record EnrolPage(ModuleSummary module, Eligibility eligibility) {}

    public EnrolPage page(CurrentUser user, long moduleId) {
        return db.inTransaction(s -> {
            Part module = Modules.find(s, moduleId);
            Optional<ModuleRole> role = role(s, user, module);
            requireVisibleForEnrolment(user, module, role.orElse(null));
            return new EnrolPage(ModuleSummary.of(module),
                    eligibility(user == null ? null : user.email(), module, role.orElse(null), accessOf(s, moduleId)));
        });
    }

    /** What came of an attempt to take a module. */
    public sealed interface Outcome {
        record Enrolled(ModuleSummary module) implements Outcome {}

        /** Not possible: the page says why. */
        record Refused(EnrolPage page) implements Outcome {}

        record WrongPassword(EnrolPage page, String message) implements Outcome {}

        /** Too many wrong passwords recently: not even the right one is accepted now. */
        record Throttled(EnrolPage page) implements Outcome {
            public String message() {
                return "Too many wrong passwords for this module. Try again in " + EnrolmentThrottle.minutes()
                        + " minutes.";
            }
        }
    }

    /** Registers the user as a student, if the rules allow it and the password (if one is set) is right. */
    public Outcome enrol(CurrentUser user, long moduleId, String password) {
        if (user == null) {
            throw new IllegalArgumentException("enrolment needs a logged-in user");
        }
        try {
            return db.inTransaction(s -> enrol(s, user, moduleId, password));
        } catch (ConstraintViolationException e) {
            // The same user registered at the same moment (a double click): the role exists now.
            return new Outcome.Refused(page(user, moduleId));
        }
    }

    private Outcome enrol(Session s, CurrentUser user, long moduleId, String password) {
        Part module = Modules.find(s, moduleId);
        ModuleRole role = role(s, user, module).orElse(null);
        requireVisibleForEnrolment(user, module, role);
        ModuleAccess access = accessOf(s, moduleId);
        EnrolPage page = new EnrolPage(ModuleSummary.of(module), eligibility(user.email(), module, role, access));
        if (!page.eligibility().allowed()) {
            return new Outcome.Refused(page);
        }
        if (access.hasPassword()) {
            if (throttle.blocked(s, moduleId, user.id())) {
                return new Outcome.Throttled(page);
            }
            String given = password == null ? "" : password.strip();
            if (given.isEmpty()) {
                return new Outcome.WrongPassword(page, "Enter the module's password.");
            }
            if (!hasher.verify(given, access.getPasswordHash())) {
                throttle.recordFailure(s, moduleId, user.id());
                return new Outcome.WrongPassword(page, "That is not the module's password.");
            }
            throttle.clear(s, moduleId, user.id());
        }
        User account = s.get(User.class, user.id());
        s.persist(new ModuleRole(module, account, Role.STUDENT, Instant.now()));
        return new Outcome.Enrolled(page.module());
    }

    /** What the "leave this module" page shows; role is null when the user is not a member. */
    public record LeavePage(ModuleSummary module, String role, boolean lastOwner) {}

    public LeavePage leavePage(CurrentUser user, long moduleId) {
        return db.inTransaction(s -> {
            Part module = Modules.find(s, moduleId);
            ModuleRole role = role(s, user, module).orElse(null);
            requireVisible(user, module, role);
            boolean member = role != null && !role.isBlocked();
            return new LeavePage(ModuleSummary.of(module), member ? role.getRole().label() : null,
                    member && isLastOwner(s, role));
        });
    }

    public sealed interface LeaveOutcome {
        record Left(ModuleSummary module) implements LeaveOutcome {}

        record NotMember(ModuleSummary module) implements LeaveOutcome {}

        record LastOwner(LeavePage page) implements LeaveOutcome {
            public String message() {
                return "You are the last owner of this module, so you cannot leave it. Make someone else an "
                        + "owner first.";
            }
        }
    }

    /**
     * Deletes the user's role in the module and their data in it (progress, files). The last owner cannot
     * leave; a blocked member cannot leave either (that would lift the block).
     */
    public LeaveOutcome leave(CurrentUser user, long moduleId) {
        return db.inTransaction(s -> {
            Part module = Modules.findLocked(s, moduleId);
            ModuleRole role = role(s, user, module).orElse(null);
            requireVisible(user, module, role);
            if (role == null || role.isBlocked()) {
                return new LeaveOutcome.NotMember(ModuleSummary.of(module));
            }
            if (isLastOwner(s, role)) {
                return new LeaveOutcome.LastOwner(new LeavePage(ModuleSummary.of(module), role.getRole().label(), true));
            }
            deleteMember(s, memberData, module, role);
            return new LeaveOutcome.Left(ModuleSummary.of(module));
        });
    }

    /** Deletes a member's data in the module, then the role itself. */
    static void deleteMember(Session s, List<MemberData> memberData, Part module, ModuleRole role) {
        long userId = role.getUser().getId();
        for (MemberData data : memberData) {
            data.deleteFor(s, module, userId);
        }
        s.remove(role);
        s.flush();
    }

    private boolean isLastOwner(Session s, ModuleRole role) {
        return role.getRole() == Role.OWNER && !role.isBlocked()
                && roles.activeOwners(s, role.getModule().getId()) <= 1;
    }

    private Optional<ModuleRole> role(Session s, CurrentUser user, Part module) {
        return user == null ? Optional.empty() : roles.of(s, module.getId(), user.id());
    }

    private static void requireVisible(CurrentUser user, Part module, ModuleRole role) {
        if (!ContentAccess.decide(user, module, role).view()) {
            throw new NotFoundException(Modules.NO_SUCH_MODULE);
        }
    }

    /**
     * The "take this module" page is there for whoever may see the module, for anonymous visitors when the
     * module is available (they see it in the list of modules), and for a blocked member of an available
     * module (to be told why they cannot register again).
     */
    private static void requireVisibleForEnrolment(CurrentUser user, Part module, ModuleRole role) {
        boolean available = module.getStatus() == PartStatus.AVAILABLE;
        boolean visible = user == null ? available
                : ContentAccess.decide(user, module, role).view() || (available && role != null && role.isBlocked());
        if (!visible) {
            throw new NotFoundException(Modules.NO_SUCH_MODULE);
        }
    }
}
