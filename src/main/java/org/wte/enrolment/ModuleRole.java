package org.wte.enrolment;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.wte.account.User;
import org.wte.content.Part;

/** A user's membership of a module: owner, tutor or student, possibly blocked. */
@Entity
@Table(name = "module_role")
public class ModuleRole {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "module_id")
    private Part module;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private User user;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(nullable = false)
    private boolean blocked;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ModuleRole() {}

    public ModuleRole(Part module, User user, Role role, Instant now) {
        this.module = module;
        this.user = user;
        this.role = role;
        this.createdAt = now;
    }

    public Long getId() { return id; }
    public Part getModule() { return module; }
    public User getUser() { return user; }
    public Role getRole() { return role; }
    public void setRole(Role role) { this.role = role; }
    public boolean isBlocked() { return blocked; }
    public void setBlocked(boolean blocked) { this.blocked = blocked; }
    public Instant getCreatedAt() { return createdAt; }
}
