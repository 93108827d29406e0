package org.wte.timedtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.account.PasswordHasher;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.testing.Chromium;
import org.wte.testing.Launcher;
import org.wte.testing.TestServer;

/**
 * The issue's scenario in headless Chromium: a teacher schedules a module to become available at the next
 * minute on its Timed actions page; when it is due, the test runs the exact command line of cron/wte (the
 * distribution's bin/wte, beside the running server on the same H2 file, as with `wte serve`); the module's
 * page then shows it available, and the action its run history. Screenshots: target/screenshots/timed-*.png.
 */
class TimedActionInTheBrowserIT {
    private static final String TEACHER = "tina.teacher@example.org";
    private static final String PASSWORD = "a long password 1";
    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled(TimedActionInTheBrowserIT.class.getSimpleName());
        server = TestServer.start("/wte", 0, "");
        String hash = new PasswordHasher().hash(PASSWORD);
        server.root().database().run(s -> {
            User teacher = new User(TEACHER, "Tina Teacher", UserStatus.ACTIVE, Instant.now());
            teacher.setPasswordHash(hash);
            teacher.getGroups().add(server.root().users().group(s, "teacher"));
            s.persist(teacher);
        });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTeacherSchedulesAStatusChangeAndCronCarriesItOut() throws Exception {
        try (Chromium b = Chromium.start("timed-teacher")) {
            try {
                scenario(b);
            } catch (Chromium.Failure failure) {
                throw failure;
            } catch (Throwable t) {
                throw b.fail(String.valueOf(t), t);
            }
        }
    }

    private void scenario(Chromium b) throws Exception {
        b.open(server.url("/account/login"));
        b.type("#f-email", TEACHER);
        b.type("#f-password", PASSWORD);
        b.go(b.button("main form", "Log in"));
        b.until("the login to finish", d -> d.getCurrentUrl().contains("/account/login") ? null : true);

        b.open(server.url("/modules/new"));
        b.type("#f-title", "Timed basics");
        b.go(b.button("main form", "Create module"));
        long module = id(b.untilPath("/wte/parts/\\d+"), "/parts/(\\d+)");
        b.assertText(".part-meta .badge-unavailable", "unavailable");

        b.go(b.link("Timed actions"));
        b.untilPath("/wte/parts/" + module + "/timed-actions");
        b.assertText("main", "No timed actions yet.");
        new org.openqa.selenium.support.ui.Select(b.find("#f-type")).selectByValue(ChangeStatusTask.NAME);
        b.go(b.button("form.add-action", "Add…"));
        b.untilPath("/wte/parts/" + module + "/timed-actions/new");

        // The next whole minute on the clocks of the configured zone (two if it is too close to call).
        ZonedDateTime due = ZonedDateTime.now(ZONE).plusMinutes(1).truncatedTo(ChronoUnit.MINUTES);
        if (Duration.between(ZonedDateTime.now(ZONE), due).getSeconds() < 15) {
            due = due.plusMinutes(1);
        }
        b.js("arguments[0].value = arguments[1]", b.find("#f-date"), due.toLocalDate().toString());
        b.js("arguments[0].value = arguments[1]", b.find("#f-time"), due.toLocalTime().toString().substring(0, 5));
        b.find("#f-status-available").click();
        b.screenshot("timed-01-schedule-form");
        b.go(b.button("main form", "Schedule"));
        b.untilPath("/wte/parts/" + module + "/timed-actions");
        b.assertText("tbody.action", "Make it available");
        b.assertText("tbody.action .badge", "scheduled");
        b.assertText("tbody.action .when", due.getOffset().getTotalSeconds() == 0 ? "(UTC+00:00)" : "(UTC+01:00)");
        b.screenshot("timed-02-scheduled");

        b.open(server.url("/modules?view=mine"));
        b.assertText("main", "Timed basics");
        assertTrue(!b.findAll(".badge-timed").isEmpty(), "the module list shows the upcoming action to its editor");

        // When it is due: the cron file's own command line, with this installation's paths.
        Instant dueAt = due.toInstant();
        while (Instant.now().isBefore(dueAt.plusMillis(500))) {
            Thread.sleep(200);
        }
        Path log = server.directory().resolve("run-timed-tasks.log");
        ProcessBuilder pb = new ProcessBuilder(cronCommand(server.directory().resolve("test.ini"), log))
                .directory(server.directory().toFile());
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().remove("JAVA_OPTS");
        Launcher.Result cron = Launcher.start(pb).finish(Duration.ofMinutes(2));
        assertEquals(0, cron.exit(), cron.toString());
        String logged = Files.readString(log);
        assertTrue(logged.contains("claimed 1, done 1, failed 0"), "the run's summary line in the log: " + logged);

        b.open(server.url("/parts/" + module));
        b.assertNoElement(".part-meta .badge-unavailable", "the module is no longer unavailable");
        b.screenshot("timed-03-module-available");
        b.go(b.link("Timed actions"));
        b.untilPath("/wte/parts/" + module + "/timed-actions");
        b.assertText("tbody.action .badge", "done");
        b.assertText("tbody.action .result", "Status set to available (was unavailable).");
        b.js("document.querySelectorAll('details.history').forEach(d => d.open = true)");
        b.assertText("tbody.action details.history", "1 attempt");
        b.assertText("tbody.action .history-table", "pid");
        b.assertText("tbody.action .history-table", "done");
        b.screenshot("timed-04-done-with-history");
    }

    /** The command of the last line of cron/wte, with the distribution's launcher, the test's INI and log. */
    static List<String> cronCommand(Path ini, Path log) throws Exception {
        String line = Files.readAllLines(Path.of("cron/wte")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).reduce((a, c) -> c).orElseThrow();
        String[] fields = line.trim().split("\\s+", 7);
        assertEquals("tomcat", fields[5], "cron runs it as the web server's user");
        String command = fields[6].replace("/opt/wte/bin/wte", Launcher.path().toString())
                .replace("/etc/wte/production.ini", ini.toString())
                .replace("/var/log/wte/run-timed-tasks.log", log.toString());
        return new ArrayList<>(List.of("sh", "-c", command));
    }

    private static long id(String path, String regex) {
        Matcher m = Pattern.compile(regex).matcher(path);
        assertTrue(m.find(), path);
        return Long.parseLong(m.group(1));
    }
}
