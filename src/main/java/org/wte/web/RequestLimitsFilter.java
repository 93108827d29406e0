package org.wte.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Refuses a request body larger than [uploads] max_request_size with 413, before anything reads it. */
public final class RequestLimitsFilter extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long limit = WebContext.settings(getServletContext()).uploads().maxRequestSize();
        if (request.getContentLengthLong() > limit) {
            ErrorPages.send(request, response, 413, "The data sent is too large: at most "
                    + (limit >> 20) + " MB per request.");
            return;
        }
        chain.doFilter(request, response);
    }
}
