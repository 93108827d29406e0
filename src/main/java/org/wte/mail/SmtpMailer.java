package org.wte.mail;

import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.wte.config.Settings;

/** Sends one mail (plain text, optionally with an HTML alternative) through the [email] section's SMTP server. */
public class SmtpMailer {
    private final Settings.Email settings;
    private final Session session;

    public SmtpMailer(Settings.Email settings) {
        this.settings = settings;
        Properties p = new Properties();
        String protocol = settings.security().equals("ssl") ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", settings.host());
        p.put("mail." + protocol + ".port", String.valueOf(settings.port()));
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "20000");
        p.put("mail." + protocol + ".writetimeout", "20000");
        p.put("mail." + protocol + ".auth", String.valueOf(!settings.user().isEmpty()));
        if (settings.security().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (!settings.security().equals("none")) {
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(p);
    }

    public boolean enabled() {
        return settings.configured();
    }

    public void send(String recipient, String subject, String body) throws MessagingException {
        send(recipient, subject, body, null);
    }

    /** With {@code html}, a multipart/alternative mail: clients that show HTML show it, others the text. */
    public void send(String recipient, String subject, String body, String html) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.from()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        message.setSubject(subject, "UTF-8");
        if (html == null) {
            message.setText(body, "UTF-8");
        } else {
            jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
            text.setText(body, "UTF-8");
            jakarta.mail.internet.MimeBodyPart rich = new jakarta.mail.internet.MimeBodyPart();
            rich.setText(html, "UTF-8", "html");
            message.setContent(new jakarta.mail.internet.MimeMultipart("alternative", text, rich));
        }
        try (Transport transport = session.getTransport()) {
            if (settings.user().isEmpty()) {
                transport.connect();
            } else {
                transport.connect(settings.user(), settings.password());
            }
            message.saveChanges();
            transport.sendMessage(message, message.getAllRecipients());
        }
    }
}
