package org.wte.account;

/** What an e-mailed token lets its holder do, once. */
public enum TokenPurpose {
    CONFIRM, RESET, CHANGE_EMAIL
}
