package org.wte.content;

/** available: students see it; unavailable: only editors and tutors; archived (modules only): read-only for students. */
public enum PartStatus {
    AVAILABLE, UNAVAILABLE, ARCHIVED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** What a student may see: available and archived content. */
    public boolean visibleToStudents() {
        return this != UNAVAILABLE;
    }
}
