-- Students' answers to quiz questions: one row per (student, question), holding the first answer and the
-- latest one (choice indexes, comma-separated, ascending), whether each was correct, and the number of
-- attempts. The unique key makes "first answer" and "attempts" exact when two answers arrive at once: the
-- answer is one INSERT … ON DUPLICATE KEY UPDATE, so the second waits for the first and then updates.
-- The row goes with its question: a quiz whose definition changes gets new questions (QuizStore), and the
-- answers to the old ones, whose choice numbers may now mean something else, go with them.
CREATE TABLE quiz_answer (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id         BIGINT       NOT NULL,
    question_id     BIGINT       NOT NULL,
    first_choices   VARCHAR(1000) NOT NULL,
    first_correct   BOOLEAN      NOT NULL,
    first_at        DATETIME(6)  NOT NULL,
    latest_choices  VARCHAR(1000) NOT NULL,
    latest_correct  BOOLEAN      NOT NULL,
    latest_at       DATETIME(6)  NOT NULL,
    attempts        INT          NOT NULL,
    CONSTRAINT uq_quiz_answer UNIQUE (user_id, question_id),
    CONSTRAINT fk_quiz_answer_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT fk_quiz_answer_question FOREIGN KEY (question_id) REFERENCES quiz_question (id) ON DELETE CASCADE
);
CREATE INDEX ix_quiz_answer_question ON quiz_answer (question_id);
