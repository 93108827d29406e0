-- A student's own files for a part shown in the three-pane workspace. One workspace row per (student,
-- part): its unique key is what makes "created from the templates exactly once" true when two tabs open
-- the part at the same moment (the second insert waits for the first, then fails, then reads its files).
CREATE TABLE workspace (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id    BIGINT      NOT NULL,
    part_id    BIGINT      NOT NULL,
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT uq_workspace UNIQUE (user_id, part_id),
    CONSTRAINT fk_workspace_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT fk_workspace_part FOREIGN KEY (part_id) REFERENCES part (id) ON DELETE CASCADE
);
CREATE INDEX ix_workspace_part ON workspace (part_id);

-- The files: text (HTML, CSS, JavaScript…), stored in the row like assets. `version` grows by one per save;
-- a save names the version it edited, and a stale one is a conflict (409), never a silent overwrite.
-- `template_sha256` is the hash of the template the file was last copied from (NULL: the student's own
-- file), so that a template changed later can be offered as "update from template".
CREATE TABLE workspace_file (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    workspace_id    BIGINT       NOT NULL,
    filename        VARCHAR(255) NOT NULL,
    content         LONGTEXT     NOT NULL,
    size            BIGINT       NOT NULL,
    version         INT          NOT NULL,
    template_sha256 CHAR(64),
    sort_order      INT          NOT NULL DEFAULT 0,
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    CONSTRAINT uq_workspace_file UNIQUE (workspace_id, filename),
    CONSTRAINT fk_workspace_file_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id) ON DELETE CASCADE
);
