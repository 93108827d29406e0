package org.wte.enrolment;

import jakarta.persistence.LockModeType;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import org.hibernate.Session;
import org.wte.content.Access;
import org.wte.content.ContentAccess;
import org.wte.content.Part;
import org.wte.content.PartType;
import org.wte.web.CurrentUser;

/** Finding the module of a request: 404 when there is none (or the reader may not see it), 403 when not allowed. */
final class Modules {
    static final String NO_SUCH_MODULE = "There is no such module.";

    private Modules() {}

    /** The module with this id; 404 for anything else (a part, a page, nothing). */
    static Part find(Session s, long id) {
        return check(s.get(Part.class, id));
    }

    /**
     * The module, its row locked until the transaction ends: changes of roles in one module happen one after
     * the other, so that two owners demoting each other at once cannot leave the module without an owner.
     * Locked when first read (not later), so that a concurrent edit of the module is no version conflict.
     */
    static Part findLocked(Session s, long id) {
        return check(s.find(Part.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    private static Part check(Part part) {
        if (part == null || part.getType() != PartType.MODULE) {
            throw new NotFoundException(NO_SUCH_MODULE);
        }
        return part;
    }

    /** The module, for someone who manages its users (owner, content administrator); 404 / 403 otherwise. */
    static Part managed(Session s, ContentAccess contentAccess, CurrentUser user, long id) {
        return managed(s, contentAccess, user, find(s, id));
    }

    /** As {@link #managed(Session, ContentAccess, CurrentUser, long)}, with the module's row locked. */
    static Part managedLocked(Session s, ContentAccess contentAccess, CurrentUser user, long id) {
        return managed(s, contentAccess, user, findLocked(s, id));
    }

    private static Part managed(Session s, ContentAccess contentAccess, CurrentUser user, Part module) {
        Access access = contentAccess.of(s, user, module);
        if (!access.view()) {
            throw new NotFoundException(NO_SUCH_MODULE);
        }
        if (!access.manageUsers()) {
            throw new ForbiddenException("Only the module's owners manage its users and access.");
        }
        return module;
    }
}
