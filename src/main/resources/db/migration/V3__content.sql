-- Teaching content: modules, parts and pages are rows of one tree (parent_id), so that a timed action,
-- an asset or a cross-reference can point at any level. Deleting a row deletes everything below it.
CREATE TABLE part (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    parent_id    BIGINT,
    type         VARCHAR(16)  NOT NULL,
    title        VARCHAR(255) NOT NULL,
    label        VARCHAR(100) NOT NULL DEFAULT '',
    sort_order   INT          NOT NULL DEFAULT 0,
    status       VARCHAR(16)  NOT NULL,
    display_mode VARCHAR(16)  NOT NULL DEFAULT 'TEXT',
    content      LONGTEXT     NOT NULL,
    compiled     LONGTEXT     NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    updated_at   DATETIME(6)  NOT NULL,
    version      INT          NOT NULL DEFAULT 0,
    CONSTRAINT fk_part_parent FOREIGN KEY (parent_id) REFERENCES part (id) ON DELETE CASCADE
);
CREATE INDEX ix_part_parent ON part (parent_id, sort_order);
CREATE INDEX ix_part_type_status ON part (type, status);

-- Who does what in a module: owner, tutor or student; a blocked member sees nothing of the module.
CREATE TABLE module_role (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    module_id  BIGINT      NOT NULL,
    user_id    BIGINT      NOT NULL,
    role       VARCHAR(16) NOT NULL,
    blocked    BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT uq_module_role UNIQUE (module_id, user_id),
    CONSTRAINT fk_module_role_module FOREIGN KEY (module_id) REFERENCES part (id) ON DELETE CASCADE,
    CONSTRAINT fk_module_role_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);
CREATE INDEX ix_module_role_user ON module_role (user_id);
