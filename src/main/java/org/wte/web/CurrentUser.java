package org.wte.web;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/** Who is making this request: a snapshot taken by {@link CurrentUserFilter}, never an entity. */
public record CurrentUser(long id, String email, String displayName, Set<String> permissions, boolean administrator,
                          boolean highContrast, boolean mustChangePassword) {
    static final String ATTRIBUTE = "wte.currentUser";
    public static final String SESSION_USER_ID = "wte.userId";

    public boolean can(String permission) {
        return permissions.contains(permission);
    }

    /** The logged-in user, or null for an anonymous visitor. */
    public static CurrentUser of(HttpServletRequest request) {
        return (CurrentUser) request.getAttribute(ATTRIBUTE);
    }
}
