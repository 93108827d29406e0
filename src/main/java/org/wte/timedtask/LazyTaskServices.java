package org.wte.timedtask;

import java.util.function.Supplier;

import org.wte.config.Settings;
import org.wte.db.Database;
import org.wte.enrolment.ModuleMailer;
import org.wte.enrolment.ModuleRoles;
import org.wte.mail.MailTemplates;
import org.wte.mail.Outbox;

/**
 * The runner's {@link TaskServices}: Hibernate is bootstrapped on first use only (seconds, DESIGN §7.7), and the
 * mailer only queues: the runner drains the outbox itself, in the open, before it exits.
 */
public final class LazyTaskServices implements TaskServices, AutoCloseable {
    private final Supplier<Database> databaseFactory;
    private final Settings settings;
    private Database database;
    private ModuleMailer mailer;

    public LazyTaskServices(Supplier<Database> databaseFactory, Settings settings) {
        this.databaseFactory = databaseFactory;
        this.settings = settings;
    }

    @Override
    public synchronized Database database() {
        if (database == null) {
            database = databaseFactory.get();
        }
        return database;
    }

    @Override
    public synchronized ModuleMailer mailer() {
        if (mailer == null) {
            mailer = new ModuleMailer(Outbox.queueOnly(), new MailTemplates(), settings, new ModuleRoles());
        }
        return mailer;
    }

    @Override
    public synchronized void close() {
        if (database != null) {
            database.close();
        }
    }
}
