package org.wte.content;

/**
 * What one user may do with one node of the content tree. Computed by {@link ContentAccess}; resources
 * ask it before anything else and answer 404 (not visible) or 403 (visible but not allowed).
 */
public record Access(boolean view, boolean edit, boolean delete, boolean manageUsers, boolean seesEverything,
                     boolean member) {
    public static final Access NONE = new Access(false, false, false, false, false, false);
}
