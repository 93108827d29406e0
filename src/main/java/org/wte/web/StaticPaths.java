package org.wte.web;

import jakarta.servlet.http.HttpServletRequest;

/** Static files (webapp/static) and WebJars: no user, no session, cacheable. */
final class StaticPaths {
    private StaticPaths() {}

    static boolean isStatic(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/static/") || path.startsWith("/webjars/");
    }
}
