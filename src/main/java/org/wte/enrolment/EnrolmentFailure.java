package org.wte.enrolment;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One wrong module password, kept in the database so that throttling holds across nodes. */
@Entity
@Table(name = "enrolment_failure")
public class EnrolmentFailure {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "module_id", nullable = false)
    private long moduleId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "failed_at", nullable = false)
    private Instant failedAt;

    protected EnrolmentFailure() {}

    public EnrolmentFailure(long moduleId, long userId, Instant failedAt) {
        this.moduleId = moduleId;
        this.userId = userId;
        this.failedAt = failedAt;
    }

    public Long getId() { return id; }
    public long getModuleId() { return moduleId; }
    public long getUserId() { return userId; }
    public Instant getFailedAt() { return failedAt; }
}
