package org.wte.timedtask;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One attempt at a timed action, written by the runner (native SQL); the web app only reads it. */
@Entity
@Immutable
@Table(name = "timed_task_run")
public class TimedTaskRun {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "task_id", nullable = false)
    private TimedTask task;

    @Column(nullable = false)
    private int attempt;

    @Column(nullable = false, length = 255)
    private String host;

    @Column(nullable = false)
    private long pid;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "late_seconds", nullable = false)
    private long lateSeconds;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private RunOutcome outcome;

    @Column(length = 1000)
    private String message;

    protected TimedTaskRun() {}

    public Long getId() { return id; }
    public TimedTask getTask() { return task; }
    public int getAttempt() { return attempt; }
    public String getHost() { return host; }
    public long getPid() { return pid; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getEndedAt() { return endedAt; }
    public long getLateSeconds() { return lateSeconds; }
    public RunOutcome getOutcome() { return outcome; }
    public String getMessage() { return message; }
}
