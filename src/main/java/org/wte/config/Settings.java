package org.wte.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * Every setting WTE reads, from one INI file (or the embedded defaults), validated once at start.
 * Immutable: pass it around, never re-read the file.
 */
public record Settings(
        String source,
        App app,
        Server server,
        Database database,
        Registration registration,
        Uploads uploads,
        Email email,
        TimedTasks timedTasks,
        Logging logging,
        Workspace workspace) {

    public record App(String url, String secret, ZoneId timezone, String title, String adminEmail) {}

    public record Server(String host, int httpPort, int ajpPort, String ajpSecret, String contextPath,
                         String jvmRoute) {}

    public record Database(String url, String user, String password, int poolSize) {
        public boolean isH2() {
            return url.startsWith("jdbc:h2:");
        }

        public boolean isMariaDb() {
            return url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:");
        }
    }

    public record Registration(boolean enabled, List<String> domains, int tokenHours) {
        /** True when the address may register: no domain list, or its domain is on it (case-insensitive). */
        public boolean allows(String email) {
            if (domains.isEmpty()) {
                return true;
            }
            String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
            return domains.contains(domain);
        }
    }

    /** maxImportSize: the largest ZIP an import reads (a page's upload or the CLI's file), counted as it is read. */
    public record Uploads(long maxFileSize, long maxRequestSize, long maxImportSize) {
        public static final long DEFAULT_MAX_IMPORT_SIZE = 200L << 20;

        public Uploads(long maxFileSize, long maxRequestSize) {
            this(maxFileSize, maxRequestSize, DEFAULT_MAX_IMPORT_SIZE);
        }
    }

    /** SMTP; security is none, ssl or starttls. An empty host means "keep mails in the outbox". */
    public record Email(String host, int port, String security, String user, String password, String from) {
        public boolean configured() {
            return !host.isEmpty();
        }
    }

    public record TimedTasks(int batchSize, int maxAttempts, int leaseSeconds, int backoffSeconds,
                             int maxSeconds) {}

    public record Logging(String level, String file) {}

    /**
     * Students' workspaces: the largest file (bytes of UTF-8), the most files per workspace, and how long a
     * signed preview link stays valid.
     */
    public record Workspace(long maxFileSize, int maxFiles, int previewLinkMinutes) {}

    /** Where `wte serve` on the embedded defaults keeps its H2 file and generated secret. */
    public static Path defaultDataDir() {
        return Path.of("data");
    }
}
