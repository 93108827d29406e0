package org.wte.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.wte.account.Permission;
import org.wte.db.Database;
import org.wte.timedtask.TimedTaskOverview;
import org.wte.web.Access;
import org.wte.web.View;

/**
 * Timed actions across every module, for administrators (admin.system): is cron running `wte run-timed-tasks`
 * on each host, what is due and waits, and what failed.
 */
@Path("/admin/timed-actions")
@Produces(MediaType.TEXT_HTML)
public final class AdminTimedTasksResource {
    private final Database db;
    private final TimedTaskOverview overview;

    @Context
    private HttpServletRequest request;

    public AdminTimedTasksResource(Database db, TimedTaskOverview overview) {
        this.db = db;
        this.overview = overview;
    }

    @GET
    public View show() {
        Access.requirePermission(request, Permission.ADMIN_SYSTEM);
        return View.of("admin/timed-actions.ftlh").with("overview", db.inTransaction(overview::overview));
    }
}
