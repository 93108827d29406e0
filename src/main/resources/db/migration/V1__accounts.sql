-- Accounts, permissions, tokens, login throttling and the mail outbox.
-- One script for MariaDB 10.11 and H2 (MODE=MariaDB): plain types only; timestamps are DATETIME(6) in UTC.

CREATE TABLE app_user (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    email                VARCHAR(254) NOT NULL,
    display_name         VARCHAR(100) NOT NULL,
    password_hash        VARCHAR(255),
    status               VARCHAR(16)  NOT NULL,
    high_contrast        BOOLEAN      NOT NULL DEFAULT FALSE,
    must_change_password BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at           DATETIME(6)  NOT NULL,
    last_login_at        DATETIME(6),
    CONSTRAINT uq_app_user_email UNIQUE (email)
);

CREATE TABLE permission_group (
    id    BIGINT AUTO_INCREMENT PRIMARY KEY,
    name  VARCHAR(64)  NOT NULL,
    title VARCHAR(100) NOT NULL,
    CONSTRAINT uq_permission_group_name UNIQUE (name)
);

CREATE TABLE group_permission (
    group_id   BIGINT      NOT NULL,
    permission VARCHAR(64) NOT NULL,
    PRIMARY KEY (group_id, permission),
    CONSTRAINT fk_group_permission_group FOREIGN KEY (group_id) REFERENCES permission_group (id) ON DELETE CASCADE
);

CREATE TABLE user_group (
    user_id  BIGINT NOT NULL,
    group_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, group_id),
    CONSTRAINT fk_user_group_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT fk_user_group_group FOREIGN KEY (group_id) REFERENCES permission_group (id) ON DELETE CASCADE
);

-- E-mail confirmation, password reset and e-mail change: only the SHA-256 of the token is stored.
CREATE TABLE account_token (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id    BIGINT       NOT NULL,
    purpose    VARCHAR(16)  NOT NULL,
    token_hash CHAR(64)     NOT NULL,
    new_email  VARCHAR(254),
    created_at DATETIME(6)  NOT NULL,
    expires_at DATETIME(6)  NOT NULL,
    used_at    DATETIME(6),
    CONSTRAINT uq_account_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_account_token_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);

CREATE TABLE login_failure (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    email     VARCHAR(254) NOT NULL,
    address   VARCHAR(64)  NOT NULL,
    failed_at DATETIME(6)  NOT NULL
);
CREATE INDEX ix_login_failure_email ON login_failure (email, failed_at);
CREATE INDEX ix_login_failure_address ON login_failure (address, failed_at);

-- Every mail is written here in the transaction that causes it, then sent; dedup_key makes a
-- mail per (cause, recipient) unique, so a retried cause never mails anyone twice.
CREATE TABLE mail_outbox (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    recipient       VARCHAR(254)  NOT NULL,
    subject         VARCHAR(255)  NOT NULL,
    body_text       LONGTEXT      NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    created_at      DATETIME(6)   NOT NULL,
    next_attempt_at DATETIME(6)   NOT NULL,
    lease_owner     VARCHAR(128),
    lease_until     DATETIME(6),
    sent_at         DATETIME(6),
    last_error      VARCHAR(1000),
    dedup_key       VARCHAR(191),
    CONSTRAINT uq_mail_outbox_dedup UNIQUE (dedup_key)
);
CREATE INDEX ix_mail_outbox_due ON mail_outbox (status, next_attempt_at);
