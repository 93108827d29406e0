package org.wte.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses a request body larger than [uploads] max_request_size with 413, before anything reads it.
 * A body without Content-Length is limited by the connector's maxPostSize and Tomcat's FailedRequestFilter.
 */
public final class RequestLimitsFilter extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long limit = WebContext.settings(getServletContext()).uploads().maxRequestSize();
        if (request.getContentLengthLong() > limit) {
            ErrorPages.send(request, response, 413, "The data sent is too large: at most " + readable(limit)
                    + " per request.");
            return;
        }
        String method = request.getMethod();
        if ((method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) && request.getContentType() == null) {
            ErrorPages.send(request, response, 415, "The data sent does not say what it is (no Content-Type).");
            return;
        }
        chain.doFilter(request, response);
    }

    static String readable(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MB";
        }
        return bytes >= 1024 && bytes % 1024 == 0 ? (bytes >> 10) + " KB" : bytes + " bytes";
    }
}
