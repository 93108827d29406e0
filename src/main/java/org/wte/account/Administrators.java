package org.wte.account;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

import org.wte.db.Database;

/** Creates administrators: the first one at the first start, more with `wte create-admin`. */
public final class Administrators {
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private final Database db;
    private final Users users;
    private final PasswordHasher hasher;

    public Administrators(Database db, Users users, PasswordHasher hasher) {
        this.db = db;
        this.users = users;
        this.hasher = hasher;
    }

    /** If no active administrator exists, creates one with a generated one-time password and returns it. */
    public Optional<String> ensureOne(String email) {
        return db.inTransaction(s -> {
            if (users.activeAdministrators(s) > 0) {
                return Optional.empty();
            }
            String password = generatePassword();
            makeAdministrator(s, email, password, true);
            return Optional.of(password);
        });
    }

    /**
     * Makes the address an active administrator with this password (an existing account is promoted
     * and gets the new password). A generated password must be changed at the first login.
     */
    public void create(String email, String password, boolean oneTime) {
        db.run(s -> makeAdministrator(s, email, password, oneTime));
    }

    private void makeAdministrator(org.hibernate.Session s, String email, String password, boolean oneTime) {
        User user = users.byEmail(s, email).orElseGet(() -> {
            User u = new User(email, "Administrator", UserStatus.ACTIVE, Instant.now());
            s.persist(u);
            return u;
        });
        user.setStatus(UserStatus.ACTIVE);
        user.setPasswordHash(hasher.hash(password));
        user.setMustChangePassword(oneTime);
        user.getGroups().add(users.group(s, PermissionGroup.ADMINISTRATOR));
    }

    public static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
