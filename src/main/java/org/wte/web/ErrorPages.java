package org.wte.web;

import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Error pages in the site's layout, with the right status; a 500 is logged with an id the user can quote. */
public final class ErrorPages {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    private ErrorPages() {}

    public static String title(int status) {
        return switch (status) {
            case 400 -> "The request could not be understood";
            case 403 -> "You may not do this";
            case 404 -> "Page not found";
            case 405 -> "Not possible at this address";
            case 409 -> "Conflict";
            case 413 -> "Too large";
            case 415 -> "Unsupported data";
            default -> status >= 500 ? "Something went wrong" : "Request refused";
        };
    }

    public static String defaultMessage(int status) {
        return switch (status) {
            case 400 -> "Check what you entered and try again.";
            case 403 -> "Your account does not have the rights for this page.";
            case 404 -> "There is no page at this address. It may have been moved or deleted.";
            case 405 -> "This address does not accept this kind of request.";
            case 409 -> "Someone changed this in the meantime. Reload the page and try again.";
            case 413 -> "The data sent is too large.";
            case 415 -> "This address does not accept data of this kind.";
            default -> "The request was refused.";
        };
    }

    /** Logs an unexpected error and returns the id shown to the user. */
    public static String logUnexpected(HttpServletRequest request, Throwable error) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("error {} on {} {}", id, request == null ? "?" : request.getMethod(),
                request == null ? "?" : request.getRequestURI(), error);
        return id;
    }

    public static View view(int status, String message) {
        return View.of("error.ftlh").with("status", status).with("title", title(status))
                .with("message", message == null ? defaultMessage(status) : message);
    }

    /** Writes an error page from outside Jersey (filters, the container's error dispatch). */
    public static void send(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("text/html; charset=UTF-8");
        View view = view(status, message);
        Map<String, Object> model = new HashMap<>(view.model());
        StringWriter page = new StringWriter();
        try {
            model.put("ctx", PageContext.of(request));
            WebContext.root(request.getServletContext()).templates().render(view.template(), model, page);
        } catch (RuntimeException | IOException e) {
            // Even the error page failed (e.g. WTE did not start): plain text, still no stack trace.
            response.setContentType("text/plain; charset=UTF-8");
            response.getWriter().write(status + " " + title(status) + "\n" + view.model().get("message") + "\n");
            return;
        }
        response.getWriter().write(page.toString());
    }
}
