package org.wte.enrolment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Who may register to a module by themselves: open or not, an optional password (kept as an Argon2id
 * hash) and an optional list of e-mail domains (compared case-insensitively). A module without a row is
 * open, with no password and no domain list ({@link #defaults}).
 */
@Entity
@Table(name = "module_access")
public class ModuleAccess {
    public static final int DOMAINS_LENGTH = 1000;
    private static final Pattern DOMAIN = Pattern.compile("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;]+");

    @Id
    @Column(name = "module_id")
    private Long moduleId;

    @Column(name = "open", nullable = false)
    private boolean open = true;

    @Column(name = "password_hash")
    private String passwordHash;

    /** Lower-case domains separated by commas; empty: any domain. */
    @Column(nullable = false, length = DOMAINS_LENGTH)
    private String domains = "";

    protected ModuleAccess() {}

    public ModuleAccess(long moduleId) {
        this.moduleId = moduleId;
    }

    /** The settings of a module that has none stored: open, no password, any domain. */
    public static ModuleAccess defaults(long moduleId) {
        return new ModuleAccess(moduleId);
    }

    public Long getModuleId() { return moduleId; }
    public boolean isOpen() { return open; }
    public void setOpen(boolean open) { this.open = open; }
    public String getPasswordHash() { return passwordHash; }
    public void setPasswordHash(String passwordHash) { this.passwordHash = passwordHash; }
    public boolean hasPassword() { return passwordHash != null; }

    public List<String> domainList() {
        return domains.isEmpty() ? List.of() : List.of(domains.split(","));
    }

    /** Sets the domain list from {@link #parseDomains}' output. */
    public void setDomains(List<String> list) {
        String joined = String.join(",", list);
        if (joined.length() > DOMAINS_LENGTH) {
            throw new IllegalArgumentException("domain list longer than " + DOMAINS_LENGTH);
        }
        this.domains = joined;
    }

    /** True when there is no domain list or the address's domain is on it (case-insensitive, exact). */
    public boolean allowsAddress(String email) {
        List<String> list = domainList();
        if (list.isEmpty()) {
            return true;
        }
        String e = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        int at = e.lastIndexOf('@');
        return at >= 0 && list.contains(e.substring(at + 1));
    }

    /**
     * Domains as a teacher types them (commas, semicolons, spaces or new lines between; a leading @ is
     * dropped; any case), lower-cased and without repeats.
     *
     * @throws IllegalArgumentException with a message for the teacher, naming the first bad domain
     */
    public static List<String> parseDomains(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text != null) {
            for (String raw : SEPARATORS.split(text.trim())) {
                if (raw.isEmpty()) {
                    continue;
                }
                String d = raw.toLowerCase(Locale.ROOT);
                if (d.startsWith("@")) {
                    d = d.substring(1);
                }
                if (d.length() > 253 || !DOMAIN.matcher(d).matches()) {
                    throw new IllegalArgumentException("'" + raw + "' is not an e-mail domain; write domains such "
                            + "as uni.example.org, separated by commas.");
                }
                out.add(d);
            }
        }
        List<String> list = new ArrayList<>(out);
        if (String.join(",", list).length() > DOMAINS_LENGTH) {
            throw new IllegalArgumentException("The domain list is too long (at most " + DOMAINS_LENGTH
                    + " characters).");
        }
        return list;
    }
}
