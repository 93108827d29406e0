package org.wte.enrolment;

import java.util.List;

import org.wte.account.PasswordHasher;
import org.wte.content.ContentAccess;
import org.wte.content.Part;
import org.wte.db.Database;
import org.wte.web.CurrentUser;
import org.wte.web.FormErrors;

/** The owners' settings of who may register to a module: open, a password, e-mail domains. */
public final class ModuleAccessSettings {
    public static final int PASSWORD_MAX_LENGTH = PasswordHasher.MAX_LENGTH;

    private final Database db;
    private final ContentAccess contentAccess;
    private final PasswordHasher hasher;

    public ModuleAccessSettings(Database db, ContentAccess contentAccess, PasswordHasher hasher) {
        this.db = db;
        this.contentAccess = contentAccess;
        this.hasher = hasher;
    }

    /** The settings as the form shows them; the password itself is never shown, only whether one is set. */
    public record AccessForm(ModuleSummary module, boolean open, boolean hasPassword, String domains) {}

    public AccessForm form(CurrentUser user, long moduleId) {
        return db.inTransaction(s -> {
            Part module = Modules.managed(s, contentAccess, user, moduleId);
            ModuleAccess access = EnrolmentService.accessOf(s, moduleId);
            return new AccessForm(ModuleSummary.of(module), access.isOpen(), access.hasPassword(),
                    String.join(", ", access.domainList()));
        });
    }

    /**
     * Saves the settings. A blank new password keeps the current one; removePassword removes it.
     *
     * @throws FormErrors.Invalid with the fields "password" and "domains"
     */
    public void save(CurrentUser user, long moduleId, boolean open, String newPassword, boolean removePassword,
                     String domains) {
        FormErrors errors = new FormErrors();
        String password = newPassword == null ? "" : newPassword.strip();
        if (removePassword && !password.isEmpty()) {
            errors.add("password", "Either enter a new password or remove the password, not both.");
        } else if (password.length() > PASSWORD_MAX_LENGTH) {
            errors.add("password", "Use at most " + PASSWORD_MAX_LENGTH + " characters.");
        }
        List<String> domainList = List.of();
        try {
            domainList = ModuleAccess.parseDomains(domains);
        } catch (IllegalArgumentException e) {
            errors.add("domains", e.getMessage());
        }
        // Check the rights before telling anything about the input.
        db.inTransaction(s -> Modules.managed(s, contentAccess, user, moduleId));
        errors.throwIfAny();
        String hash = password.isEmpty() ? null : hasher.hash(password);
        List<String> chosen = domainList;
        db.run(s -> {
            Modules.managed(s, contentAccess, user, moduleId);
            ModuleAccess access = s.get(ModuleAccess.class, moduleId);
            if (access == null) {
                access = new ModuleAccess(moduleId);
                s.persist(access);
            }
            access.setOpen(open);
            if (removePassword) {
                access.setPasswordHash(null);
            } else if (hash != null) {
                access.setPasswordHash(hash);
            }
            access.setDomains(chosen);
        });
    }
}
