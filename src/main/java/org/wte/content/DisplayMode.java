package org.wte.content;

/** How a part shows its pages: text only, or text beside the three-pane HTML workspace. */
public enum DisplayMode {
    TEXT, WORKSPACE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
