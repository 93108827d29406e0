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
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.wte.content.Part;

/**
 * What a part will do at an instant. The web app writes it; the runner claims it with native SQL (DESIGN §7)
 * and bumps {@code version} whenever it changes a row, so a form loaded before the runner took the action
 * cannot overwrite what the runner did.
 */
@Entity
@Table(name = "timed_task")
public class TimedTask {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** Null once the part is deleted. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "part_id")
    private Part part;

    @Column(nullable = false, length = 64)
    private String type;

    /** The type's options as a JSON object of strings ({@link TaskOptions}). */
    @Column(nullable = false, columnDefinition = "longtext")
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    private String options;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private TimedTaskStatus status;

    /** Null for a draft without a time yet. */
    @Column(name = "due_at")
    private Instant dueAt;

    @Column(nullable = false)
    private int attempt;

    /** After a failed attempt, the next try is not before this. */
    @Column(name = "retry_at")
    private Instant retryAt;

    @Column(name = "lease_owner", length = 128)
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "last_result", length = 1000)
    private String lastResult;

    @Column(name = "created_by")
    private Long createdBy;

    /** The done or failed action this one was made from by editing it. */
    @Column(name = "replaces_id")
    private Long replacesId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Version
    private int version;

    protected TimedTask() {}

    public TimedTask(Part part, String type, String options, TimedTaskStatus status, Instant dueAt, Long createdBy,
                     Instant now) {
        this.part = part;
        this.type = type;
        this.options = options;
        this.status = status;
        this.dueAt = dueAt;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() { return id; }
    public Part getPart() { return part; }
    public String getType() { return type; }
    public String getOptions() { return options; }
    public void setOptions(String options) { this.options = options; }
    public TimedTaskStatus getStatus() { return status; }
    public void setStatus(TimedTaskStatus status) { this.status = status; }
    public Instant getDueAt() { return dueAt; }
    public void setDueAt(Instant dueAt) { this.dueAt = dueAt; }
    public int getAttempt() { return attempt; }
    public Instant getRetryAt() { return retryAt; }
    public void setRetryAt(Instant retryAt) { this.retryAt = retryAt; }
    public String getLeaseOwner() { return leaseOwner; }
    public Instant getLeaseUntil() { return leaseUntil; }
    public String getLastResult() { return lastResult; }
    public void setLastResult(String lastResult) { this.lastResult = lastResult; }
    public Long getCreatedBy() { return createdBy; }
    public Long getReplacesId() { return replacesId; }
    public void setReplacesId(Long replacesId) { this.replacesId = replacesId; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void touch(Instant now) { this.updatedAt = now; }
    public Instant getFinishedAt() { return finishedAt; }
    public void setFinishedAt(Instant finishedAt) { this.finishedAt = finishedAt; }
    public int getVersion() { return version; }
}
