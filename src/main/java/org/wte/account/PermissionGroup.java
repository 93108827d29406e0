package org.wte.account;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/** A named set of global permissions (seeded by the migrations: administrator, content administrator, teacher). */
@Entity
@Table(name = "permission_group")
public class PermissionGroup {
    public static final String ADMINISTRATOR = "administrator";

    @Id
    private Long id;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(nullable = false, length = 100)
    private String title;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "group_permission", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "permission", length = 64)
    private Set<String> permissions = new LinkedHashSet<>();

    protected PermissionGroup() {}

    public Long getId() { return id; }
    public String getName() { return name; }
    public String getTitle() { return title; }
    public Set<String> getPermissions() { return permissions; }
}
