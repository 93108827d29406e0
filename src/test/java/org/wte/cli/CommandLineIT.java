package org.wte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wte.account.PasswordHasher;
import org.wte.testing.Launcher;

/**
 * The `wte` command line as users and cron run it: the real launcher of the distribution
 * (target/wte/bin/wte, built by `mvn package`) as a separate process, in a temporary working directory.
 */
class CommandLineIT {
    private static final String SECRET = "cli-test-secret-cli-test-secret-0123456789abcdef";
    @TempDir
    Path work;

    @BeforeAll
    static void findLauncher() {
        Launcher.path(); // fails at once, saying why, when the distribution was not built
    }

    // ---------------------------------------------------------------- --version

    @Test
    void versionNamesWteAndTheBuild() throws Exception {
        Result r = run(null, "--version");
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.strip().matches("WTE \\d+\\.\\d+\\S*"), "version line: " + r);
    }

    // ---------------------------------------------------------------- generate-config / check-config

    @Test
    void generateConfigWritesAFreshSecretAndNeverOverwrites() throws Exception {
        Path first = work.resolve("first.ini");
        Path second = work.resolve("second.ini");
        Result r1 = run(null, "generate-config", first.toString());
        assertEquals(0, r1.exit, r1.toString());
        assertTrue(r1.out.contains("Wrote " + first), r1.toString());
        Result r2 = run(null, "generate-config", second.toString());
        assertEquals(0, r2.exit, r2.toString());

        String secret1 = secretOf(first);
        String secret2 = secretOf(second);
        assertTrue(secret1.length() >= 60, "a long random secret: " + secret1);
        assertTrue(secret1.matches("[A-Za-z0-9_-]+"), "URL-safe secret: " + secret1);
        assertFalse(secret1.contains("CHANGE-ME"), "the example's placeholder was replaced");
        assertNotEquals(secret1, secret2, "each run makes a fresh secret");

        // An existing file is left alone.
        String before = Files.readString(first);
        Result again = run(null, "generate-config", first.toString());
        assertEquals(1, again.exit, again.toString());
        assertOneLine(again.err);
        assertTrue(again.err.startsWith("wte: "), again.toString());
        assertTrue(again.err.contains(first.toString()), again.toString());
        assertNoStackTrace(again);
        assertEquals(before, Files.readString(first), "the existing file is unchanged");

        // A directory that does not exist is named, with how to make it.
        Path nowhere = work.resolve("etc-wte").resolve("production.ini");
        Result missing = run(null, "generate-config", nowhere.toString());
        assertEquals(1, missing.exit, missing.toString());
        assertOneLine(missing.err);
        assertTrue(missing.err.contains("the directory " + nowhere.getParent() + " does not exist; create it first"),
                missing.toString());

        // The generated file is valid as it is, and check-config masks the secrets.
        Result check = run(null, "check-config", first.toString());
        assertEquals(0, check.exit, check.toString());
        assertTrue(check.out.contains(first + " is valid"), check.toString());
        assertTrue(check.out.contains("secret = ********"), check.toString());
        assertFalse(check.out.contains(secret1), "check-config must not print the secret:\n" + check.out);
        assertFalse(check.err.contains(secret1), "check-config must not print the secret");
        assertNoStackTrace(check);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown key  | [app]\\nurl = https://example.org/wte\\nsecret = " + SECRET + "\\ncolour = blue | [app] colour",
        "bad value    | [app]\\nurl = https://example.org/wte\\nsecret = " + SECRET
                + "\\n[database]\\npool_size = lots | [database] pool_size",
        "missing url  | [app]\\nsecret = " + SECRET + "\\ntitle = No URL | [app] url",
        "short secret | [app]\\nurl = https://example.org/wte\\nsecret = too-short | [app] secret",
        "bad timezone | [app]\\nurl = https://example.org/wte\\nsecret = " + SECRET
                + "\\ntimezone = Mars/Olympus | [app] timezone",
    })
    void checkConfigNamesTheFileSectionAndKeyOnOneLine(String name, String ini, String sectionAndKey) throws Exception {
        Path file = work.resolve("broken.ini");
        Files.writeString(file, ini.replace("\\n", "\n") + "\n");
        Result r = run(null, "check-config", file.toString());
        assertEquals(2, r.exit, r.toString());
        assertOneLine(r.err);
        assertTrue(r.err.contains(file.toString()), "names the file: " + r);
        assertTrue(r.err.contains(sectionAndKey), "names " + sectionAndKey + ": " + r);
        assertNoStackTrace(r);
        assertFalse(r.out.contains("is valid"), r.toString());
    }

    // ---------------------------------------------------------------- initialise-database

    @Test
    void initialiseDatabaseMigratesOnceThenHasNothingToDo() throws Exception {
        Path ini = writeIni("");
        Result first = run(null, "initialise-database", ini.toString());
        assertEquals(0, first.exit, first.toString());
        Matcher m = Pattern.compile("Applied (\\d+) migration\\(s\\)").matcher(first.out);
        assertTrue(m.find(), first.toString());
        assertTrue(Integer.parseInt(m.group(1)) > 0, first.toString());
        assertTrue(tableExists("APP_USER"), "the schema is there");

        Result second = run(null, "initialise-database", ini.toString());
        assertEquals(0, second.exit, second.toString());
        assertTrue(second.out.contains("up to date"), second.toString());
        assertTrue(second.out.contains("nothing to do"), second.toString());
        assertFalse(second.out.contains("Applied"), second.toString());
        assertFalse(Files.exists(work.resolve("data")), "a configured database needs no ./data");
    }

    // ---------------------------------------------------------------- create-admin

    @Test
    void createAdminPrintsAOneTimePasswordOrTakesOneFromStandardInput() throws Exception {
        Path ini = initialisedDatabase();

        Result generated = run(null, "create-admin", "Teacher@Example.org", "-c", ini.toString());
        assertEquals(0, generated.exit, generated.toString());
        Matcher m = Pattern.compile("One-time password: (\\S+)").matcher(generated.out);
        assertTrue(m.find(), generated.toString());
        String password = m.group(1);
        assertTrue(password.length() >= 12, "a long generated password: " + password);
        String hash = passwordHashOf("teacher@example.org");
        assertNotNull(hash, "the administrator exists (normalised e-mail)");
        assertTrue(new PasswordHasher().verify(password, hash), "the printed password is the one stored");
        assertTrue(isAdministrator("teacher@example.org"));

        Result fromStdin = run("a long password\n", "create-admin", "other@example.org", "-c", ini.toString(),
                "--password-stdin");
        assertEquals(0, fromStdin.exit, fromStdin.toString());
        assertTrue(fromStdin.out.contains("other@example.org"), fromStdin.toString());
        assertFalse(fromStdin.out.toLowerCase().contains("password:"), "prints no password: " + fromStdin);
        assertFalse(fromStdin.out.contains("a long password"), fromStdin.toString());
        assertTrue(new PasswordHasher().verify("a long password", passwordHashOf("other@example.org")));
        assertTrue(isAdministrator("other@example.org"));

        Result tooShort = run("short\n", "create-admin", "third@example.org", "-c", ini.toString(),
                "--password-stdin");
        assertEquals(1, tooShort.exit, tooShort.toString());
        assertOneLine(tooShort.err);
        assertTrue(tooShort.err.startsWith("wte: "), tooShort.toString());
        assertTrue(tooShort.err.contains("password") && tooShort.err.contains(String.valueOf(PasswordHasher.MIN_LENGTH)),
                "says the password is too short: " + tooShort);
        assertNoStackTrace(tooShort);
        assertEquals(null, passwordHashOf("third@example.org"), "no account was made");

        Result badEmail = run(null, "create-admin", "not-an-address", "-c", ini.toString());
        assertEquals(1, badEmail.exit, badEmail.toString());
        assertOneLine(badEmail.err);
        assertTrue(badEmail.err.startsWith("wte: ") && badEmail.err.contains("not-an-address"), badEmail.toString());
        assertNoStackTrace(badEmail);
        assertFalse(badEmail.out.contains("password"), badEmail.toString());
    }

    // ---------------------------------------------------------------- run-timed-tasks

    @Test
    void runTimedTasksPrintsOneSummaryLineAndSaysMailsWaitWithoutSmtp() throws Exception {
        Path ini = initialisedDatabase();
        Result idle = run(null, "run-timed-tasks", ini.toString());
        assertEquals(0, idle.exit, idle.toString());
        assertOneLine(idle.out);
        assertTrue(idle.out.startsWith("wte run-timed-tasks: claimed 0, done 0, failed 0, retried 0, late 0, "
                + "mails sent 0, "), idle.toString());
        assertFalse(idle.out.contains("mail(s) wait"), idle.toString());

        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO mail_outbox (recipient, subject, body_text, status, attempts, created_at, "
                    + "next_attempt_at) VALUES ('student@example.org', 'Hello', 'Body', 'PENDING', 0, "
                    + "TIMESTAMP '2000-01-01 00:00:00', TIMESTAMP '2000-01-01 00:00:00')");
        }
        Result waiting = run(null, "run-timed-tasks", ini.toString());
        assertEquals(0, waiting.exit, waiting.toString());
        assertOneLine(waiting.out);
        assertTrue(waiting.out.contains("(1 mail(s) wait: no SMTP server is configured in [email] host)"),
                waiting.toString());
        assertTrue(waiting.out.contains("[email] host"), waiting.toString());
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT status, attempts FROM mail_outbox")) {
            assertTrue(rs.next());
            assertEquals("PENDING", rs.getString(1), "the mail still waits");
            assertEquals(0, rs.getInt(2), "no attempt was made");
        }
    }

    // ---------------------------------------------------------------- serve

    @Test
    void serveRefusesAjpWithoutASecret() throws Exception {
        Path ini = writeIni("[server]\nhost = 127.0.0.1\nhttp_port = " + freePort() + "\najp_port = " + freePort() + "\n");
        Result r = run(null, "serve", ini.toString());
        assertEquals(2, r.exit, r.toString());
        assertOneLine(r.err);
        assertTrue(r.err.contains("[server] ajp_secret"), r.toString());
        assertTrue(r.err.contains(ini.toString()), r.toString());
        assertNoStackTrace(r);
    }

    @Test
    void serveOnABusyPortSaysSoInOneLineAndExits() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            Path ini = writeIni("[server]\nhost = 127.0.0.1\nhttp_port = " + busy.getLocalPort() + "\n");
            Result r = run(null, "serve", ini.toString());
            assertEquals(1, r.exit, r.toString());
            assertOneLine(r.err);
            assertTrue(r.err.contains("cannot listen on 127.0.0.1:" + busy.getLocalPort()), r.toString());
            assertNoStackTrace(r);
        }
    }

    @Test
    void serveStartsWithHttpAndAjpAndStopsCleanlyOnSigterm() throws Exception {
        int httpPort = freePort();
        int iniHttpPort = freePort();
        int ajpPort = freePort();
        String title = "CLI serve 5150";
        // The INI's http_port differs: --port must win.
        Path ini = writeIni("[server]\nhost = 127.0.0.1\nhttp_port = " + iniHttpPort + "\najp_port = " + ajpPort
                + "\najp_secret = s3cret\ncontext_path = /wte\n", title);
        Path out = work.resolve("serve.out");
        Path err = work.resolve("serve.err");
        ProcessBuilder pb = command("serve", "--port", String.valueOf(httpPort), ini.toString());
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI home = URI.create("http://127.0.0.1:" + httpPort + "/wte/");
            HttpResponse<String> page = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    fail("wte serve exited with " + process.exitValue() + " before answering:\n" + output(out, err));
                }
                try {
                    page = http.send(HttpRequest.newBuilder(home).timeout(Duration.ofSeconds(5)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (page.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            assertNotNull(page, "no answer at " + home + " within 60 s:\n" + output(out, err));
            assertEquals(200, page.statusCode(), "home page:\n" + page.body() + "\n" + output(out, err));
            assertTrue(page.body().contains(title), "the page shows the site title:\n" + page.body());
            assertFalse(listening(iniHttpPort), "--port overrides [server] http_port");

            try (Socket ajp = new Socket()) {
                ajp.connect(new InetSocketAddress("127.0.0.1", ajpPort), 2000);
                assertTrue(ajp.isConnected(), "AJP accepts connections on 127.0.0.1:" + ajpPort);
            }
            String console = Files.readString(out);
            assertTrue(console.contains("AJP 127.0.0.1:" + ajpPort), "announces AJP:\n" + console);
            assertFalse(console.contains("s3cret") || Files.readString(err).contains("s3cret"),
                    "the AJP secret is not printed");

            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(20, TimeUnit.SECONDS),
                    "wte serve did not stop within 20 s of SIGTERM:\n" + output(out, err));
            assertFalse(listening(httpPort), "HTTP port released after shutdown");
            assertFalse(listening(ajpPort), "AJP port released after shutdown");
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertFalse(Files.exists(work.resolve("data")), "with a configured database, ./data is not needed");
    }

    // ---------------------------------------------------------------- helpers

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    private ProcessBuilder command(String... args) {
        return Launcher.command(work, args);
    }

    /** Runs the launcher to its end (at most 2 minutes), with stdin (or none) and captured output. */
    private Result run(String stdin, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        ProcessBuilder pb = command(args).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("wte " + String.join(" ", args) + " did not finish within 2 minutes:\n" + output(out, err));
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private static String output(Path out, Path err) throws IOException {
        return "--- stdout:\n" + Files.readString(out) + "--- stderr:\n" + Files.readString(err);
    }

    private Path writeIni(String extra) throws IOException {
        return writeIni(extra, "CLI test");
    }

    private Path writeIni(String extra, String title) throws IOException {
        Path ini = work.resolve("wte.ini");
        Files.writeString(ini, """
                [app]
                url = http://127.0.0.1:8080/wte
                secret = %s
                title = %s
                admin_email = admin@example.org
                [database]
                url = %s
                %s
                """.formatted(SECRET, title, dbUrl(), extra));
        return ini;
    }

    private Path initialisedDatabase() throws Exception {
        Path ini = writeIni("");
        Result r = run(null, "initialise-database", ini.toString());
        assertEquals(0, r.exit, r.toString());
        return ini;
    }

    private String dbUrl() {
        return "jdbc:h2:file:" + work.toAbsolutePath().resolve("db") + ";MODE=MariaDB;AUTO_SERVER=TRUE";
    }

    /** Straight through H2's driver: DriverManager's list may have been changed by a web application's stop. */
    private Connection connect() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "sa");
        login.setProperty("password", "");
        Connection c = new org.h2.Driver().connect(dbUrl(), login);
        c.setAutoCommit(true);
        return c;
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }

    private String passwordHashOf(String email) throws SQLException {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM app_user WHERE email = ?")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private boolean isAdministrator(String email) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM app_user u "
                + "JOIN user_group ug ON ug.user_id = u.id JOIN permission_group g ON g.id = ug.group_id "
                + "WHERE u.email = ? AND g.name = 'administrator' AND u.status = 'ACTIVE'")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    private static String secretOf(Path ini) throws IOException {
        Matcher m = Pattern.compile("(?m)^secret = (\\S+)$").matcher(Files.readString(ini));
        assertTrue(m.find(), "no secret line in " + ini);
        return m.group(1);
    }

    private static void assertOneLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "exactly one line expected, got:\n" + text);
    }

    private static void assertNoStackTrace(Result r) {
        String all = r.out + r.err;
        assertFalse(all.contains("at org."), "stack trace in output:\n" + r);
        assertFalse(all.contains("Exception"), "exception in output:\n" + r);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
