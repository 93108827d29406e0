package org.wte.account;

/** The global permissions that groups grant. */
public final class Permission {
    public static final String ADMIN_USERS = "admin.users";
    public static final String ADMIN_OUTBOX = "admin.outbox";
    public static final String ADMIN_SYSTEM = "admin.system";
    public static final String MODULES_CREATE = "modules.create";
    public static final String MODULES_VIEW_ALL = "modules.view_all";
    public static final String MODULES_EDIT_ALL = "modules.edit_all";
    public static final String MODULES_DELETE_ALL = "modules.delete_all";

    private Permission() {}
}
