-- Files attached to a module, part or page: assets (images, PDFs, data files shown or linked in the
-- text) and templates (a part's starter files that students' workspaces copy). The bytes live in the
-- row (one database backup is a backup of everything); lists read the other columns only.
-- Names are unique per part and kind; WTE also refuses names that differ only in case.
CREATE TABLE asset (
    id         BIGINT       AUTO_INCREMENT PRIMARY KEY,
    part_id    BIGINT       NOT NULL,
    kind       VARCHAR(16)  NOT NULL,
    filename   VARCHAR(255) NOT NULL,
    mime_type  VARCHAR(100) NOT NULL,
    size       BIGINT       NOT NULL,
    sha256     CHAR(64)     NOT NULL,
    data       LONGBLOB     NOT NULL,
    sort_order INT          NOT NULL DEFAULT 0,
    created_at DATETIME(6)  NOT NULL,
    updated_at DATETIME(6)  NOT NULL,
    CONSTRAINT uq_asset_name UNIQUE (part_id, kind, filename),
    CONSTRAINT fk_asset_part FOREIGN KEY (part_id) REFERENCES part (id) ON DELETE CASCADE
);
CREATE INDEX ix_asset_part_order ON asset (part_id, kind, sort_order);
