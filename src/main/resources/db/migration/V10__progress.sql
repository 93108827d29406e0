-- Each student's visits to each page: how often, first and last time, and the seconds the page was open,
-- visible and in active use (counted in the browser, sent in beacons). One row per (student, page): the
-- primary key is what lets one statement insert-or-increment it (INSERT … ON DUPLICATE KEY UPDATE), so two
-- tabs or concurrent beacons never lose a visit or a second. The current page stays in reading_position.
CREATE TABLE page_visit (
    user_id        BIGINT      NOT NULL,
    page_id        BIGINT      NOT NULL,
    visits         INT         NOT NULL,
    active_seconds BIGINT      NOT NULL DEFAULT 0,
    first_visit_at DATETIME(6) NOT NULL,
    last_visit_at  DATETIME(6) NOT NULL,
    PRIMARY KEY (user_id, page_id),
    CONSTRAINT fk_page_visit_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT fk_page_visit_page FOREIGN KEY (page_id) REFERENCES part (id) ON DELETE CASCADE
);
-- Teachers' dashboards read a part's pages for all students.
CREATE INDEX ix_page_visit_page ON page_visit (page_id);
