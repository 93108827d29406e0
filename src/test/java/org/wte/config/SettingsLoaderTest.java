package org.wte.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsLoaderTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef-test"; // 37 characters

    @TempDir
    Path dir;

    // ---------------------------------------------------------------------------------------------- helpers

    /** The two required keys, plus whatever a test adds or overrides; a value of null removes the key. */
    private Map<String, Map<String, String>> minimal() {
        Map<String, Map<String, String>> ini = new LinkedHashMap<>();
        Map<String, String> app = new LinkedHashMap<>();
        app.put("url", "https://teaching.example.org/wte");
        app.put("secret", SECRET);
        ini.put("app", app);
        return ini;
    }

    private Path write(Map<String, Map<String, String>> ini) throws IOException {
        StringBuilder text = new StringBuilder("; written by SettingsLoaderTest\n");
        ini.forEach((section, keys) -> {
            text.append('[').append(section).append("]\n");
            keys.forEach((k, v) -> {
                if (v != null) {
                    text.append(k).append(" = ").append(v).append('\n');
                }
            });
        });
        return write(text.toString());
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("wte-" + UUID.randomUUID() + ".ini");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Settings load(Map<String, Map<String, String>> ini) throws IOException {
        return SettingsLoader.load(write(ini));
    }

    private static Map<String, Map<String, String>> with(Map<String, Map<String, String>> ini, String section,
                                                         String key, String value) {
        ini.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, value);
        return ini;
    }

    /** Loads a file that must be rejected; the message must name the file, the section and the key. */
    private SettingsException rejected(Map<String, Map<String, String>> ini, String section, String key)
            throws IOException {
        Path file = write(ini);
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString() + ": "), "names the file: " + message);
        assertTrue(message.contains("[" + section + "] " + key + ": "), "names [" + section + "] " + key + ": " + message);
        assertFalse(message.contains("\n"), "one line: " + message);
        return e;
    }

    // ---------------------------------------------------------------------------------------------- valid files

    @Test
    void theWorkspaceFileLimitFollowsASmallerUploadLimitUnlessSetAndNeverExceedsIt() throws IOException {
        assertEquals(512L << 10, load(minimal()).workspace().maxFileSize(), "the default");
        assertEquals(64L << 10, load(with(minimal(), "uploads", "max_file_size", "64K")).workspace().maxFileSize(),
                "unset: at most the upload limit");
        assertEquals(32L << 10, load(with(with(minimal(), "uploads", "max_file_size", "64K"), "workspace",
                "max_file_size", "32K")).workspace().maxFileSize());
        rejected(with(with(minimal(), "uploads", "max_file_size", "64K"), "workspace", "max_file_size", "128K"),
                "workspace", "max_file_size");
    }

    @Test
    void aCompleteValidFileLoadsEveryValue() throws IOException {
        Path file = write("""
                ; a comment
                [app]
                url = https://teaching.example.org/wte/
                secret = %s
                timezone = Europe/Berlin
                title = Teaching
                admin_email = Boss@Example.org

                [server]
                host = 0.0.0.0
                http_port = 0
                ajp_port = 8009
                ajp_secret = ajp-secret
                context_path = /
                jvm_route = node1

                [database]
                url = jdbc:mariadb://127.0.0.1:3306/wte
                user = wte
                password = pw
                pool_size = 7

                [registration]
                enabled = false
                domains = example.org
                token_hours = 12

                [uploads]
                max_file_size = 500K
                max_request_size = 2M

                [email]
                host = smtp.example.org
                port = 2525
                security = starttls
                user = mailer
                password = mailpw
                from = Teaching <teaching@example.org>

                [timed_tasks]
                batch_size = 3
                max_attempts = 4
                lease_seconds = 120
                backoff_seconds = 7
                max_seconds = 30

                [logging]
                level = debug
                file = /var/log/wte.log

                [workspace]
                max_file_size = 100K
                max_files = 12
                preview_link_minutes = 30
                """.formatted(SECRET));
        Settings s = SettingsLoader.load(file);

        assertEquals(file.toString(), s.source());
        assertEquals(new Settings.App("https://teaching.example.org/wte", SECRET, ZoneId.of("Europe/Berlin"),
                "Teaching", "boss@example.org"), s.app());
        assertEquals(new Settings.Server("0.0.0.0", 0, 8009, "ajp-secret", "", "node1"), s.server());
        assertEquals(new Settings.Database("jdbc:mariadb://127.0.0.1:3306/wte", "wte", "pw", 7), s.database());
        assertTrue(s.database().isMariaDb());
        assertFalse(s.database().isH2());
        assertEquals(new Settings.Registration(false, List.of("example.org"), 12), s.registration());
        assertEquals(new Settings.Uploads(500L * 1024, 2L * 1024 * 1024), s.uploads());
        assertEquals(new Settings.Email("smtp.example.org", 2525, "starttls", "mailer", "mailpw",
                "Teaching <teaching@example.org>"), s.email());
        assertTrue(s.email().configured());
        assertEquals(new Settings.TimedTasks(3, 4, 120, 7, 30), s.timedTasks());
        assertEquals(new Settings.Logging("DEBUG", "/var/log/wte.log"), s.logging());
        assertEquals(new Settings.Workspace(100L * 1024, 12, 30), s.workspace());
    }

    @Test
    void aFileWithOnlyTheRequiredKeysGetsTheDocumentedDefaults() throws IOException {
        Settings s = load(minimal());
        assertEquals(ZoneId.of("UTC"), s.app().timezone());
        assertEquals("WTE", s.app().title());
        assertEquals("admin@localhost", s.app().adminEmail());
        assertEquals(new Settings.Server("localhost", 8080, 0, "", "/wte", ""), s.server());
        assertEquals(new Settings.Database(SettingsLoader.DEFAULT_H2_URL, "sa", "", 10), s.database());
        assertTrue(s.database().isH2());
        assertEquals(new Settings.Registration(true, List.of(), 48), s.registration());
        assertEquals(new Settings.Uploads(10L << 20, 20L << 20), s.uploads());
        assertEquals(new Settings.Email("", 25, "none", "", "", "WTE <wte@localhost>"), s.email());
        assertFalse(s.email().configured(), "an empty host keeps mails in the outbox");
        assertEquals(new Settings.TimedTasks(10, 5, 300, 60, 50), s.timedTasks());
        assertEquals(new Settings.Logging("INFO", ""), s.logging());
        assertEquals(new Settings.Workspace(512L << 10, 50, 240), s.workspace());
    }

    @Test
    void aMariaDbUrlDefaultsToAnEmptyUser() throws IOException {
        Settings s = load(with(minimal(), "database", "url", "jdbc:mariadb://db.example.org/wte"));
        assertEquals("", s.database().user());
    }

    // ---------------------------------------------------------------------------------------------- rejected files

    @Test
    void anUnknownKeyIsRejected() throws IOException {
        SettingsException e = rejected(with(minimal(), "app", "colour", "blue"), "app", "colour");
        assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
    }

    @Test
    void aKeyWithADotInsteadOfAnUnderscoreIsRejected() throws IOException {
        rejected(with(minimal(), "server", "http.port", "8080"), "server", "http.port");
    }

    @Test
    void anUnknownSectionIsRejected() throws IOException {
        Path file = write(with(minimal(), "fancy", "colour", "blue"));
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("[fancy]"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown section"), e.getMessage());
    }

    @Test
    void aKeyOutsideAnySectionIsRejected() throws IOException {
        Path file = write("stray = 1\n[app]\nurl = https://t.example.org\nsecret = " + SECRET + "\n");
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("stray"), e.getMessage());
    }

    @Test
    void aMissingFileIsReportedByName() {
        Path file = dir.resolve("absent.ini");
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    }

    @ParameterizedTest(name = "[{0}] {1} = {2}")
    @CsvSource(delimiter = '|', value = {
            "server       | http_port        | abc",
            "server       | http_port        | 65536",
            "server       | ajp_port         | -1",
            "server       | context_path     | wte/",
            "server       | context_path     | /wte/",
            "app          | timezone         | Mars/Base",
            "app          | url              | ftp://teaching.example.org",
            "app          | url              | teaching.example.org/wte",
            "app          | admin_email      | nobody",
            "database     | url              | jdbc:postgresql://127.0.0.1/wte",
            "database     | pool_size        | 0",
            "database     | pool_size        | ten",
            "registration | enabled          | maybe",
            "registration | token_hours      | 0",
            "registration | domains          | example.org, not a domain!",
            "uploads      | max_file_size    | 10X",
            "email        | port             | 0",
            "email        | port             | smtp",
            "email        | security         | tls",
            "email        | from             | WTE <not an address",
            "timed_tasks  | batch_size       | 0",
            "timed_tasks  | max_attempts     | -3",
            "timed_tasks  | backoff_seconds  | 1.5",
            "logging      | level            | LOUD",
    })
    void aBadValueIsRejectedWithItsSectionAndKey(String section, String key, String value) throws IOException {
        rejected(with(minimal(), section, key, value), section, key);
    }

    @Test
    void aBadValueMessageSaysWhatIsWrong() throws IOException {
        SettingsException port = rejected(with(minimal(), "server", "http_port", "abc"), "server", "http_port");
        assertTrue(port.getMessage().contains("'abc'"), port.getMessage());
        SettingsException zone = rejected(with(minimal(), "app", "timezone", "Mars/Base"), "app", "timezone");
        assertTrue(zone.getMessage().contains("Mars/Base"), zone.getMessage());
    }

    @Test
    void aRequestLimitBelowTheFileLimitIsRejected() throws IOException {
        Map<String, Map<String, String>> ini = with(minimal(), "uploads", "max_file_size", "20M");
        rejected(with(ini, "uploads", "max_request_size", "10M"), "uploads", "max_request_size");
    }

    @Test
    void aWorkspaceFileLimitAboveTheUploadLimitIsRejectedAndTheDefaultFollowsASmallerOne() throws IOException {
        Map<String, Map<String, String>> small = with(minimal(), "uploads", "max_file_size", "100K");
        assertEquals(100L << 10, load(small).workspace().maxFileSize());
        rejected(with(small, "workspace", "max_file_size", "200K"), "workspace", "max_file_size");
        rejected(with(minimal(), "workspace", "max_files", "0"), "workspace", "max_files");
    }

    @Test
    void anAjpPortWithoutASecretIsRejected() throws IOException {
        rejected(with(minimal(), "server", "ajp_port", "8009"), "server", "ajp_secret");
    }

    @Test
    void aMissingAppUrlIsRejected() throws IOException {
        SettingsException e = rejected(with(minimal(), "app", "url", null), "app", "url");
        assertTrue(e.getMessage().contains("required"), e.getMessage());
        rejected(with(minimal(), "app", "url", ""), "app", "url");
    }

    @Test
    void aMissingAppSecretIsRejected() throws IOException {
        SettingsException e = rejected(with(minimal(), "app", "secret", null), "app", "secret");
        assertTrue(e.getMessage().contains("required"), e.getMessage());
        rejected(with(minimal(), "app", "secret", ""), "app", "secret");
    }

    @Test
    void aMissingAppSectionIsRejected() throws IOException {
        Path file = write("[logging]\nlevel = INFO\n");
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ": [app] "), e.getMessage());
    }

    @Test
    void aSecretShorterThan32CharactersIsRejected() throws IOException {
        String thirtyOne = "x".repeat(31);
        SettingsException e = rejected(with(minimal(), "app", "secret", thirtyOne), "app", "secret");
        assertFalse(e.getMessage().contains(thirtyOne), "the message must not print the secret: " + e.getMessage());
        String thirtyTwo = "x".repeat(32);
        assertEquals(thirtyTwo, load(with(minimal(), "app", "secret", thirtyTwo)).app().secret());
    }

    // ---------------------------------------------------------------------------------------------- ${env:NAME}

    @Test
    void anUnsetEnvironmentVariableIsRejectedByName() throws IOException {
        String name = "WTE_TEST_UNSET_" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
        assertEquals(null, System.getenv(name));
        SettingsException e = rejected(with(minimal(), "database", "password", "${env:" + name + "}"),
                "database", "password");
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void aSetEnvironmentVariableIsSubstituted() throws IOException {
        Map.Entry<String, String> variable = System.getenv().entrySet().stream()
                .filter(en -> en.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") && !en.getValue().isEmpty()
                        && en.getValue().equals(en.getValue().strip()) && !en.getValue().contains("\n"))
                .findFirst().orElseThrow(() -> new AssertionError("no environment variable to test with"));
        Settings s = load(with(minimal(), "database", "password", "<${env:" + variable.getKey() + "}>"));
        assertEquals("<" + variable.getValue() + ">", s.database().password());
    }

    // ---------------------------------------------------------------------------------------------- email.security

    @ParameterizedTest(name = "port {0} -> {1}")
    @CsvSource({"25, none", "465, ssl", "587, starttls", "2525, none"})
    void emailSecurityIsDerivedFromThePort(int port, String security) throws IOException {
        Settings s = load(with(with(minimal(), "email", "host", "smtp.example.org"), "email", "port",
                String.valueOf(port)));
        assertEquals(port, s.email().port());
        assertEquals(security, s.email().security());
    }

    @Test
    void anEmptySecurityIsDerivedToo() throws IOException {
        Settings s = load(with(with(minimal(), "email", "port", "465"), "email", "security", ""));
        assertEquals("ssl", s.email().security());
    }

    @Test
    void anExplicitSecurityWinsOverThePort() throws IOException {
        Settings s = load(with(with(minimal(), "email", "port", "587"), "email", "security", "NONE"));
        assertEquals("none", s.email().security());
        s = load(with(with(minimal(), "email", "port", "25"), "email", "security", "Ssl"));
        assertEquals("ssl", s.email().security());
    }

    // ---------------------------------------------------------------------------------------------- registration.domains

    @Test
    void registrationDomainsAreLowerCasedAndMatchedCaseInsensitively() throws IOException {
        Settings.Registration r = load(with(minimal(), "registration", "domains",
                "Example.ORG, @Uni.Example.EDU,example.org")).registration();
        assertEquals(List.of("example.org", "uni.example.edu"), r.domains());
        assertTrue(r.allows("bob@example.org"));
        assertTrue(r.allows("Bob@EXAMPLE.Org"));
        assertTrue(r.allows("ann@UNI.example.edu"));
        assertFalse(r.allows("eve@other.org"));
        assertFalse(r.allows("eve@example.org.evil.com"), "a domain must match whole, not as a prefix");
        assertFalse(r.allows("eve@notexample.org"), "a domain must match whole, not as a suffix");
    }

    @Test
    void noRegistrationDomainsAllowsEveryone() throws IOException {
        Settings.Registration r = load(minimal()).registration();
        assertTrue(r.domains().isEmpty());
        assertTrue(r.allows("anyone@anywhere.example"));
    }

    // ---------------------------------------------------------------------------------------------- the example file

    private static Path example() {
        return Path.of(System.getProperty("basedir", ".")).resolve("production.ini.example");
    }

    /** Every {@code key =} line under each {@code [section]}, read without the loader. */
    private static Map<String, Set<String>> documentedKeys(Path file) throws IOException {
        Pattern sectionLine = Pattern.compile("^\\[([^\\]]+)]\\s*$");
        Pattern keyLine = Pattern.compile("^([A-Za-z0-9_.]+)\\s*=.*$");
        Map<String, Set<String>> keys = new TreeMap<>();
        String section = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith(";") || l.startsWith("#")) {
                continue;
            }
            Matcher s = sectionLine.matcher(l);
            Matcher k = keyLine.matcher(l);
            if (s.matches()) {
                section = s.group(1);
                assertFalse(keys.containsKey(section), "section [" + section + "] appears twice");
                keys.put(section, new TreeSet<>());
            } else if (k.matches()) {
                if (section == null) {
                    throw new AssertionError("key outside a section in " + file + ": " + line);
                }
                assertTrue(keys.get(section).add(k.group(1)), "[" + section + "] " + k.group(1) + " appears twice");
            } else {
                throw new AssertionError("neither comment, section nor key in " + file + ": " + line);
            }
        }
        return keys;
    }

    @Test
    void productionIniExampleDocumentsExactlyTheKnownKeys() throws IOException {
        Map<String, Set<String>> known = new TreeMap<>();
        SettingsLoader.knownKeys().forEach((section, keys) -> known.put(section, new TreeSet<>(keys)));
        assertEquals(known, documentedKeys(example()));
    }

    @Test
    void productionIniExampleLoads() {
        Settings s = SettingsLoader.load(example());
        assertTrue(s.app().secret().length() >= 32);
        assertTrue(s.database().isMariaDb(), "the example shows the production database");
        assertEquals("none", s.email().security());
    }

    @Test
    void theExampleShippedForGenerateConfigIsTheRepositoryCopy() throws IOException {
        try (InputStream in = SettingsLoader.class.getResourceAsStream("production.ini.example")) {
            assertTrue(in != null, "org/wte/config/production.ini.example is on the class path");
            assertEquals(Files.readString(example(), StandardCharsets.UTF_8),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
