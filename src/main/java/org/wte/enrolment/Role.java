package org.wte.enrolment;

/** A member's role in one module. */
public enum Role {
    OWNER, TUTOR, STUDENT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
