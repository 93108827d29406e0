package org.wte.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;
import org.wte.testing.Apache;
import org.wte.testing.Browser;
import org.wte.testing.Chromium;
import org.wte.testing.Launcher;
import org.wte.testing.ProductionSite;
import org.wte.testing.ScratchMariaDb;
import org.wte.testing.Tomcat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * WTE as the deployment guide installs it, end to end: the built target/wte.war in Debian's Tomcat 10 (the
 * shipped context descriptor, AJP connector and JVM options), Debian's Apache 2.4 in front with the shipped
 * deploy/apache/wte-proxy.conf at /wte, MariaDB, a test SMTP server (GreenMail); and in headless Chromium,
 * through Apache's port only: a newcomer registers, confirms by the link from the mail and sets a password,
 * logs in; a teacher (made by `wte create-admin`) creates a module with a part and pages, uploads an image
 * asset and shows it on a page, keeps a "Solutions" page unavailable and schedules it to become available at
 * the next minute on its Timed actions page; the student takes the module and reads it; when the action is
 * due the test runs the command line of cron/wte once (the distribution's bin/wte, the same INI) and the
 * student then finds the solutions through Apache. No page, link, form or redirect names Tomcat's own ports
 * or a path outside the mount.
 *
 * <p>Screenshots of the main pages: target/screenshots/production-NN-*.png (CI keeps them as artefacts; a
 * failure adds production-student-FAILED.png or production-teacher-FAILED.png).
 */
class ProductionInTheBrowserIT {
    private static final String MOUNT = "/wte";
    private static final String SECRET = "production-ajp-secret-6d0e";
    private static final String TEACHER = "tara.teacher@example.org";
    private static final String STUDENT = "stan.student@example.org";
    private static final String PASSWORD = "a long password 7";
    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    private static ScratchMariaDb db;
    private static Path dir;
    private static Path ini;
    private static Tomcat tomcat;
    private static Apache apache;

    private int shot;
    private final List<Path> screenshots = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        String name = ProductionInTheBrowserIT.class.getSimpleName();
        Chromium.assumeInstalled(name);
        Apache.assumeInstalled(name);
        Tomcat.assumeInstalled(name);
        db = ScratchMariaDb.create(name);
        dir = Files.createTempDirectory("wte-production");
        int port = org.wte.testing.TestServer.freePort();
        ini = ProductionSite.writeIni(dir, "http://127.0.0.1:" + port + MOUNT, db, smtp.getSmtp().getPort(), "");
        ProductionSite.initialiseDatabase(ini);
        ProductionSite.createAdmin(ini, TEACHER, PASSWORD);
        tomcat = Tomcat.start(MOUNT, ini, SECRET, null);
        apache = Apache.startOnPort(port, Apache.proxyDefines(MOUNT, tomcat.ajpPort(), SECRET), Apache.shipped("wte-proxy.conf"));
        ProductionSite.awaitLoginPage(apache.url(MOUNT), () -> tomcat.logs() + apache.logs());
        if (Files.isDirectory(Chromium.SCREENSHOTS)) {
            try (var old = Files.newDirectoryStream(Chromium.SCREENSHOTS, "production-*.png")) {
                for (Path p : old) {
                    Files.delete(p);
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (apache != null) {
            apache.close();
        }
        if (tomcat != null) {
            tomcat.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static String url(String path) {
        return apache.url(MOUNT + path);
    }

    @Test
    void aNewcomerATeacherAndCronThroughApache() throws Exception {
        try (Chromium student = Chromium.start("production-student"); Chromium teacher = Chromium.start("production-teacher")) {
            in(student, () -> register(student));
            Ids ids = in(teacher, () -> teach(teacher));
            in(student, () -> learn(student, ids));
            in(teacher, () -> cron(teacher, ids));
            in(student, () -> readSolutions(student, ids));
        } catch (Throwable t) {
            throw new AssertionError(t.getMessage() + "\n" + tomcat.logs() + apache.logs(), t);
        }
        System.out.println("Screenshots of " + getClass().getSimpleName() + ":");
        screenshots.forEach(p -> System.out.println("  " + p));
    }

    interface Scenario<T> {
        T run() throws Exception;
    }

    private static <T> T in(Chromium browser, Scenario<T> scenario) {
        try {
            return scenario.run();
        } catch (Chromium.Failure failure) {
            throw failure;
        } catch (Throwable t) {
            throw browser.fail(String.valueOf(t), t);
        }
    }

    private record Ids(long module, long part, long page, long solutions, ZonedDateTime due) {}

    // ------------------------------------------------------------------------------------------ newcomer

    private Void register(Chromium b) throws Exception {
        b.open(url("/"));
        snap(b, "home");
        b.open(url("/account/register"));
        b.type("#f-email", STUDENT);
        b.type("#f-display_name", "Stan Student");
        snap(b, "register");
        b.go(b.button("main form", "Register"));
        b.assertText("main", STUDENT);
        snap(b, "check-your-mail");

        String link = linkFrom(awaitMail(STUDENT), "/account/confirm/");
        assertTrue(link.startsWith(url("/account/confirm/")), "the mail's link goes through Apache at the mount: " + link);
        b.open(link);
        b.type("#f-password", PASSWORD);
        b.type("#f-repeat", PASSWORD);
        snap(b, "confirm-and-set-password");
        b.go(b.button("main form", "Confirm and set password"));
        b.untilPath(MOUNT + "/account/login");
        b.assertText("main", "Your address is confirmed");
        logIn(b, STUDENT);
        snap(b, "student-logged-in");
        return null;
    }

    // ------------------------------------------------------------------------------------------ teacher

    private Ids teach(Chromium b) throws Exception {
        logIn(b, TEACHER);
        b.open(url("/modules/new"));
        b.type("#f-title", "Production basics");
        b.go(b.button("main form", "Create module"));
        long module = id(b.untilPath(MOUNT + "/parts/\\d+"), "/parts/(\\d+)");
        snap(b, "teacher-module-created");

        b.go(b.link("Add part"));
        b.untilPath(MOUNT + "/parts/" + module + "/new");
        b.type("#f-title", "Getting started");
        b.go(b.button("main form", "Create part"));
        long part = id(b.untilPath(MOUNT + "/parts/\\d+/edit"), "/parts/(\\d+)/edit");

        long page = addPage(b, part, "Welcome");
        long solutions = addPage(b, part, "Solutions");
        setText(b, solutions, "# The answers\n\nThe solutions are released on time.");

        // An image asset of the first page, uploaded on its Assets page, shown on the page.
        b.open(url("/parts/" + page + "/assets"));
        Path image = dir.resolve("logo.png");
        ImageIO.write(picture(), "png", image.toFile());
        b.find("#f-file").sendKeys(image.toString());
        b.go(b.button("form.upload-form", "Upload"));
        b.untilPath(MOUNT + "/parts/" + page + "/assets");
        b.assertText("main", "logo.png");
        snap(b, "teacher-asset-uploaded");
        setText(b, page, "# Welcome\n\nThis is our logo:\n\n![logo](asset:logo.png)\n\nRead on, then wait for the solutions.");
        assertEquals(96L, imageLoaded(b, "article.content img"), "the asset through Apache");

        makeAvailable(b, page);
        makeAvailable(b, part);
        makeAvailable(b, module);

        // The solutions become available at the next minute (two if that is too close to call).
        b.open(url("/parts/" + solutions));
        // The page's button (the administrator's menu also has a "Timed actions", the site-wide one).
        b.go(b.find("a.button[href$='/parts/" + solutions + "/timed-actions']"));
        b.untilPath(MOUNT + "/parts/" + solutions + "/timed-actions");
        new Select(b.find("#f-type")).selectByValue(org.wte.timedtask.ChangeStatusTask.NAME);
        b.go(b.button("form.add-action", "Add…"));
        b.untilPath(MOUNT + "/parts/" + solutions + "/timed-actions/new");
        ZonedDateTime due = ZonedDateTime.now(ZONE).plusMinutes(1).truncatedTo(ChronoUnit.MINUTES);
        if (Duration.between(ZonedDateTime.now(ZONE), due).getSeconds() < 25) {
            due = due.plusMinutes(1);
        }
        b.js("arguments[0].value = arguments[1]", b.find("#f-date"), due.toLocalDate().toString());
        b.js("arguments[0].value = arguments[1]", b.find("#f-time"), due.toLocalTime().toString().substring(0, 5));
        b.find("#f-status-available").click();
        b.go(b.button("main form", "Schedule"));
        b.untilPath(MOUNT + "/parts/" + solutions + "/timed-actions");
        b.assertText("tbody.action .badge", "scheduled");
        snap(b, "teacher-solutions-scheduled");
        return new Ids(module, part, page, solutions, due);
    }

    private long addPage(Chromium b, long part, String title) {
        b.open(url("/parts/" + part + "/new"));
        b.type("#f-title", title);
        b.go(b.button("main form", "Create page"));
        long page = id(b.untilPath(MOUNT + "/parts/\\d+/edit"), "/parts/(\\d+)/edit");
        b.assertText(".flash-success", "Created.");
        return page;
    }

    /** The page's text, set in its editor (CodeMirror) and saved with the Save button. */
    private void setText(Chromium b, long page, String markdown) {
        b.open(url("/parts/" + page + "/edit"));
        b.until("the editor", d -> b.js("const c = document.querySelector('.CodeMirror');"
                + " return !!c && !!c.CodeMirror") == Boolean.TRUE ? true : null);
        b.js("document.querySelector('.CodeMirror').CodeMirror.setValue(arguments[0])", markdown);
        b.go(b.button("#editor-form", "Save"));
        b.untilPath(MOUNT + "/parts/" + page);
        b.assertText(".flash-success", "Saved.");
    }

    private void makeAvailable(Chromium b, long id) {
        b.open(url("/parts/" + id));
        new Select(b.find("#status-select")).selectByValue("available");
        b.go(b.button("form.status-form", "Set status"));
        b.untilPath(MOUNT + "/parts/" + id);
        b.assertText(".flash-success", "The status is now available.");
    }

    // ------------------------------------------------------------------------------------------ student

    private Void learn(Chromium b, Ids ids) throws Exception {
        b.open(url("/parts/" + ids.module()));
        b.assertText(".enrol-box h2", "Take this module");
        snap(b, "student-module-before-registering");
        b.go(b.find(".enrol-box a.button"));
        b.untilPath(MOUNT + "/modules/" + ids.module() + "/enrol");
        b.go(b.button("form.enrol-form", "Take this module"));
        b.untilPath(MOUNT + "/parts/" + ids.module());
        b.assertText(".flash-success", "You are registered to Production basics.");
        b.go(b.link("Getting started"));
        b.untilPath(MOUNT + "/parts/" + ids.part());
        assertFalse(b.text(".child-list").contains("Solutions"), "the solutions are not released yet");
        snap(b, "student-part-before-the-solutions");
        b.go(b.link("Welcome"));
        b.untilPath(MOUNT + "/parts/" + ids.page());
        b.assertText("article.content", "Read on, then wait for the solutions.");
        assertEquals(96L, imageLoaded(b, "article.content img"), "the student sees the asset");
        snap(b, "student-reads-the-page");
        return null;
    }

    /** When the action is due: the command line of cron/wte once, against Tomcat's INI. */
    private Void cron(Chromium b, Ids ids) throws Exception {
        Instant dueAt = ids.due().toInstant();
        while (Instant.now().isBefore(dueAt.plusMillis(500))) {
            Thread.sleep(200);
        }
        Path log = dir.resolve("run-timed-tasks.log");
        ProcessBuilder pb = new ProcessBuilder(cronCommand(ini, log)).directory(dir.toFile());
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("WTE_CONFIG");
        Launcher.Result run = Launcher.start(pb).finish(Duration.ofMinutes(2));
        assertEquals(0, run.exit(), run.toString());
        String logged = Files.readString(log);
        assertTrue(logged.contains("claimed 1, done 1, failed 0"), "the run's summary line in the log: " + logged);

        b.open(url("/parts/" + ids.solutions() + "/timed-actions"));
        b.assertText("tbody.action .badge", "done");
        snap(b, "teacher-action-done");
        return null;
    }

    private Void readSolutions(Chromium b, Ids ids) throws Exception {
        b.open(url("/parts/" + ids.part()));
        b.assertText(".child-list", "Solutions");
        b.go(b.link("Solutions"));
        b.untilPath(MOUNT + "/parts/" + ids.solutions());
        b.assertText("article.content", "The solutions are released on time.");
        snap(b, "student-reads-the-solutions");

        // The same through a plain HTTP client: every redirect stays on Apache's port and in the mount.
        Browser http = new Browser();
        Browser.Page login = http.get(url("/account/login"));
        Browser.Page posted = http.submit(login, "form[action$=/account/login]", Map.of("email", STUDENT, "password", PASSWORD));
        assertEquals(303, posted.status(), posted.body());
        for (Browser.Page p : List.of(login, posted, http.get(apache.url(MOUNT)), http.get(url("/parts/" + ids.solutions())),
                http.get(url("/admin")), http.get(url("/nowhere")))) {
            String location = p.location();
            assertTrue(location.isEmpty() || location.startsWith(MOUNT + "/") || location.startsWith(url("/")),
                    "a redirect leaves Apache's port or the mount: " + location);
            assertNoLeak(p.body(), p.url());
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void logIn(Chromium b, String email) {
        b.open(url("/account/login"));
        b.type("#f-email", email);
        b.type("#f-password", PASSWORD);
        b.go(b.button("main form", "Log in"));
        b.until("the login to finish", d -> d.getCurrentUrl().contains("/account/login") ? null : true);
        b.assertText(".main-nav", "Log out");
    }

    /**
     * A screenshot, after checking that the page is Apache's, and that none of its links, forms, scripts and
     * images points outside the mount or at Tomcat's own ports.
     */
    private void snap(Chromium b, String what) {
        String current = b.driver().getCurrentUrl();
        assertTrue(current.startsWith(url("/")), "the browser stays on Apache's port and the mount: " + current);
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) b.js("return Array.from(document.querySelectorAll('[href],[src],[action]'))"
                + ".map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action'));");
        for (String u : urls) {
            if (u.startsWith("/")) {
                assertTrue(u.startsWith(MOUNT + "/") || u.equals(MOUNT), "a root-absolute URL outside the mount on " + what + ": " + u);
            } else if (u.matches("(?i)https?:.*")) {
                assertTrue(u.startsWith(url("/")), "an absolute URL that is not Apache's on " + what + ": " + u);
            }
        }
        assertNoLeak(b.driver().getPageSource(), current);
        screenshots.add(b.screenshot(String.format("production-%02d-%s", ++shot, what)));
    }

    /** No Tomcat port, no other local origin, no other web application's path. */
    private static void assertNoLeak(String body, String where) {
        for (int port : List.of(tomcat.httpPort(), tomcat.ajpPort())) {
            assertFalse(body.contains(":" + port), where + " names Tomcat's port " + port);
        }
        Matcher m = Pattern.compile("(?i)https?://(127\\.0\\.0\\.1|localhost)(:\\d+)?").matcher(body);
        while (m.find()) {
            assertEquals(apache.url(""), m.group(), where + " names another local origin");
        }
        assertFalse(body.contains("\"/other/"), where + " names the other web application");
    }

    private static MimeMessage awaitMail(String recipient) throws Exception {
        long until = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < until) {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(recipient)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + recipient + " within 30 s");
    }

    private static String linkFrom(MimeMessage mail, String path) {
        Matcher m = Pattern.compile("(http://\\S+" + Pattern.quote(path) + "\\S+)").matcher(GreenMailUtil.getBody(mail));
        assertTrue(m.find(), "no link with " + path + " in:\n" + GreenMailUtil.getBody(mail));
        return m.group(1);
    }

    /** The command of the last line of cron/wte, with the distribution's launcher, the test's INI and log. */
    private static List<String> cronCommand(Path ini, Path log) throws Exception {
        String line = Files.readAllLines(Path.of("cron/wte")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).reduce((a, c) -> c).orElseThrow();
        String command = line.trim().split("\\s+", 7)[6].replace("/opt/wte/bin/wte", Launcher.path().toString())
                .replace("/etc/wte/production.ini", ini.toString())
                .replace("/var/log/wte/run-timed-tasks.log", log.toString());
        return List.of("sh", "-c", command);
    }

    private long imageLoaded(Chromium b, String css) {
        Object width = b.until("a loaded image " + css, d -> b.js("const i = document.querySelector(arguments[0]);"
                + " return i && i.complete && i.naturalWidth > 0 ? i.naturalWidth : null;", css));
        return ((Number) width).longValue();
    }

    private static BufferedImage picture() {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x1d4ed8));
        g.fillRect(0, 0, 48, 64);
        g.setColor(new Color(0xf59e0b));
        g.fillRect(48, 0, 48, 64);
        g.dispose();
        return image;
    }

    private static long id(String url, String regex) {
        Matcher m = Pattern.compile(regex).matcher(url);
        assertTrue(m.find(), url + " does not match " + regex);
        return Long.parseLong(m.group(1));
    }
}
