package org.wte.quiz;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.wte.account.User;

/**
 * A user's answer to one question: the first and the latest choices, whether each was correct, and how many
 * times they answered. Written only by {@link QuizAnswers#record} (one upsert); read here.
 */
@Entity
@Table(name = "quiz_answer")
public class QuizAnswer {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private User user;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "question_id")
    private QuizQuestion question;

    @Column(name = "first_choices", nullable = false, length = 1000)
    private String firstChoices;

    @Column(name = "first_correct", nullable = false)
    private boolean firstCorrect;

    @Column(name = "first_at", nullable = false)
    private Instant firstAt;

    @Column(name = "latest_choices", nullable = false, length = 1000)
    private String latestChoices;

    @Column(name = "latest_correct", nullable = false)
    private boolean latestCorrect;

    @Column(name = "latest_at", nullable = false)
    private Instant latestAt;

    @Column(nullable = false)
    private int attempts;

    protected QuizAnswer() {}

    public Long getId() { return id; }
    public User getUser() { return user; }
    public QuizQuestion getQuestion() { return question; }
    public ChoiceSet getFirstChoices() { return ChoiceSet.parse(firstChoices); }
    public boolean isFirstCorrect() { return firstCorrect; }
    public Instant getFirstAt() { return firstAt; }
    public ChoiceSet getLatestChoices() { return ChoiceSet.parse(latestChoices); }
    public boolean isLatestCorrect() { return latestCorrect; }
    public Instant getLatestAt() { return latestAt; }
    public int getAttempts() { return attempts; }
}
