package org.wte.workspace;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A text file in a student's workspace; {@code version} counts its saves (a stale save is a conflict). */
@Entity
@Table(name = "workspace_file")
public class WorkspaceFile {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "workspace_id")
    private Workspace workspace;

    @Column(nullable = false, length = 255)
    private String filename;

    @Column(nullable = false, columnDefinition = "longtext")
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    private String content;

    @Column(nullable = false)
    private long size;

    @Column(nullable = false)
    private int version;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "template_sha256", length = 64, columnDefinition = "char(64)")
    private String templateSha256;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected WorkspaceFile() {
    }

    public WorkspaceFile(Workspace workspace, String filename, String content, String templateSha256, int sortOrder,
                         Instant now) {
        this.workspace = workspace;
        this.filename = filename;
        this.templateSha256 = templateSha256;
        this.sortOrder = sortOrder;
        this.createdAt = now;
        setContent(content, now); // version 1
    }

    /** Replaces the text and counts one more version. */
    public void setContent(String content, Instant now) {
        this.content = content;
        this.size = content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        this.version++;
        this.updatedAt = now;
    }

    public Long getId() { return id; }
    public Workspace getWorkspace() { return workspace; }
    public String getFilename() { return filename; }
    public void setFilename(String filename) { this.filename = filename; }
    public String getContent() { return content; }
    public long getSize() { return size; }
    public int getVersion() { return version; }
    public String getTemplateSha256() { return templateSha256; }
    public void setTemplateSha256(String templateSha256) { this.templateSha256 = templateSha256; }
    public int getSortOrder() { return sortOrder; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
