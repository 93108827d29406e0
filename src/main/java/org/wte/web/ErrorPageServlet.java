package org.wte.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The container's error dispatch (web.xml error-page): errors Tomcat raises itself, in the site's layout. */
public final class ErrorPageServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Throwable error = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String message = null;
        if (error != null) {
            status = 500;
            message = "The error has been logged as " + ErrorPages.logUnexpected(request, error)
                    + "; please quote this id if you report it.";
        }
        ErrorPages.send(request, response, status, message);
    }
}
