package org.wte.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Who may see a page: anonymous visitors are sent to log in (and back), others without the right get 403. */
public final class Access {
    private Access() {}

    public static CurrentUser requireUser(HttpServletRequest request) {
        CurrentUser user = CurrentUser.of(request);
        if (user == null) {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            String query = request.getQueryString();
            String back = request.getMethod().equals("GET") ? path + (query == null ? "" : "?" + query) : "/";
            throw new WebApplicationException(Response.seeOther(URI.create(request.getContextPath()
                    + "/account/login?return_to=" + URLEncoder.encode(back, StandardCharsets.UTF_8))).build());
        }
        return user;
    }

    public static CurrentUser requirePermission(HttpServletRequest request, String permission) {
        CurrentUser user = requireUser(request);
        if (!user.can(permission)) {
            throw new ForbiddenException("Your account does not have the rights for this page.");
        }
        return user;
    }
}
