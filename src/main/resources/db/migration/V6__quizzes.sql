-- Quizzes defined in a page's Markdown, stored when the page is saved. The correct answers live only
-- here (never in the page's HTML). A quiz keeps its row while its key stays in the page.
CREATE TABLE quiz (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    part_id    BIGINT       NOT NULL,
    quiz_key   VARCHAR(100) NOT NULL,
    position   INT          NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    updated_at DATETIME(6)  NOT NULL,
    CONSTRAINT uq_quiz_part_key UNIQUE (part_id, quiz_key),
    CONSTRAINT fk_quiz_part FOREIGN KEY (part_id) REFERENCES part (id) ON DELETE CASCADE
);

CREATE TABLE quiz_question (
    id       BIGINT AUTO_INCREMENT PRIMARY KEY,
    quiz_id  BIGINT   NOT NULL,
    position INT      NOT NULL,
    text     LONGTEXT NOT NULL,
    multiple BOOLEAN  NOT NULL,
    CONSTRAINT uq_quiz_question UNIQUE (quiz_id, position),
    CONSTRAINT fk_quiz_question_quiz FOREIGN KEY (quiz_id) REFERENCES quiz (id) ON DELETE CASCADE
);

CREATE TABLE quiz_choice (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    question_id BIGINT   NOT NULL,
    position    INT      NOT NULL,
    text        LONGTEXT NOT NULL,
    correct     BOOLEAN  NOT NULL,
    CONSTRAINT uq_quiz_choice UNIQUE (question_id, position),
    CONSTRAINT fk_quiz_choice_question FOREIGN KEY (question_id) REFERENCES quiz_question (id) ON DELETE CASCADE
);
