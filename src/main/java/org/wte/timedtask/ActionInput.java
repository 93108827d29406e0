package org.wte.timedtask;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * What the form of a timed action sent: the date and time as typed in the configured zone, the UTC offset chosen
 * for a time that happens twice, every field (the type reads its options from them), and which button was
 * pressed: Schedule, or Save as draft.
 */
public record ActionInput(String date, String time, String offset, MultivaluedMap<String, String> fields,
                          boolean schedule) {

    /** No date and no time at all: a draft may be saved so, a scheduled action may not. */
    public boolean noTime() {
        return (date == null || date.isBlank()) && (time == null || time.isBlank());
    }
}
