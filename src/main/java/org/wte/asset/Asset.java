package org.wte.asset;

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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.wte.content.Part;

/**
 * A file attached to a module, part or page: its name, type, size and hash. The bytes sit in the same
 * row (column {@code data}) but are not mapped here, so that loading or listing assets never reads them:
 * {@link AssetService} writes them and {@link AssetService#content} reads them, with their own statements.
 */
@Entity
@Table(name = "asset")
public class Asset {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "part_id")
    private Part part;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private AssetKind kind;

    @Column(nullable = false, length = 255)
    private String filename;

    @Column(name = "mime_type", nullable = false, length = 100)
    private String mimeType;

    @Column(nullable = false)
    private long size;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(nullable = false, length = 64, columnDefinition = "char(64)")
    private String sha256;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Asset() {}

    void rename(String newName, String newMimeType, Instant now) {
        this.filename = newName;
        this.mimeType = newMimeType;
        this.updatedAt = now;
    }

    void setSortOrder(int sortOrder) {
        this.sortOrder = sortOrder;
    }

    public Long getId() { return id; }
    public Part getPart() { return part; }
    public AssetKind getKind() { return kind; }
    public String getFilename() { return filename; }
    public String getMimeType() { return mimeType; }
    public long getSize() { return size; }
    public String getSha256() { return sha256; }
    public int getSortOrder() { return sortOrder; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }

    /** The part's id without loading the part. */
    public long partId() {
        return part.getId();
    }

    /** Where the file is served, below the context path: /parts/{part}/assets/{name} (or /templates/). */
    public String url() {
        return AssetUrls.file(partId(), kind, filename);
    }

    /** The strong ETag of the content: its SHA-256 in quotes. */
    public String etag() {
        return "\"" + sha256 + "\"";
    }

    public boolean isImage() {
        return FileTypes.isImage(mimeType);
    }

    /** Whether the management pages offer to edit it as text (its type is textual). */
    public boolean isText() {
        return FileTypes.isText(mimeType);
    }
}
