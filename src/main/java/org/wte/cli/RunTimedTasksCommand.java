package org.wte.cli;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.wte.CompositionRoot;
import org.wte.config.Settings;
import org.wte.db.DataSources;
import org.wte.db.Database;
import org.wte.mail.OutboxSender;
import org.wte.mail.SmtpMailer;
import org.wte.timedtask.LazyTaskServices;
import org.wte.timedtask.RunSummary;
import org.wte.timedtask.TimedTaskRunner;
import org.wte.timedtask.TimedTaskTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Run by cron every minute on any number of hosts (DESIGN §7): carries out the timed actions that are due and
 * sends the mail outbox. A run with nothing due costs one query: no Hibernate, no web application.
 * Exit codes: 0 it ran (whatever the actions' outcomes), 2 bad settings, 3 no database, 4 schema behind.
 */
@Command(name = "run-timed-tasks", mixinStandardHelpOptions = true,
        description = {"Carry out the timed actions that are due and send waiting mails. Run it from cron every "
                + "minute; safe to run on many hosts at once.",
                "Exit codes: 0 ran, 2 bad settings, 3 database unreachable, 4 database schema older than this WTE."})
final class RunTimedTasksCommand implements Callable<Integer> {
    static final int NO_DATABASE = 3;
    static final int SCHEMA_BEHIND = 4;

    @Parameters(arity = "0..1", paramLabel = "CONFIG", description = "INI file; without it, the embedded defaults")
    Path config;

    @Option(names = "--max-seconds", paramLabel = "N", description = "claim no new work after N seconds, so that a "
            + "run never piles onto the next (default: [timed_tasks] max_seconds)")
    Integer maxSeconds;

    @Option(names = "--dry-run", description = "list what is due and change nothing")
    boolean dryRun;

    @Option(names = {"-v", "--verbose"}, description = "print one line per action")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "print nothing when there was nothing to do")
    boolean quiet;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        Settings settings = ConfigOption.load(config);
        if (maxSeconds != null && maxSeconds < 1) {
            System.err.println("wte run-timed-tasks: --max-seconds must be at least 1 (it was " + maxSeconds + ")");
            return Main.CONFIG_ERROR;
        }
        long deadline = started + (maxSeconds == null ? settings.timedTasks().maxSeconds() : maxSeconds) * 1_000_000_000L;
        HikariDataSource dataSource;
        try {
            dataSource = DataSources.createForRunner(settings.database());
        } catch (HikariPool.PoolInitializationException e) {
            System.err.println("wte run-timed-tasks: cannot reach the database " + settings.database().url() + ": "
                    + rootMessage(e) + ". Check that the database server runs and [database] url, user and password in "
                    + (config == null ? "the embedded defaults" : config) + ".");
            return NO_DATABASE;
        }
        try (dataSource; LazyTaskServices services = new LazyTaskServices(
                () -> new Database(dataSource, CompositionRoot.ENTITIES), settings)) {
            OutboxSender outbox = new OutboxSender(dataSource, new SmtpMailer(settings.email()), settings.timedTasks());
            TimedTaskRunner runner = new TimedTaskRunner(dataSource, TimedTaskTypes.standard(), services, outbox,
                    settings.timedTasks(), verbose ? System.out : null);
            if (dryRun) {
                List<String> due = runner.dueList(1000);
                due.forEach(System.out::println);
                System.out.println("wte run-timed-tasks --dry-run: " + due.size() + (due.size() == 1000 ? "+" : "")
                        + " action(s) due, " + outbox.dueCount() + " mail(s) due; nothing was changed");
                return 0;
            }
            if (!runner.due().any()) {
                runner.recordIdleRun();
                if (!quiet) {
                    System.out.println(new RunSummary().line(seconds(started)));
                }
                return 0;
            }
            RunSummary summary = runner.run(deadline);
            System.out.println(summary.line(seconds(started)));
            return 0;
        } catch (SQLException e) {
            if (isMissingTable(e)) {
                System.err.println("wte run-timed-tasks: the database schema is older than this WTE ("
                        + firstLine(e.getMessage()) + "); run `wte initialise-database"
                        + (config == null ? "" : " " + config) + "` first");
                return SCHEMA_BEHIND;
            }
            System.err.println("wte run-timed-tasks: the database failed during the run: " + e.getMessage()
                    + ". What was not committed will be done by the next run.");
            return NO_DATABASE;
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    /** MariaDB 1146 "table doesn't exist", 1054 "unknown column"; H2 42102, 42122. */
    private static boolean isMissingTable(SQLException e) {
        int code = e.getErrorCode();
        return code == 1146 || code == 1054 || code == 42102 || code == 42104 || code == 42122;
    }

    /** The driver's message without the SQL statement that H2 appends. */
    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int cut = m.indexOf("; SQL statement");
        return (cut > 0 ? m.substring(0, cut) : m).lines().findFirst().orElse("").strip();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
