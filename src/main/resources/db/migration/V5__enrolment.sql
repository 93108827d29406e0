-- Registration to modules: each module's access settings, and the failed module-password attempts.
-- One script for MariaDB 10.11 and H2 (MODE=MariaDB): plain types only; timestamps are DATETIME(6) in UTC.

-- A module without a row here is open, with no password and no domain list.
-- open: students may register themselves; password_hash: Argon2id of the module's password (NULL: none);
-- domains: lower-case e-mail domains separated by commas ('' : any domain).
CREATE TABLE module_access (
    module_id     BIGINT        NOT NULL PRIMARY KEY,
    open          BOOLEAN       NOT NULL DEFAULT TRUE,
    password_hash VARCHAR(255),
    domains       VARCHAR(1000) NOT NULL DEFAULT '',
    CONSTRAINT fk_module_access_module FOREIGN KEY (module_id) REFERENCES part (id) ON DELETE CASCADE
);

-- One wrong module password, per user and module, so that throttling holds across nodes.
CREATE TABLE enrolment_failure (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    module_id BIGINT      NOT NULL,
    user_id   BIGINT      NOT NULL,
    failed_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_enrolment_failure_module FOREIGN KEY (module_id) REFERENCES part (id) ON DELETE CASCADE,
    CONSTRAINT fk_enrolment_failure_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);
CREATE INDEX ix_enrolment_failure ON enrolment_failure (user_id, module_id, failed_at);
CREATE INDEX ix_enrolment_failure_time ON enrolment_failure (failed_at);
