package org.wte.quiz;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One question of a quiz; single choice unless {@code multiple}. */
@Entity
@Table(name = "quiz_question")
public class QuizQuestion {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "quiz_id")
    private Quiz quiz;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false, columnDefinition = "longtext")
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    private String text;

    @Column(nullable = false)
    private boolean multiple;

    protected QuizQuestion() {}

    public QuizQuestion(Quiz quiz, int position, String text, boolean multiple) {
        this.quiz = quiz;
        this.position = position;
        this.text = text;
        this.multiple = multiple;
    }

    public Long getId() { return id; }
    public Quiz getQuiz() { return quiz; }
    public int getPosition() { return position; }
    public String getText() { return text; }
    public boolean isMultiple() { return multiple; }
}
