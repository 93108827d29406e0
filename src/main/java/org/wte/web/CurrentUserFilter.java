package org.wte.web;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.wte.CompositionRoot;
import org.wte.account.User;
import org.wte.account.UserStatus;

/**
 * Loads the logged-in user (from the session's user id) once per request. A deleted or blocked user is
 * logged out at once; a user with a one-time password is sent to change it before anything else.
 */
public final class CurrentUserFilter extends HttpFilter {
    public static final String ONE_TIME_PASSWORD_NOTICE =
            "Choose your own password before you go on: the one you were given works once.";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (StaticPaths.isStatic(request)) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession session = request.getSession(false);
        Long userId = session == null ? null : (Long) session.getAttribute(CurrentUser.SESSION_USER_ID);
        if (userId != null) {
            CompositionRoot root = WebContext.root(getServletContext());
            CurrentUser current = root.database().inTransaction(s -> {
                User u = s.get(User.class, userId);
                if (u == null || u.getStatus() != UserStatus.ACTIVE) {
                    return null;
                }
                Set<String> permissions = new HashSet<>();
                u.getGroups().forEach(g -> permissions.addAll(g.getPermissions()));
                return new CurrentUser(u.getId(), u.getEmail(), u.getDisplayName(), Set.copyOf(permissions),
                        u.isAdministrator(), u.isHighContrast(), u.isMustChangePassword());
            });
            if (current == null) {
                session.removeAttribute(CurrentUser.SESSION_USER_ID);
            } else {
                request.setAttribute(CurrentUser.ATTRIBUTE, current);
                if (current.mustChangePassword() && request.getMethod().equals("GET")
                        && !path.equals("/profile/password")) {
                    Flash.info(request, ONE_TIME_PASSWORD_NOTICE);
                    response.sendRedirect(request.getContextPath() + "/profile/password");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
