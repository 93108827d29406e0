package org.wte.workspace;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One student's workspace in one part: the owner of their files there. */
@Entity
@Table(name = "workspace")
public class Workspace {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "part_id", nullable = false)
    private long partId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Workspace() {
    }

    public Workspace(long userId, long partId, Instant createdAt) {
        this.userId = userId;
        this.partId = partId;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public long getUserId() { return userId; }
    public long getPartId() { return partId; }
    public Instant getCreatedAt() { return createdAt; }
}
