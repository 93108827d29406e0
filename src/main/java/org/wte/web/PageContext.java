package org.wte.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.wte.config.Settings;

/**
 * What the layout needs on every page: the base path for URLs, the site, who is logged in, the CSRF
 * token, flash messages. Templates reach it as "ctx".
 */
public record PageContext(String base, String siteTitle, String version, CurrentUser user, String csrf,
                          List<Flash.Message> flash, String path, boolean highContrast, ZoneId zone) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public static PageContext of(HttpServletRequest request) {
        Settings settings = WebContext.settings(request.getServletContext());
        CurrentUser user = CurrentUser.of(request);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return new PageContext(request.getContextPath(), settings.app().title(), Version.current(), user,
                Csrf.token(request), Flash.take(request), path, user != null && user.highContrast(),
                settings.app().timezone());
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
