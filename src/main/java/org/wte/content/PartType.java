package org.wte.content;

/** The three levels of the tree: a module holds parts, a part holds pages. */
public enum PartType {
    MODULE, PART, PAGE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The type of this level's children, or null for a page. */
    public PartType childType() {
        return switch (this) {
            case MODULE -> PART;
            case PART -> PAGE;
            case PAGE -> null;
        };
    }
}
