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
import org.wte.content.Part;

/** A quiz block of a page, known by its key within the page. */
@Entity
@Table(name = "quiz")
public class Quiz {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "part_id")
    private Part part;

    @Column(name = "quiz_key", nullable = false, length = 100)
    private String key;

    @Column(nullable = false)
    private int position;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Quiz() {}

    public Quiz(Part part, String key, int position, Instant now) {
        this.part = part;
        this.key = key;
        this.position = position;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() { return id; }
    public Part getPart() { return part; }
    public String getKey() { return key; }
    public int getPosition() { return position; }
    public void setPosition(int position) { this.position = position; }
    public void touch(Instant now) { this.updatedAt = now; }
}
