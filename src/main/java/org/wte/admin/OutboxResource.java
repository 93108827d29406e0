package org.wte.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.wte.account.Permission;
import org.wte.config.Settings;
import org.wte.db.Database;
import org.wte.mail.Outbox;
import org.wte.mail.OutboxMail;
import org.wte.web.Access;
import org.wte.web.QueryParams;
import org.wte.web.View;

/**
 * The mail outbox for administrators: what was sent, what waits, what failed and why. With no SMTP
 * server configured this is where confirmation links can be read.
 */
@Path("/admin/outbox")
@Produces(MediaType.TEXT_HTML)
public final class OutboxResource {
    private static final int PAGE_SIZE = 50;
    private final Database db;
    private final Outbox outbox;
    private final Settings settings;

    @Context
    private HttpServletRequest request;

    public OutboxResource(Database db, Outbox outbox, Settings settings) {
        this.db = db;
        this.outbox = outbox;
        this.settings = settings;
    }

    public record MailRow(long id, String recipient, String subject, String status, int attempts,
                          java.time.Instant createdAt, java.time.Instant sentAt, String lastError, String body) {}

    @GET
    public View list(@QueryParam("page") String pageParam) {
        Access.requirePermission(request, Permission.ADMIN_OUTBOX);
        int page = QueryParams.page(pageParam);
        return db.inTransaction(s -> {
            long total = outbox.count(s);
            int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
            int p = Math.min(page, pages);
            return View.of("admin/outbox.ftlh")
                    .with("mails", outbox.recent(s, (p - 1) * PAGE_SIZE, PAGE_SIZE).stream().map(OutboxResource::row).toList())
                    .with("page", p).with("pages", pages).with("total", total)
                    .with("smtp", settings.email().configured());
        });
    }

    @GET
    @Path("{id}")
    public View mail(@PathParam("id") String id) {
        Access.requirePermission(request, Permission.ADMIN_OUTBOX);
        long mailId = AdminUsersResource.parseId(id);
        return db.inTransaction(s -> {
            OutboxMail mail = s.get(OutboxMail.class, mailId);
            if (mail == null) {
                throw new NotFoundException("There is no mail #" + mailId + " in the outbox.");
            }
            return View.of("admin/mail.ftlh").with("mail", row(mail));
        });
    }

    private static MailRow row(OutboxMail m) {
        return new MailRow(m.getId(), m.getRecipient(), m.getSubject(), m.getStatus().label(), m.getAttempts(),
                m.getCreatedAt(), m.getSentAt(), m.getLastError(), m.getBodyText());
    }
}
