package org.wte.enrolment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.hibernate.Session;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.config.Settings;
import org.wte.content.Part;
import org.wte.mail.Mail;
import org.wte.mail.MailTemplates;
import org.wte.mail.Outbox;

/**
 * Tells a module's members about a change, with a message the teacher writes: one mail per member who is
 * not blocked (in the module or as an account), written to the outbox in the caller's transaction, so a
 * change that rolls back mails no one. Template: templates/mail/module-change.ftl.
 */
public final class ModuleMailer {
    static final String TEMPLATE = "module-change";
    static final int SUBJECT_MAX = 255;

    private final Outbox outbox;
    private final MailTemplates templates;
    private final Settings settings;
    private final ModuleRoles roles;

    public ModuleMailer(Outbox outbox, MailTemplates templates, Settings settings, ModuleRoles roles) {
        this.outbox = outbox;
        this.templates = templates;
        this.settings = settings;
        this.roles = roles;
    }

    /**
     * One mail per member who is not blocked, for one change (a new change key each call). Returns how
     * many mails were written.
     */
    public int notifyMembers(Session s, Part module, String subject, String message) {
        return notifyMembers(s, module, UUID.randomUUID().toString(), subject, message);
    }

    /**
     * As above with the caller's key for the change (e.g. "timed-task:42"): calling again with the same key
     * writes no second mail to anyone (the outbox's dedup key is per change and recipient).
     */
    public int notifyMembers(Session s, Part module, String changeKey, String subject, String message) {
        return notifyMembers(s, module, changeKey, subject, message, java.util.EnumSet.allOf(Role.class));
    }

    /** As above, to the members of the given roles only. */
    public int notifyMembers(Session s, Part module, String changeKey, String subject, String message,
                             Set<Role> toRoles) {
        Part m = module.module();
        String key = "module-change:" + m.getId() + ":" + digest(changeKey) + ":";
        String url = settings.app().url() + "/parts/" + m.getId();
        Set<String> done = new HashSet<>(s.createQuery(
                        "select m.dedupKey from OutboxMail m where m.dedupKey like :k", String.class)
                .setParameter("k", key + "%").list());
        int written = 0;
        String messageHtml = org.wte.mail.MailMarkdown.toHtml(message == null ? "" : message.strip(),
                settings.app().url());
        for (ModuleRole role : roles.activeMembers(s, m)) {
            User u = role.getUser();
            if (!toRoles.contains(role.getRole()) || u.getStatus() == UserStatus.BLOCKED || done.contains(key + u.getId())) {
                continue;
            }
            Map<String, Object> model = new HashMap<>();
            model.put("name", u.getDisplayName());
            model.put("email", u.getEmail());
            model.put("site", settings.app().title());
            model.put("siteUrl", settings.app().url() + "/");
            model.put("module", oneLine(m.getTitle()));
            model.put("subject", oneLine(subject == null || subject.isBlank() ? "Changes in the module" : subject));
            model.put("message", message == null ? "" : message.strip());
            model.put("url", url);
            model.put("role", role.getRole().label());
            model.put("messageHtml", messageHtml);
            Mail mail = templates.render(TEMPLATE, u.getEmail(), model);
            mail = mail.withHtml(templates.renderHtml(TEMPLATE, model));
            if (mail.subject().length() > SUBJECT_MAX) {
                mail = new Mail(mail.recipient(), mail.subject().substring(0, SUBJECT_MAX - 1) + "…", mail.body(),
                        mail.html());
            }
            outbox.enqueue(s, mail, key + u.getId());
            written++;
        }
        return written;
    }

    /** No line breaks or other control characters in what goes into the subject line. */
    static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }

    private static String digest(String changeKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(changeKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
