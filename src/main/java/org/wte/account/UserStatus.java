package org.wte.account;

/** unconfirmed: registered, e-mail not confirmed yet; active: may log in; blocked: sees nothing. */
public enum UserStatus {
    UNCONFIRMED, ACTIVE, BLOCKED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
