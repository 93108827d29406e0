package org.wte.quiz;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The choices ticked for one question: indexes from 0, stored as "0,2" (ascending, each once). */
public record ChoiceSet(SortedSet<Integer> indexes) {
    public ChoiceSet {
        indexes = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(indexes));
    }

    public static ChoiceSet of(java.util.Collection<Integer> indexes) {
        return new ChoiceSet(new TreeSet<>(indexes));
    }

    /** The stored form back; an empty or unreadable string is no choice. */
    public static ChoiceSet parse(String stored) {
        TreeSet<Integer> set = new TreeSet<>();
        if (stored != null) {
            for (String piece : stored.split(",")) {
                if (!piece.isBlank()) {
                    try {
                        set.add(Integer.parseInt(piece.strip()));
                    } catch (NumberFormatException e) {
                        // not written by WTE: ignored rather than failing a page
                    }
                }
            }
        }
        return new ChoiceSet(set);
    }

    public String stored() {
        return indexes.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    public List<Integer> list() {
        return List.copyOf(indexes);
    }

    public boolean isEmpty() {
        return indexes.isEmpty();
    }

    /** Right when exactly the correct choices are ticked (all of them, and no other). */
    public boolean matches(java.util.Set<Integer> correct) {
        return indexes.equals(new TreeSet<>(correct));
    }

    /** For people: "2. text; 3. text" (numbered from 1, as the page shows them). */
    public String shown(List<String> texts) {
        return indexes.stream().map(i -> (i + 1) + ". " + (i < texts.size() ? texts.get(i) : "?"))
                .collect(Collectors.joining("; "));
    }
}
