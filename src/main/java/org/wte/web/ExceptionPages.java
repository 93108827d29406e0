package org.wte.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns every exception that leaves a resource into an error page; never a stack trace to the browser. */
@Provider
public final class ExceptionPages implements ExceptionMapper<Throwable> {
    @Context
    private HttpServletRequest request;

    @Override
    public Response toResponse(Throwable error) {
        int status;
        String message = null;
        if (error instanceof WebApplicationException web && web.getResponse().getStatus() / 100 == 3) {
            return web.getResponse();
        }
        RequestLimitsFilter.TooLarge tooLarge = causeOfType(error, RequestLimitsFilter.TooLarge.class);
        if (tooLarge != null) {
            // A chunked body went past max_request_size while Jersey read it (an upload).
            status = 413;
            message = tooLarge.message();
        } else if (error instanceof WebApplicationException web) {
            status = web.getResponse().getStatus();
            if (status >= 500) {
                message = "The error has been logged as " + ErrorPages.logUnexpected(request, error)
                        + "; please quote this id if you report it.";
            } else if (web.getCause() == null && web.getMessage() != null && !web.getMessage().startsWith("HTTP ")) {
                message = web.getMessage();
            }
        } else if (isConcurrentChange(error)) {
            // Two saves of the same row at once (versioned entities): the later one is refused, not lost.
            status = 409;
            message = ErrorPages.defaultMessage(409);
        } else if (error instanceof FormErrors.Invalid invalid) {
            status = 400;
            message = String.join(" ", invalid.errors().asMap().values());
        } else {
            status = 500;
            message = "The error has been logged as " + ErrorPages.logUnexpected(request, error)
                    + "; please quote this id if you report it.";
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(ErrorPages.view(status, message)).build();
    }

    private static <T extends Throwable> T causeOfType(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean isConcurrentChange(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
