package org.wte.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.wte.CompositionRoot;
import org.wte.account.Permission;
import org.wte.config.Settings;
import org.wte.timedtask.RunnerHealth;

/**
 * What the layout needs on every page: the base path for URLs, the site, who is logged in, the CSRF
 * token, flash messages, and for administrators whether the timed-action runners have stalled (null when
 * not, or not an administrator). Templates reach it as "ctx".
 */
public record PageContext(String base, String siteTitle, String version, CurrentUser user, String csrf,
                          List<Flash.Message> flash, String path, boolean highContrast, ZoneId zone,
                          RunnerHealth.Stall runnerStall) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public static PageContext of(HttpServletRequest request) {
        CompositionRoot root = WebContext.root(request.getServletContext());
        Settings settings = root.settings();
        CurrentUser user = CurrentUser.of(request);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // Only administrators see the banner, and only they pay for its (cached) query.
        RunnerHealth.Stall stall = user != null && user.can(Permission.ADMIN_SYSTEM) ? root.runnerHealth().stall() : null;
        return new PageContext(request.getContextPath(), settings.app().title(), Version.current(), user,
                Csrf.token(request), Flash.take(request), path, user != null && user.highContrast(),
                settings.app().timezone(), stall);
    }

    /** An instant in the site's time zone, with its UTC offset, e.g. "2026-11-25 14:30 (UTC+01:00)". */
    public String when(Instant instant) {
        if (instant == null) {
            return "";
        }
        ZonedDateTime local = instant.atZone(zone);
        String offset = local.getOffset().getTotalSeconds() == 0 ? "UTC" : "UTC" + local.getOffset().getId();
        return WHEN.format(local) + " (" + offset + ")";
    }

    public boolean loggedIn() {
        return user != null;
    }

    public boolean can(String permission) {
        return user != null && user.can(permission);
    }
}
