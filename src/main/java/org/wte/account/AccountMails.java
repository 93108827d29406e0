package org.wte.account;

import java.util.HashMap;
import java.util.Map;

import org.hibernate.Session;
import org.wte.config.Settings;
import org.wte.mail.MailTemplates;
import org.wte.mail.Outbox;

/** The account mails (confirm, reset, e-mail change…): rendered from templates/mail, written to the outbox. */
public final class AccountMails {
    private final Outbox outbox;
    private final MailTemplates templates;
    private final Settings settings;

    public AccountMails(Outbox outbox, MailTemplates templates, Settings settings) {
        this.outbox = outbox;
        this.templates = templates;
        this.settings = settings;
    }

    public void send(Session s, String template, String recipient, String name, Map<String, ?> extra) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("name", name);
        model.put("email", recipient);
        model.put("site", settings.app().title());
        model.put("siteUrl", settings.app().url() + "/");
        model.put("hours", settings.registration().tokenHours());
        outbox.enqueue(s, templates.render(template, recipient, model));
    }

    /** An absolute link for a mail, from app.url (mails are built outside any request). */
    public String link(String path) {
        return settings.app().url() + path;
    }
}
