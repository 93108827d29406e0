package org.wte.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One failed login, kept in the database so that throttling holds across nodes. */
@Entity
@Table(name = "login_failure")
public class LoginFailure {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 254)
    private String email;

    @Column(nullable = false, length = 64)
    private String address;

    @Column(name = "failed_at", nullable = false)
    private Instant failedAt;

    protected LoginFailure() {}

    public LoginFailure(String email, String address, Instant failedAt) {
        this.email = email;
        this.address = address;
        this.failedAt = failedAt;
    }
}
