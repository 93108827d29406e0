package org.wte.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.configuration2.INIConfiguration;
import org.apache.commons.configuration2.SubnodeConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;

/**
 * Reads the INI file into {@link Settings}: every key known, every value checked, the first problem
 * reported as one line "FILE: [section] key: problem".
 */
public final class SettingsLoader {

    /** Every section and key WTE knows; anything else in a file is a mistake worth stopping for. */
    static final Map<String, Set<String>> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("app", Set.of("url", "secret", "timezone", "title", "admin_email"));
        KNOWN.put("server", Set.of("host", "http_port", "ajp_port", "ajp_secret", "context_path", "jvm_route"));
        KNOWN.put("database", Set.of("url", "user", "password", "pool_size"));
        KNOWN.put("registration", Set.of("enabled", "domains", "token_hours"));
        KNOWN.put("uploads", Set.of("max_file_size", "max_request_size", "max_import_size"));
        KNOWN.put("email", Set.of("host", "port", "security", "user", "password", "from"));
        KNOWN.put("timed_tasks", Set.of("batch_size", "max_attempts", "lease_seconds", "backoff_seconds",
                "max_seconds"));
        KNOWN.put("logging", Set.of("level", "file"));
        KNOWN.put("workspace", Set.of("max_file_size", "max_files", "preview_link_minutes"));
    }

    public static final String DEFAULT_H2_URL = "jdbc:h2:file:./data/wte;MODE=MariaDB;AUTO_SERVER=TRUE";
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([^}]*)}");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private final String source;
    private final Map<String, Map<String, String>> values;
    private final boolean embedded;

    private SettingsLoader(String source, Map<String, Map<String, String>> values, boolean embedded) {
        this.source = source;
        this.values = values;
        this.embedded = embedded;
    }

    /** Reads and validates an INI file. */
    public static Settings load(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new SettingsException(name + ": no such file");
        }
        INIConfiguration ini = new INIConfiguration();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ini.read(reader);
        } catch (IOException | ConfigurationException e) {
            throw new SettingsException(name + ": cannot be read as an INI file: " + e.getMessage());
        }
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        for (String section : ini.getSections()) {
            if (section == null) {
                Iterator<String> keys = ini.getSection(null).getKeys();
                if (keys.hasNext()) {
                    throw new SettingsException(name + ": " + keys.next()
                            + ": every key must be inside a [section]");
                }
                continue;
            }
            if (!KNOWN.containsKey(section)) {
                throw new SettingsException(name + ": [" + section + "]: unknown section (known: "
                        + String.join(", ", KNOWN.keySet()) + ")");
            }
            SubnodeConfiguration node = ini.getSection(section);
            Map<String, String> keys = new LinkedHashMap<>();
            for (Iterator<String> it = node.getKeys(); it.hasNext(); ) {
                String key = it.next();
                if (!KNOWN.get(section).contains(key)) {
                    // commons-configuration doubles a dot in a key ("http.port" comes back as "http..port").
                    throw new SettingsException(name + ": [" + section + "] " + key.replace("..", ".")
                            + ": unknown key (known: "
                            + String.join(", ", KNOWN.get(section).stream().sorted().toList()) + ")");
                }
                // Raw value: we resolve ${env:NAME} ourselves so that a missing variable is reported.
                Object raw = node.getProperty(key);
                keys.put(key, raw == null ? "" : String.valueOf(raw).trim());
            }
            values.put(section, keys);
        }
        return new SettingsLoader(name, values, false).build();
    }

    /** The embedded defaults of `wte serve` with no INI: H2 under ./data, a secret kept beside it. */
    public static Settings embeddedDefaults() {
        return new SettingsLoader("embedded defaults", Map.of(), true).build();
    }

    /** The file named by the context parameter or WTE_CONFIG, else the embedded defaults. */
    public static Settings locate(String contextParameter) {
        if (contextParameter != null && !contextParameter.isBlank()) {
            return load(Path.of(contextParameter.trim()));
        }
        String env = System.getenv("WTE_CONFIG");
        if (env != null && !env.isBlank()) {
            return load(Path.of(env.trim()));
        }
        return embeddedDefaults();
    }

    private Settings build() {
        String dbUrl = string("database", "url", DEFAULT_H2_URL);
        if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:mariadb:") && !dbUrl.startsWith("jdbc:mysql:")) {
            throw problem("database", "url", "must be a jdbc:mariadb: or jdbc:h2: URL, not '" + dbUrl + "'");
        }
        Settings.Database database = new Settings.Database(dbUrl,
                string("database", "user", dbUrl.startsWith("jdbc:h2:") ? "sa" : ""),
                string("database", "password", ""),
                integer("database", "pool_size", 10, 1, 200));

        String contextPath = string("server", "context_path", "/wte");
        if (!contextPath.isEmpty() && !contextPath.equals("/")
                && (!contextPath.startsWith("/") || contextPath.endsWith("/") || contextPath.contains("//")
                || !contextPath.matches("[A-Za-z0-9/_.~-]+"))) {
            throw problem("server", "context_path", "must start with / and not end with / (e.g. /wte), or be /");
        }
        if (contextPath.equals("/")) {
            contextPath = "";
        }
        int httpPort = integer("server", "http_port", 8080, 0, 65535);
        int ajpPort = integer("server", "ajp_port", 0, 0, 65535);
        String ajpSecret = string("server", "ajp_secret", "");
        Settings.Server server = new Settings.Server(string("server", "host", "localhost"), httpPort, ajpPort,
                ajpSecret, contextPath, string("server", "jvm_route", ""));

        String defaultUrl = "http://localhost:" + (httpPort == 0 ? 8080 : httpPort) + contextPath;
        String url = embedded ? string("app", "url", defaultUrl) : required("app", "url");
        if (!url.matches("https?://[^\\s/]+(/\\S*)?")) {
            throw problem("app", "url", "must be the public http(s) address of WTE, e.g. https://example.org/wte");
        }
        url = url.replaceAll("/+$", "");
        String secret = embedded ? string("app", "secret", "") : required("app", "secret");
        if (secret.isEmpty()) {
            secret = embeddedSecret();
        } else if (secret.length() < 32) {
            throw problem("app", "secret", "must be at least 32 characters long (wte generate-config makes one)");
        }
        ZoneId zone;
        String zoneName = string("app", "timezone", "UTC");
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw problem("app", "timezone", "unknown time zone '" + zoneName + "' (use a name such as Europe/London)");
        }
        String adminEmail = string("app", "admin_email", "admin@localhost").toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(adminEmail).matches()) {
            throw problem("app", "admin_email", "not an e-mail address: '" + adminEmail + "'");
        }
        Settings.App app = new Settings.App(url, secret, zone, string("app", "title", "WTE"), adminEmail);

        List<String> domains = new ArrayList<>();
        for (String d : string("registration", "domains", "").split("[,\\s]+")) {
            if (!d.isBlank()) {
                String domain = d.trim().toLowerCase(Locale.ROOT).replaceFirst("^@", "");
                if (!domain.matches("[a-z0-9.-]+\\.[a-z0-9-]+|localhost")) {
                    throw problem("registration", "domains", "'" + d + "' is not a domain name");
                }
                domains.add(domain);
            }
        }
        Settings.Registration registration = new Settings.Registration(
                bool("registration", "enabled", true), List.copyOf(new LinkedHashSet<>(domains)),
                integer("registration", "token_hours", 48, 1, 24 * 30));

        long maxFile = size("uploads", "max_file_size", 10L << 20);
        long maxRequest = size("uploads", "max_request_size", 20L << 20);
        if (maxRequest < maxFile) {
            throw problem("uploads", "max_request_size", "must not be smaller than max_file_size");
        }
        long maxImport = size("uploads", "max_import_size", Settings.Uploads.DEFAULT_MAX_IMPORT_SIZE);
        Settings.Uploads uploads = new Settings.Uploads(maxFile, maxRequest, maxImport);

        int port = integer("email", "port", 25, 1, 65535);
        String security = string("email", "security", switch (port) {
            case 465 -> "ssl";
            case 587 -> "starttls";
            default -> "none";
        }).toLowerCase(Locale.ROOT);
        if (!List.of("none", "ssl", "starttls").contains(security)) {
            throw problem("email", "security", "must be none, ssl or starttls, not '" + security + "'");
        }
        String from = string("email", "from", "WTE <wte@localhost>");
        try {
            new jakarta.mail.internet.InternetAddress(from, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw problem("email", "from", "not a valid address: '" + from + "'");
        }
        Settings.Email email = new Settings.Email(string("email", "host", ""), port, security,
                string("email", "user", ""), string("email", "password", ""), from);

        Settings.TimedTasks timedTasks = new Settings.TimedTasks(
                integer("timed_tasks", "batch_size", 10, 1, 1000),
                integer("timed_tasks", "max_attempts", 5, 1, 100),
                integer("timed_tasks", "lease_seconds", 300, 10, 86400),
                integer("timed_tasks", "backoff_seconds", 60, 1, 86400),
                integer("timed_tasks", "max_seconds", 50, 1, 3600));

        String level = string("logging", "level", "INFO").toUpperCase(Locale.ROOT);
        if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(level)) {
            throw problem("logging", "level", "must be one of TRACE, DEBUG, INFO, WARN, ERROR, not '" + level + "'");
        }
        Settings.Logging logging = new Settings.Logging(level, string("logging", "file", ""));

        Settings.Workspace workspace = new Settings.Workspace(
                // Unset: 512K, or the upload limit if that is smaller (a template must fit into a workspace).
                size("workspace", "max_file_size", Math.min(512L << 10, maxFile)),
                integer("workspace", "max_files", 50, 1, 10_000),
                integer("workspace", "preview_link_minutes", 240, 1, 7 * 24 * 60));
        if (workspace.maxFileSize() > maxFile) {
            throw problem("workspace", "max_file_size", "must not be larger than [uploads] max_file_size");
        }

        if (ajpPort > 0 && ajpSecret.isEmpty()) {
            throw problem("server", "ajp_secret", "is required when ajp_port is set: Tomcat must not open AJP without a secret");
        }
        return new Settings(source, app, server, database, registration, uploads, email, timedTasks, logging,
                workspace);
    }

    private String raw(String section, String key) {
        Map<String, String> s = values.get(section);
        if (s == null || !s.containsKey(key)) {
            return null;
        }
        String value = s.get(key);
        Matcher m = ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String env = System.getenv(m.group(1));
            if (env == null) {
                throw problem(section, key, "environment variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(env));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** An absent or empty value means the default ("key =" in the example file documents it). */
    private String string(String section, String key, String fallback) {
        String v = raw(section, key);
        return v == null || v.isEmpty() ? fallback : v;
    }

    private String required(String section, String key) {
        String v = raw(section, key);
        if (v == null || v.isEmpty()) {
            throw problem(section, key, "is required");
        }
        return v;
    }

    private int integer(String section, String key, int fallback, int min, int max) {
        String v = raw(section, key);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw problem(section, key, "must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw problem(section, key, "must be a whole number, not '" + v + "'");
        }
    }

    private boolean bool(String section, String key, boolean fallback) {
        String v = raw(section, key);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw problem(section, key, "must be true or false, not '" + v + "'");
        };
    }

    /** A size in bytes, with an optional K, M or G suffix. */
    private long size(String section, String key, long fallback) {
        String v = raw(section, key);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        Matcher m = Pattern.compile("(?i)(\\d+)\\s*([KMG]?)B?").matcher(v);
        if (!m.matches()) {
            throw problem(section, key, "must be a size such as 500K, 10M or 1G, not '" + v + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            case "G" -> n << 30;
            default -> n;
        };
    }

    private SettingsException problem(String section, String key, String message) {
        return new SettingsException(source + ": [" + section + "] " + key + ": " + message);
    }

    /** The embedded defaults keep a generated secret in ./data, so sessions and links survive a restart. */
    private static String embeddedSecret() {
        Path file = Settings.defaultDataDir().resolve("secret");
        try {
            if (Files.isRegularFile(file)) {
                String s = Files.readString(file).trim();
                if (s.length() >= 32) {
                    return s;
                }
            }
            Files.createDirectories(file.getParent());
            String secret = newSecret();
            Files.deleteIfExists(file); // a secret too short to use is replaced
            PrivateFiles.create(file, secret + "\n", "rw-------");
            return secret;
        } catch (IOException e) {
            throw new SettingsException(file + ": cannot keep the generated secret: " + e.getMessage());
        }
    }

    /** 48 random bytes, URL-safe: the app.secret that generate-config writes. */
    public static String newSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The sections and keys, for tests that keep production.ini.example complete. */
    public static Map<String, Set<String>> knownKeys() {
        return KNOWN;
    }
}
