package org.wte.enrolment;

import org.wte.content.Part;

/** What a page says about a module: its id, title and status (a snapshot, safe outside the session). */
public record ModuleSummary(long id, String title, String status) {
    public static ModuleSummary of(Part module) {
        return new ModuleSummary(module.getId(), module.getTitle(), module.getStatus().label());
    }
}
