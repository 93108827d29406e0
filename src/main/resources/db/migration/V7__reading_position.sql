-- Where each reader is in each part: the page to "continue where you left off".
CREATE TABLE reading_position (
    user_id    BIGINT      NOT NULL,
    part_id    BIGINT      NOT NULL,
    page_id    BIGINT      NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (user_id, part_id),
    CONSTRAINT fk_reading_position_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT fk_reading_position_part FOREIGN KEY (part_id) REFERENCES part (id) ON DELETE CASCADE,
    CONSTRAINT fk_reading_position_page FOREIGN KEY (page_id) REFERENCES part (id) ON DELETE CASCADE
);
