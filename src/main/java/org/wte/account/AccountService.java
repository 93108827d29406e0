package org.wte.account;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.hibernate.Session;
import org.wte.config.Settings;
import org.wte.db.Database;
import org.wte.web.FormErrors;

/** Registration, confirmation, login, password reset and the profile: the account rules in one place. */
public final class AccountService {
    public static final int MAX_NAME = 100;

    private final Database db;
    private final Users users;
    private final PasswordHasher hasher;
    private final AccountTokens tokens;
    private final LoginThrottle throttle;
    private final AccountMails mails;
    private final Settings settings;

    public AccountService(Database db, Users users, PasswordHasher hasher, AccountTokens tokens, LoginThrottle throttle,
                          AccountMails mails, Settings settings) {
        this.db = db;
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
        this.mails = mails;
        this.settings = settings;
    }

    /**
     * Registers an account and mails a confirmation link. An address that already has an account gets a
     * mail saying so instead, and the caller shows the same answer: nobody learns who is registered.
     */
    public void register(String emailInput, String displayNameInput) {
        String email = Emails.normalise(emailInput);
        String name = displayNameInput == null ? "" : displayNameInput.strip();
        FormErrors errors = new FormErrors();
        if (!settings.registration().enabled()) {
            errors.add("email", "Registration is closed on this site; ask an administrator for an account.");
        }
        if (!Emails.isValid(email)) {
            errors.add("email", "Enter an e-mail address such as name@example.org.");
        } else if (!settings.registration().allows(email)) {
            errors.add("email", "Only addresses at " + String.join(", ", settings.registration().domains())
                    + " may register.");
        }
        checkName(name, errors);
        errors.throwIfAny();
        db.run(s -> {
            Optional<User> existing = users.byEmail(s, email);
            if (existing.isPresent()) {
                mails.send(s, "already-registered", existing.get().getEmail(), existing.get().getDisplayName(), Map.of("loginUrl", url("/account/login"),
                        "forgotUrl", url("/account/forgot")));
                return;
            }
            User user = new User(email, name, UserStatus.UNCONFIRMED, Instant.now());
            s.persist(user);
            String token = tokens.issue(s, user, TokenPurpose.CONFIRM, null);
            mails.send(s, "confirm", user.getEmail(), user.getDisplayName(), Map.of("url", url("/account/confirm/" + token)));
        });
    }

    /** Sends a fresh confirmation link to an unconfirmed account (same answer for any address). */
    public void resendConfirmation(String emailInput) {
        db.run(s -> users.byEmail(s, emailInput).filter(u -> u.getStatus() == UserStatus.UNCONFIRMED).ifPresent(u -> {
            String token = tokens.issue(s, u, TokenPurpose.CONFIRM, null);
            mails.send(s, "confirm", u.getEmail(), u.getDisplayName(), Map.of("url", url("/account/confirm/" + token)));
        }));
    }

    /** The account a confirmation, reset or e-mail-change token belongs to, without consuming it. */
    public Optional<AccountView> peekToken(String token, TokenPurpose purpose) {
        return db.inTransaction(s -> tokens.find(s, token, purpose, false)
                .map(t -> new AccountView(t.getUser().getId(), t.getUser().getEmail(), t.getUser().getDisplayName(),
                        t.getNewEmail())));
    }

    /** A confirmation or reset token's page: confirms the address (if needed) and sets the password. */
    public long setPasswordWithToken(String token, TokenPurpose purpose, String password, String repeat) {
        FormErrors errors = new FormErrors();
        checkNewPassword(password, repeat, errors);
        errors.throwIfAny();
        return db.inTransaction(s -> {
            AccountToken t = tokens.find(s, token, purpose, true).orElseThrow(TokenInvalid::new);
            User user = t.getUser();
            if (user.getStatus() == UserStatus.BLOCKED) {
                throw new TokenInvalid();
            }
            t.markUsed(Instant.now());
            user.setStatus(UserStatus.ACTIVE);
            user.setPasswordHash(hasher.hash(password));
            user.setMustChangePassword(false);
            throttle.clear(s, user.getEmail());
            return user.getId();
        });
    }

    /** Mails a reset link if the address has an account that is not blocked; silent otherwise. */
    public void requestPasswordReset(String emailInput) {
        db.run(s -> users.byEmail(s, emailInput).filter(u -> u.getStatus() != UserStatus.BLOCKED).ifPresent(u -> {
            String token = tokens.issue(s, u, TokenPurpose.RESET, null);
            mails.send(s, "reset", u.getEmail(), u.getDisplayName(), Map.of("url", url("/account/reset/" + token)));
        }));
    }

    /** Outcome of a login attempt. */
    public sealed interface LoginResult {
        record Success(long userId, boolean mustChangePassword) implements LoginResult {}
        record Failure(String message) implements LoginResult {}
    }

