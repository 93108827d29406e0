-- Timed actions (DESIGN §7): what a part will do at an instant, the history of every attempt, and the
-- health of the cron runners. Times are DATETIME(6) in UTC, compared with the database's own clock.
CREATE TABLE timed_task (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    -- SET NULL, not CASCADE: an action whose part vanishes under a runner is failed with a message.
    part_id     BIGINT,
    type        VARCHAR(64)   NOT NULL,
    options     LONGTEXT      NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    due_at      DATETIME(6),
    attempt     INT           NOT NULL DEFAULT 0,
    -- After a failed attempt: not before this instant (due_at keeps the teacher's time, for order and lateness).
    retry_at    DATETIME(6),
    lease_owner VARCHAR(128),
    lease_until DATETIME(6),
    last_result VARCHAR(1000),
    created_by  BIGINT,
    replaces_id BIGINT,
    created_at  DATETIME(6)   NOT NULL,
    updated_at  DATETIME(6)   NOT NULL,
    finished_at DATETIME(6),
    version     INT           NOT NULL DEFAULT 0,
    CONSTRAINT fk_timed_task_part FOREIGN KEY (part_id) REFERENCES part (id) ON DELETE SET NULL,
    CONSTRAINT fk_timed_task_user FOREIGN KEY (created_by) REFERENCES app_user (id) ON DELETE SET NULL
);
-- The claim's range: finished rows leave it.
CREATE INDEX ix_timed_task_due ON timed_task (status, due_at);
CREATE INDEX ix_timed_task_part ON timed_task (part_id, status);

-- One row per attempt: who ran it, when, how late, and what came of it.
CREATE TABLE timed_task_run (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    task_id      BIGINT        NOT NULL,
    attempt      INT           NOT NULL,
    host         VARCHAR(255)  NOT NULL,
    pid          BIGINT        NOT NULL,
    started_at   DATETIME(6)   NOT NULL,
    ended_at     DATETIME(6),
    late_seconds BIGINT        NOT NULL DEFAULT 0,
    outcome      VARCHAR(16)   NOT NULL,
    message      VARCHAR(1000),
    CONSTRAINT fk_timed_task_run_task FOREIGN KEY (task_id) REFERENCES timed_task (id) ON DELETE CASCADE
);
CREATE INDEX ix_timed_task_run_task ON timed_task_run (task_id, id);

-- The last change-status action applied to a part, so that an older one claimed later is superseded.
ALTER TABLE part ADD COLUMN status_task_id BIGINT;
ALTER TABLE part ADD COLUMN status_task_due DATETIME(6);

-- Each `wte run-timed-tasks`: host, pid, start, end and counts, for the admins' health page and banner.
CREATE TABLE runner_run (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    host       VARCHAR(255)  NOT NULL,
    pid        BIGINT        NOT NULL,
    started_at DATETIME(6)   NOT NULL,
    ended_at   DATETIME(6),
    outcome    VARCHAR(16)   NOT NULL,
    claimed    INT           NOT NULL DEFAULT 0,
    done       INT           NOT NULL DEFAULT 0,
    failed     INT           NOT NULL DEFAULT 0,
    retried    INT           NOT NULL DEFAULT 0,
    late       INT           NOT NULL DEFAULT 0,
    mails_sent INT           NOT NULL DEFAULT 0,
    message    VARCHAR(1000)
);
CREATE INDEX ix_runner_run_host ON runner_run (host, started_at);
CREATE INDEX ix_runner_run_ended ON runner_run (ended_at);

-- An optional HTML alternative to a mail's text (messages that teachers write in Markdown).
ALTER TABLE mail_outbox ADD COLUMN body_html LONGTEXT;
