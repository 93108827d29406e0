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
        Part part = s.get(Part.class, id);
        if (part == null || part.getType() != PartType.MODULE) {
            throw new NotFoundException(NO_SUCH_MODULE);
        }
        return part;
    }

    /** The module, for someone who manages its users (owner, content administrator); 404 / 403 otherwise. */
    static Part managed(Session s, ContentAccess contentAccess, CurrentUser user, long id) {
        Part module = find(s, id);
        Access access = contentAccess.of(s, user, module);
        if (!access.view()) {
            throw new NotFoundException(NO_SUCH_MODULE);
        }
        if (!access.manageUsers()) {
            throw new ForbiddenException("Only the module's owners manage its users and access.");
        }
        return module;
    }

    /**
     * Locks the module's row until the transaction ends: changes of roles in one module happen one after
     * the other, so that two owners demoting each other at once cannot leave the module without one.
     */
    static void lock(Session s, Part module) {
        s.lock(module, LockModeType.PESSIMISTIC_WRITE);
    }
}
