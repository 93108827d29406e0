package org.wte.timedtask;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** One `wte run-timed-tasks` process: written by the runner, read by the admins' health page and banner. */
@Entity
@Immutable
@Table(name = "runner_run")
public class RunnerRun {
    /** Values of {@code outcome}. */
    public static final String RUNNING = "RUNNING";
    public static final String OK = "OK";
    public static final String ERROR = "ERROR";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 255)
    private String host;

    @Column(nullable = false)
    private long pid;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(nullable = false, length = 16)
    private String outcome;

    @Column(nullable = false)
    private int claimed;

    @Column(nullable = false)
    private int done;

    @Column(nullable = false)
    private int failed;

    @Column(nullable = false)
    private int retried;

    @Column(nullable = false)
    private int late;

    @Column(name = "mails_sent", nullable = false)
    private int mailsSent;

    @Column(length = 1000)
    private String message;

    protected RunnerRun() {}

    public Long getId() { return id; }
    public String getHost() { return host; }
    public long getPid() { return pid; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getEndedAt() { return endedAt; }
    public String getOutcome() { return outcome; }
    public int getClaimed() { return claimed; }
    public int getDone() { return done; }
    public int getFailed() { return failed; }
    public int getRetried() { return retried; }
    public int getLate() { return late; }
    public int getMailsSent() { return mailsSent; }
    public String getMessage() { return message; }
}