    public LoginResult login(String emailInput, String password, String clientAddress) {
        String email = Emails.normalise(emailInput);
        String address = clientAddress == null ? "unknown" : clientAddress;
        return db.inTransaction(s -> {
            if (throttle.blocked(s, email, address)) {
                return new LoginResult.Failure("Too many failed attempts. Wait " + LoginThrottle.minutes()
                        + " minutes, or reset your password.");
            }
            Optional<User> found = users.byEmail(s, email);
            if (found.isEmpty() || found.get().getPasswordHash() == null
                    || !hasher.verify(password == null ? "" : password, found.get().getPasswordHash())) {
                if (found.isEmpty()) {
                    // Spend the same time as a real check, so that timing does not tell who has an account.
                    hasher.verify(password == null ? "" : password, DUMMY_HASH);
                }
                throttle.recordFailure(s, email, address);
                if (found.isPresent() && found.get().getStatus() == UserStatus.UNCONFIRMED
                        && found.get().getPasswordHash() == null) {
                    return new LoginResult.Failure("This address is not confirmed yet. Use the link in the mail we "
                            + "sent, or ask for a new one below.");
                }
                return new LoginResult.Failure("Wrong e-mail address or password.");
            }
            User user = found.get();
            if (user.getStatus() == UserStatus.BLOCKED) {
                return new LoginResult.Failure("This account is blocked. Ask an administrator.");
            }
            if (hasher.needsRehash(user.getPasswordHash())) {
                user.setPasswordHash(hasher.hash(password));
            }
            user.setLastLoginAt(Instant.now());
            throttle.clear(s, email);
            return new LoginResult.Success(user.getId(), user.isMustChangePassword());
        });
    }

    private static final String DUMMY_HASH = new PasswordHasher().hash("not a password of anybody's");

    public void updateProfile(long userId, String displayNameInput, Boolean highContrast) {
        FormErrors errors = new FormErrors();
        String name = displayNameInput == null ? null : displayNameInput.strip();
        if (name != null) {
            checkName(name, errors);
        }
        errors.throwIfAny();
        db.run(s -> {
            User u = s.get(User.class, userId);
            // Fields absent from the form stay as they are.
            if (name != null) {
                u.setDisplayName(name);
            }
            if (highContrast != null) {
                u.setHighContrast(highContrast);
            }
        });
    }

    public void changePassword(long userId, String current, String password, String repeat) {
        FormErrors errors = new FormErrors();
        checkNewPassword(password, repeat, errors);
        db.run(s -> {
            User u = s.get(User.class, userId);
            if (!hasher.verify(current == null ? "" : current, u.getPasswordHash())) {
                errors.add("current", "This is not your current password.");
            }
            errors.throwIfAny();
            u.setPasswordHash(hasher.hash(password));
            u.setMustChangePassword(false);
        });
    }

    /** Sends a confirmation link to the new address; the change happens when it is used. */
    public void requestEmailChange(long userId, String newEmailInput, String current) {
        String email = Emails.normalise(newEmailInput);
        FormErrors errors = new FormErrors();
        if (!Emails.isValid(email)) {
            errors.add("new_email", "Enter an e-mail address such as name@example.org.");
        } else if (!settings.registration().allows(email)) {
            errors.add("new_email", "Only addresses at " + String.join(", ", settings.registration().domains())
                    + " may be used.");
        }
        db.run(s -> {
            User u = s.get(User.class, userId);
            if (!hasher.verify(current == null ? "" : current, u.getPasswordHash())) {
                errors.add("email_current", "This is not your current password.");
            }
            if (!errors.has("new_email") && email.equals(u.getEmail())) {
                errors.add("new_email", "This is already your address.");
            }
            errors.throwIfAny();
            if (users.byEmail(s, email).isPresent()) {
                // Same answer as for a free address; the new address's owner is told instead.
                mails.send(s, "email-taken", email, u.getDisplayName(), Map.of());
                return;
            }
            String token = tokens.issue(s, u, TokenPurpose.CHANGE_EMAIL, email);
            Map<String, Object> model = new HashMap<>();
            model.put("url", url("/account/email/" + token));
            model.put("newEmail", email);
            mails.send(s, "change-email", email, u.getDisplayName(), model);
        });
    }

    public String confirmEmailChange(String token) {
        return db.inTransaction(s -> {
            AccountToken t = tokens.find(s, token, TokenPurpose.CHANGE_EMAIL, true).orElseThrow(TokenInvalid::new);
            if (users.byEmail(s, t.getNewEmail()).isPresent()) {
                throw new FormErrors.Invalid("email", "Another account uses " + t.getNewEmail() + " now.");
            }
            t.markUsed(Instant.now());
            t.getUser().setEmail(t.getNewEmail());
            return t.getNewEmail();
        });
    }

    /** Deletes one's own account and everything that belongs to it (foreign keys cascade). */
    public void deleteOwnAccount(long userId, String current) {
        db.run(s -> {
            User u = s.get(User.class, userId);
            if (!hasher.verify(current == null ? "" : current, u.getPasswordHash())) {
                throw new FormErrors.Invalid("current", "This is not your current password.");
            }
            if (u.isAdministrator() && u.getStatus() == UserStatus.ACTIVE && users.activeAdministrators(s) <= 1) {
                throw new FormErrors.Invalid("current", "You are the last administrator; make someone else an "
                        + "administrator first.");
            }
            s.remove(u);
        });
    }

    /** A snapshot of an account for views (no entity leaves a transaction). */
    public record AccountView(long id, String email, String displayName, String newEmail) {}

    /** The token is unknown, used, expired or for a blocked account. */
    public static final class TokenInvalid extends RuntimeException {
        public TokenInvalid() {
            super("This link is not valid any more: it was used already, or it expired.");
        }
    }

    void checkName(String name, FormErrors errors) {
        if (name.isEmpty()) {
            errors.add("display_name", "Enter the name others will see.");
        } else if (name.length() > MAX_NAME) {
            errors.add("display_name", "Use at most " + MAX_NAME + " characters.");
        }
    }

    static void checkNewPassword(String password, String repeat, FormErrors errors) {
        String problem = PasswordHasher.problem(password);
        if (problem != null) {
            errors.add("password", problem);
        } else if (!password.equals(repeat)) {
            errors.add("repeat", "The two passwords differ.");
        }
    }

    private String url(String path) {
        return mails.link(path);
    }
}
