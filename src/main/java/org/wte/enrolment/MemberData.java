package org.wte.enrolment;

import org.hibernate.Session;
import org.wte.content.Part;

/**
 * What a member has in a module besides the role (progress, files, answers…). Each feature that keeps
 * such data provides one; they are given to {@link EnrolmentService} and {@link ModuleMembers} in the
 * composition root, and run in the same transaction as the removal of the role, so that leaving or being
 * removed deletes the member's data in that module, and only in that module.
 */
public interface MemberData {
    /** Deletes everything this user has in the module (and the parts and pages below it). */
    void deleteFor(Session s, Part module, long userId);
}
