package org.wte.web;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every state-changing request must carry the session's CSRF token, in the form field _csrf or the
 * X-CSRF-Token header; otherwise 403, and nothing changes. A multipart/form-data body (an upload) is
 * not read here: its token comes from the header or from a _csrf query parameter (the upload forms put
 * it in their action, so that uploads work without JavaScript).
 */
public final class CsrfFilter extends HttpFilter {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!SAFE.contains(request.getMethod())) {
            String presented = request.getHeader(Csrf.HEADER);
            if (presented == null) {
                String type = request.getContentType();
                String lower = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("application/x-www-form-urlencoded")) {
                    presented = request.getParameter(Csrf.FIELD);
                } else if (lower.startsWith("multipart/form-data")) {
                    presented = queryParameter(request.getQueryString(), Csrf.FIELD);
                }
            }
            if (!Csrf.matches(request, presented)) {
                ErrorPages.send(request, response, 403, "This form has expired or did not come from WTE. "
                        + "Go back, reload the page and try again.");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * One parameter of the query string, read without request.getParameter(), which on a multipart request
     * could start reading the body. Null when absent or given more than once.
     */
    static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        String found = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (java.net.URLDecoder.decode(key, java.nio.charset.StandardCharsets.UTF_8).equals(name)) {
                    if (found != null) {
                        return null;
                    }
                    found = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                            java.nio.charset.StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                return null;   // a malformed %-escape
            }
        }
        return found;
    }
}
