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
 * X-CSRF-Token header; otherwise 403, and nothing changes.
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
                if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                    presented = request.getParameter(Csrf.FIELD);
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
}
