package org.wte.timedtask;

import org.wte.db.Database;
import org.wte.enrolment.ModuleMailer;

/**
 * The heavier parts that outside-effect types use (Hibernate, the mailer). The runner builds them on first use
 * only: a run with only database effects, or nothing due, never pays for them (DESIGN §7.7).
 */
public interface TaskServices {
    Database database();

    ModuleMailer mailer();
}
