package org.wte.progress;

import java.time.Instant;
import java.util.Optional;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import org.hibernate.Session;
import org.wte.content.ContentAccess;
import org.wte.content.Part;
import org.wte.content.PartType;
import org.wte.content.Parts;
import org.wte.enrolment.ModuleRole;
import org.wte.web.CurrentUser;

/**
 * The time-on-page beacons of time-on-page.js: a student's active seconds on a page, checked and added.
 */
public final class TimeBeacons {
    /**
     * The most one beacon may carry. The script sends at least every minute (and on leaving the page) and
     * counts at most one second per second, so a real beacon holds about 60; twice that leaves room for a
     * late timer. A larger number is refused, not clamped: it is not from the script, and clamping would
     * still let a forged request add time.
     */
    public static final int MAX_SECONDS = 120;

    private final Parts parts;
    private final ContentAccess access;
    private final PageVisits visits;

    public TimeBeacons(Parts parts, ContentAccess access, PageVisits visits) {
        this.parts = parts;
        this.access = access;
        this.visits = visits;
    }

    /** The seconds a beacon carries: a whole number from 1 to {@link #MAX_SECONDS}; 400 with a message otherwise. */
    public static int seconds(String text) {
        int n;
        try {
            n = Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException("The seconds must be a whole number from 1 to " + MAX_SECONDS + ".");
        }
        if (n < 1 || n > MAX_SECONDS) {
            throw new BadRequestException("The seconds must be from 1 to " + MAX_SECONDS + " in one report; got " + n + ".");
        }
        return n;
    }

    /**
     * Adds the seconds to the student's time on the page. 404 when the user cannot see the page (not a member,
     * blocked, hidden) or it is not a page; 403 when they see it but are not a student of the module (teachers'
     * previews do not count).
     */
    public void record(Session s, CurrentUser user, long pageId, int seconds) {
        Part page = parts.byId(s, pageId).orElseThrow(() -> new NotFoundException("There is no such page."));
        Optional<ModuleRole> role = access.role(s, user, page.module());
        if (!ContentAccess.decide(user, page, role.orElse(null)).view()) {
            throw new NotFoundException("There is no such page.");
        }
        if (page.getType() != PartType.PAGE) {
            throw new NotFoundException("Time is counted on pages only, not on a " + page.getType().label() + ".");
        }
        if (!PartProgress.isStudent(role)) {
            throw new ForbiddenException("Only the time of the module's students is counted; a teacher's or "
                    + "tutor's preview is not.");
        }
        visits.addSeconds(s, user.id(), pageId, seconds, Instant.now());
    }
}
