package org.wte.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;
import org.wte.testing.Chromium;
import org.wte.testing.TestServer;

/**
 * time-on-page.js in headless Chromium: a student reads a page for a while, and the beacon sent when they
 * leave it (pagehide) or switch to another tab (visibilitychange to hidden) is recorded by the server; the
 * part page then shows the student's bar; the teacher's dashboard is screenshot at 1366×768
 * (target/screenshots/progress-*.png).
 */
class TimeOnPageInTheBrowserIT {
    static TestServer server;
    static Classroom room;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled("TimeOnPageInTheBrowserIT");
        server = TestServer.start("/wte", 0, "");
        room = new Classroom(server, List.of("Ann Archer", "Bob Baker", "Cleo Carter"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void logIn(Chromium b, String email) {
        b.open(server.url("/account/login"));
        b.type("#f-email", email);
        b.type("#f-password", Classroom.PASSWORD);
        b.go(b.button("main form", "Log in"));
        b.until("the login to finish", d -> d.getCurrentUrl().contains("/account/login") ? null : true);
    }

    /** Reads like a person: moves the pointer, scrolls, presses keys, for about this many seconds. */
    private void read(Chromium b, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds; i++) {
            new Actions(b.driver()).moveByOffset(i % 2 == 0 ? 5 : -5, 3).perform();
            b.js("window.scrollBy(0, 10);");
            new Actions(b.driver()).sendKeys(Keys.ARROW_DOWN).perform();
            Thread.sleep(1000);
        }
    }

    private long waitForSeconds(Chromium b, String email, long page) {
        return b.until("the server to record time on page " + page, d -> {
            long s = room.seconds(email, page);
            return s > 0 ? s : null;
        });
    }

    private void assertCleanConsole(Chromium b, String where) {
        List<String> errors = b.console().stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
        if (!errors.isEmpty()) {
            throw b.fail("console errors at " + where + ":\n  " + String.join("\n  ", errors), null);
        }
    }

    @Test
    void aStudentsReadingIsRecordedWhenTheyLeaveOrHideThePage() throws Exception {
        String email = "annarcher@example.org";
        long first = room.pages.get(0);
        long second = room.pages.get(1);
        try (Chromium student = Chromium.start("progress-student")) {
            logIn(student, email);
            long opened = System.nanoTime();
            student.open(server.url("/parts/" + first));
            student.find("#time-on-page");
            assertEquals(Boolean.TRUE, student.js("return document.visibilityState === 'visible';"));
            read(student, 5);
            assertEquals(0, room.seconds(email, first), "nothing is sent while the student reads (under a minute)");
            // Leaving the page: pagehide sends the beacon.
            student.go(student.link("Headings →"));
            student.untilPath("/wte/parts/" + second);
            long elapsed = (System.nanoTime() - opened) / 1_000_000_000L;
            long recorded = waitForSeconds(student, email, first);
            assertTrue(recorded >= 1 && recorded <= elapsed + 1,
                    "active seconds between 1 and the " + elapsed + " s the page was open: " + recorded);

            // Hiding the page: another tab in front makes it hidden, and visibilitychange sends the beacon.
            read(student, 3);
            String readingTab = student.driver().getWindowHandle();
            student.driver().switchTo().newWindow(WindowType.TAB);
            student.driver().get(server.url("/modules"));
            long hidden = waitForSeconds(student, email, second);
            assertTrue(hidden >= 1, "recorded when hidden: " + hidden);
            student.driver().switchTo().window(readingTab);
            assertCleanConsole(student, "the pages read");

            // The part page shows the student's progress.
            student.open(server.url("/parts/" + room.part));
            student.assertText(".progress-count", "2 of 4 pages visited");
            assertEquals("2", student.find("progress.progress-meter").getAttribute("value"));
            assertEquals("4", student.find("progress.progress-meter").getAttribute("max"));
            student.assertText(".progress-time", "Time spent in this part:");
            assertTrue(!student.text(".progress-time").endsWith(": 0 s"), student.text(".progress-time"));
            Path shot = student.screenshot("progress-student-part");
            assertTrue(shot.toFile().length() > 0);
            assertCleanConsole(student, "the part page");
        }
    }

    @Test
    void theTeachersDashboardAt1366x768() throws Exception {
        // Some progress to draw: Bob read two pages, Cleo one; Ann's test may have run or not.
        server.root().database().run(s -> {
            long bob = room.users.get("bobbaker@example.org");
            long cleo = room.users.get("cleocarter@example.org");
            java.time.Instant now = java.time.Instant.now();
            server.root().pageVisits().recordVisit(s, bob, room.pages.get(0), now);
            server.root().pageVisits().addSeconds(s, bob, room.pages.get(0), 95, now);
            server.root().pageVisits().recordVisit(s, bob, room.pages.get(1), now);
            server.root().pageVisits().addSeconds(s, bob, room.pages.get(1), 40, now);
            server.root().pageVisits().recordVisit(s, cleo, room.pages.get(0), now);
            server.root().pageVisits().addSeconds(s, cleo, room.pages.get(0), 20, now);
        });
        try (Chromium teacher = Chromium.start("progress-teacher")) {
            logIn(teacher, "teacher@example.org");
            teacher.open(server.url("/parts/" + room.pages.get(0)));
            teacher.assertNoElement("#time-on-page", "a teacher's reading is not timed");
            teacher.open(server.url("/parts/" + room.part));
            teacher.find("section.progress-summary #progress-completion svg");
            teacher.screenshot("progress-teacher-part");
            teacher.go(teacher.link("Each student's progress"));
            teacher.untilPath("/wte/parts/" + room.part + "/progress");
            teacher.find("table.progress-students");
            assertEquals(3, teacher.findAll("table.progress-students tbody tr").size());
            Number width = (Number) teacher.js("return document.documentElement.scrollWidth;");
            Number viewport = (Number) teacher.js("return window.innerWidth;");
            assertTrue(width.intValue() <= viewport.intValue(), "no sideways scrolling at 1366×768: " + width + " > " + viewport);
            teacher.screenshot("progress-teacher-dashboard");
            teacher.open(server.url("/parts/" + room.module));
            teacher.find("section.progress-summary table.progress-parts");
            teacher.screenshot("progress-teacher-module");
            assertCleanConsole(teacher, "the dashboard");
        }
    }
}
