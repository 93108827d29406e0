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

/** One choice of a question, and whether it is correct (which never leaves the server). */
@Entity
@Table(name = "quiz_choice")
public class QuizChoice {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "question_id")
    private QuizQuestion question;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false, columnDefinition = "longtext")
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    private String text;

    @Column(nullable = false)
    private boolean correct;

    protected QuizChoice() {}

    public QuizChoice(QuizQuestion question, int position, String text, boolean correct) {
        this.question = question;
        this.position = position;
        this.text = text;
        this.correct = correct;
    }

    public Long getId() { return id; }
    public QuizQuestion getQuestion() { return question; }
    public int getPosition() { return position; }
    public String getText() { return text; }
    public boolean isCorrect() { return correct; }
}
