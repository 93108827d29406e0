package org.wte.help;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.wte.account.PasswordHasher;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.Role;
import org.wte.testing.Chromium;
import org.wte.testing.TestServer;

/**
 * A student at a 1366×768 lab screen in headless Chromium: the header's "?" is visible and opens the help of
 * the page; a topic shows its text beside the other topics without scrolling sideways; the search box finds
 * topics and marks the words. Screenshots in target/screenshots/help-*.png.
 */
class HelpInTheBrowserIT {
    static final String PASSWORD = "a long enough password";
    private static TestServer server;
    private static long part;
    private final List<Path> screenshots = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled(HelpInTheBrowserIT.class.getSimpleName());
        server = TestServer.start("/wte", 0, "");
        String hash = new PasswordHasher().hash(PASSWORD);
        server.root().database().run(s -> {
            User student = new User("student@example.org", "Sam Student", UserStatus.ACTIVE, Instant.now());
            student.setPasswordHash(hash);
            s.persist(student);
            Instant now = Instant.now();
            Part m = new Part(null, PartType.MODULE, "Web basics", PartStatus.AVAILABLE, now);
            s.persist(m);
            Part p = new Part(m, PartType.PART, "Week 1", PartStatus.AVAILABLE, now);
            s.persist(p);
            Part page = new Part(p, PartType.PAGE, "First page", PartStatus.AVAILABLE, now);
            s.persist(page);
            s.persist(new ModuleRole(m, student, Role.STUDENT, now));
            part = p.getId();
        });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStudentOpensTheHelpOfThePageAndSearchesIt() throws Exception {
        try (Chromium b = Chromium.start("help-student")) {
            try {
                b.open(server.url("/account/login"));
                b.type("#f-email", "student@example.org");
                b.type("#f-password", PASSWORD);
                b.go(b.button("main form", "Log in"));
                b.until("the login to finish", d -> d.getCurrentUrl().contains("/account/login") ? null : true);

                b.open(server.url("/parts/" + part));
                b.assertText(".part-download", "Download this part for offline reading");
                WebElement help = b.find("header a.help-link");
                Rectangle box = help.getRect();
                assertTrue(help.isDisplayed() && box.getX() + box.getWidth() <= 1366 && box.getY() < 120,
                        "the ? is in the header, on screen: " + box.getX() + "," + box.getY());
                screenshots.add(b.screenshot("help-01-part-page"));
                b.go(help);
                b.untilPath("/wte/help/reading");
                b.assertText("main h1", "Reading parts and pages");
                WebElement article = b.find("article.help");
                WebElement related = b.find("nav.help-related");
                assertTrue(related.getRect().getX() > article.getRect().getX() + article.getRect().getWidth() - 5,
                        "the other topics are beside the text at 1366 pixels");
                assertNoSidewaysScroll(b);
                screenshots.add(b.screenshot("help-02-topic"));

                b.type("#help-q", "offline quizzes");
                b.go(b.button("form.help-search", "Search"));
                b.untilPath("/wte/help/search");
                List<WebElement> marks = b.findAll("ol.help-results mark");
                assertTrue(!marks.isEmpty(), "the words are marked");
                assertEquals("offline", marks.stream().map(WebElement::getText).map(String::toLowerCase)
                        .filter(t -> t.equals("offline")).findFirst().orElse(""));
                assertNoSidewaysScroll(b);
                screenshots.add(b.screenshot("help-03-search"));
                b.go(b.find("ol.help-results li a"));
                b.untilPath("/wte/help/[a-z-]+");
                screenshots.add(b.screenshot("help-04-result"));
            } catch (Chromium.Failure failure) {
                throw failure;
            } catch (Throwable t) {
                throw b.fail(String.valueOf(t), t);
            }
        }
        screenshots.forEach(p -> System.out.println("  " + p));
    }

    private static void assertNoSidewaysScroll(Chromium b) {
        Object wide = b.js("return document.documentElement.scrollWidth > window.innerWidth;");
        assertEquals(Boolean.FALSE, wide, "the page scrolls sideways at 1366 pixels");
    }
}
