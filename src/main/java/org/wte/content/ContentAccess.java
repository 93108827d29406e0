package org.wte.content;

import java.util.Optional;

import org.hibernate.Session;
import org.wte.account.Permission;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.Role;
import org.wte.web.CurrentUser;

/**
 * The rules of who may see and change content, in one place:
 * admins with the content permissions view, edit and delete everything; a module's owner edits, deletes
 * and manages its users; a tutor views everything in the module whatever its status but edits nothing;
 * a student sees available and archived content only, and only under available/archived ancestors; a
 * blocked member sees nothing of the module; anyone logged in sees an available module's page (with its
 * registration form); anonymous visitors see only the list of available modules.
 */
public final class ContentAccess {

    public Optional<ModuleRole> role(Session s, CurrentUser user, Part module) {
        if (user == null) {
            return Optional.empty();
        }
        return s.createQuery("from ModuleRole r where r.module = :m and r.user.id = :u", ModuleRole.class)
                .setParameter("m", module).setParameter("u", user.id()).uniqueResultOptional();
    }

    public Access of(Session s, CurrentUser user, Part part) {
        if (user == null) {
            return Access.NONE;
        }
        Part module = part.module();
        Optional<ModuleRole> role = role(s, user, module);
        return decide(user, part, role.orElse(null));
    }

    /** The decision itself, without the database: the role is the user's membership of the part's module. */
    public static Access decide(CurrentUser user, Part part, ModuleRole role) {
        if (user == null) {
            return Access.NONE;
        }
        boolean viewAll = user.can(Permission.MODULES_VIEW_ALL) || user.can(Permission.MODULES_EDIT_ALL);
        boolean editAll = user.can(Permission.MODULES_EDIT_ALL);
        boolean deleteAll = user.can(Permission.MODULES_DELETE_ALL);
        if (viewAll || editAll || deleteAll) {
            return new Access(true, editAll, deleteAll, editAll, true, role != null && !role.isBlocked());
        }
        if (role == null) {
            boolean availableModule = part.getType() == PartType.MODULE && part.getStatus() == PartStatus.AVAILABLE;
            return new Access(availableModule, false, false, false, false, false);
        }
        if (role.isBlocked()) {
            return Access.NONE;
        }
        return switch (role.getRole()) {
            case OWNER -> new Access(true, true, true, true, true, true);
            case TUTOR -> new Access(true, false, false, false, true, true);
            case STUDENT -> new Access(visibleToStudents(part), false, false, false, false, true);
        };
    }

    /** The node and every ancestor up to its module are available or archived. */
    public static boolean visibleToStudents(Part part) {
        for (Part p = part; p != null; p = p.getParent()) {
            if (!p.getStatus().visibleToStudents()) {
                return false;
            }
        }
        return true;
    }

    /** Whether a child is listed for a reader with this access to its parent. */
    public static boolean lists(Access parentAccess, Part child) {
        if (parentAccess.seesEverything()) {
            return true;
        }
        return parentAccess.member() && visibleToStudents(child);
    }

    public static boolean isOwner(ModuleRole role) {
        return role != null && !role.isBlocked() && role.getRole() == Role.OWNER;
    }
}
