package org.wte.timedtask;

import java.util.Locale;

/** The counts of one run: printed as its one summary line and kept in its runner_run row. */
public final class RunSummary {
    /** A run this much after its due time counts as late (cron runs every minute). */
    static final long LATE_AFTER_SECONDS = 120;

    int claimed;
    int done;
    int failed;
    int retried;
    int late;
    int mailsSent;
    int mailsFailed;
    /** Mails that wait while no SMTP server is configured. */
    int mailsWaiting;
    /** One line per action, printed with --verbose once its transaction has committed. */
    final java.util.List<String> lines = new java.util.ArrayList<>();

    public int claimed() { return claimed; }
    public int done() { return done; }
    public int failed() { return failed; }
    public int retried() { return retried; }
    public int late() { return late; }
    public int mailsSent() { return mailsSent; }

    void countLateness(ClaimedTask t) {
        if (t.lateSeconds() > LATE_AFTER_SECONDS) {
            late++;
        }
    }

    public String line(double seconds) {
        String line = String.format(Locale.ROOT, "wte run-timed-tasks: claimed %d, done %d, failed %d, retried %d, "
                + "late %d, mails sent %d, %.2f s", claimed, done, failed, retried, late, mailsSent, seconds);
        if (mailsFailed > 0) {
            line += " (" + mailsFailed + " mail(s) failed, will be retried)";
        }
        if (mailsWaiting > 0) {
            line += " (" + mailsWaiting + " mail(s) wait: no SMTP server is configured in [email] host)";
        }
        return line;
    }
}
