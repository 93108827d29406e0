package org.wte.help;

/** Who a help topic is written for: the index groups topics by it. */
public enum Audience {
    STUDENTS("For students"),
    TEACHERS("For teachers"),
    ADMINISTRATORS("For administrators");

    private final String heading;

    Audience(String heading) {
        this.heading = heading;
    }

    public String heading() {
        return heading;
    }
}
