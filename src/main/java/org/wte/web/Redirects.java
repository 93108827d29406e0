package org.wte.web;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;

/** Redirects inside the application, built from the context path; return_to only ever stays inside. */
public final class Redirects {
    private Redirects() {}

    /** 303 See Other to a path inside the app, e.g. "/profile". */
    public static Response to(HttpServletRequest request, String path) {
        return Response.seeOther(URI.create(request.getContextPath() + path)).build();
    }

    /**
     * A return_to value is used only if it is a path inside the app: it starts with a single "/", has no
     * backslash, no scheme, no control characters. Anything else falls back to "/".
     */
    public static String safeReturnTo(String returnTo) {
        if (returnTo == null || returnTo.isEmpty() || returnTo.length() > 1000 || !returnTo.startsWith("/")
                || returnTo.startsWith("//") || returnTo.contains("\\") || returnTo.contains("..")
                || returnTo.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return "/";
        }
        return returnTo;
    }
}
