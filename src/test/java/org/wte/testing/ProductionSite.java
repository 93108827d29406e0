package org.wte.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An installation's INI file as the deployment guide writes it, on a scratch MariaDB database, plus the
 * admin's commands run with the distribution's launcher (bin/wte) against it.
 */
public final class ProductionSite {
    private ProductionSite() {}

    /**
     * Writes {@code dir/production.ini}: app.url is the address users see (Apache's), mail to the SMTP port
     * (0: none), the [server] section of `wte serve` from {@code server} (may be empty).
     */
    public static Path writeIni(Path dir, String appUrl, ScratchMariaDb db, int smtpPort, String server) throws IOException {
        Path ini = dir.resolve("production.ini");
        Files.writeString(ini, """
                [app]
                url = %s
                secret = production-test-secret-0123456789-0123456789
                timezone = Europe/London
                title = WTE production test
                admin_email = admin@example.org
                [server]
                %s
                [database]
                url = %s
                user = %s
                password = %s
                [email]
                host = %s
                port = %d
                from = WTE <wte@example.org>
                """.formatted(appUrl, server, db.url(), ScratchMariaDb.USER, ScratchMariaDb.PASSWORD,
                smtpPort > 0 ? "127.0.0.1" : "", smtpPort > 0 ? smtpPort : 25));
        return ini;
    }

    /**
     * Polls the login page at {@code baseUrl} (e.g. Apache's http://127.0.0.1:port/wte) until WTE answers
     * 200 (the WAR deploys after Tomcat's start); fails after 120 s with the logs {@code logs} gives.
     */
    public static void awaitLoginPage(String baseUrl, java.util.function.Supplier<String> logs) throws Exception {
        Browser b = new Browser();
        long deadline = System.currentTimeMillis() + 120_000;
        String last = "nothing";
        while (System.currentTimeMillis() < deadline) {
            try {
                Browser.Page page = b.get(baseUrl + "/account/login");
                if (page.status() == 200) {
                    return;
                }
                last = page.status() + "\n" + page.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("WTE did not answer at " + baseUrl + " within 120 s; last: " + last + "\n" + logs.get());
    }

    /** `wte initialise-database INI`: the schema, as the guide's installation step does. */
    public static void initialiseDatabase(Path ini) throws IOException, InterruptedException {
        Launcher.Result r = Launcher.run(ini.getParent(), Duration.ofMinutes(2), "initialise-database", ini.toString());
        assertEquals(0, r.exit(), "wte initialise-database: " + r);
    }

    /** `wte create-admin EMAIL -c INI --password-stdin`. */
    public static void createAdmin(Path ini, String email, String password) throws IOException, InterruptedException {
        ProcessBuilder pb = Launcher.command(ini.getParent(), "create-admin", email, "-c", ini.toString(), "--password-stdin");
        Path input = Files.createTempFile(ini.getParent(), "password", ".txt");
        Files.writeString(input, password + "\n");
        Path out = ini.getParent().resolve("create-admin.out");
        Process p = pb.redirectInput(input.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean done = p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
        Files.delete(input);
        assertEquals(true, done, "wte create-admin finished");
        assertEquals(0, p.exitValue(), "wte create-admin: " + Files.readString(out));
    }
}
