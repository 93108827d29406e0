package org.wte.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariDataSource;
import org.wte.config.Settings;
import org.wte.db.DataSources;
import org.wte.mail.OutboxSender;
import org.wte.mail.SmtpMailer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Run by cron every minute on any number of hosts: sends what waits in the mail outbox (claimed with
 * row locks, so concurrent runs never send a mail twice). Plain JDBC: an idle run stays cheap.
 */
@Command(name = "run-timed-tasks", mixinStandardHelpOptions = true,
        description = "Carry out what is due: send waiting mails from the outbox. Safe to run on many hosts at once.")
final class RunTimedTasksCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "CONFIG", description = "INI file; without it, the embedded defaults")
    Path config;

    @Option(names = "--max-seconds", description = "stop taking new work after this many seconds "
            + "(default: [timed_tasks] max_seconds)")
    Integer maxSeconds;

    @Option(names = {"-q", "--quiet"}, description = "print nothing when there was nothing to do")
    boolean quiet;

    @Override
    public Integer call() {
        Settings settings = ConfigOption.load(config);
        long deadline = System.nanoTime() + (maxSeconds == null ? settings.timedTasks().maxSeconds() : maxSeconds) * 1_000_000_000L;
        try (HikariDataSource dataSource = DataSources.create(new Settings.Database(settings.database().url(),
                settings.database().user(), settings.database().password(), 2), "wte-runner")) {
            OutboxSender sender = new OutboxSender(dataSource, new SmtpMailer(settings.email()), settings.timedTasks());
            int due = sender.dueCount();
            if (due == 0) {
                if (!quiet) {
                    System.out.println("Nothing due.");
                }
                return 0;
            }
            if (!sender.enabled()) {
                System.out.println(due + " mail(s) wait in the outbox, but no SMTP server is configured ([email] host).");
                return 0;
            }
            int sent = 0;
            int failed = 0;
            while (System.nanoTime() < deadline) {
                OutboxSender.Result r = sender.sendDue(settings.timedTasks().batchSize());
                sent += r.sent();
                failed += r.failed();
                if (r.sent() + r.failed() == 0) {
                    break;
                }
            }
            System.out.println("Mail: " + sent + " sent, " + failed + " failed (will be retried or given up after "
                    + settings.timedTasks().maxAttempts() + " attempts).");
            return failed > 0 && sent == 0 ? 1 : 0;
        }
    }
}
