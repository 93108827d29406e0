package org.wte.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
import org.wte.web.CurrentUser;

/**
 * The scenario in headless Chromium at 1366×768: a student answers a quiz wrongly and is told
 * "Incorrect", answers rightly and is told "Correct", reloads and finds their answer ticked with its result;
 * then the teacher's quiz results show that question as "correct later" = 1, drawn as a chart. Screenshots:
 * target/screenshots/quiz-*.png.
 */
class QuizInTheBrowserIT {
    private static final String PASSWORD = "a long password 1";
    private static TestServer server;
    private static long page;
    private static long module;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled(QuizInTheBrowserIT.class.getSimpleName());
        server = TestServer.start("/wte", 0, "");
        String hash = new PasswordHasher().hash(PASSWORD);
        long[] ids = server.root().database().inTransaction(s -> {
            User teacher = new User("tess@example.org", "Tess Teacher", UserStatus.ACTIVE, Instant.now());
            teacher.setPasswordHash(hash);
            teacher.getGroups().add(server.root().users().group(s, "teacher"));
            s.persist(teacher);
            User student = new User("sam@example.org", "Sam Student", UserStatus.ACTIVE, Instant.now());
            student.setPasswordHash(hash);
            s.persist(student);
            User classmate = new User("kim@example.org", "Kim Classmate", UserStatus.ACTIVE, Instant.now());
            s.persist(classmate);
            Instant now = Instant.now();
            Part m = new Part(null, PartType.MODULE, "Web basics", PartStatus.AVAILABLE, now);
            s.persist(m);
            Part p = new Part(m, PartType.PART, "HTML", PartStatus.AVAILABLE, now);
            s.persist(p);
            Part g = new Part(p, PartType.PAGE, "What is HTML?", PartStatus.AVAILABLE, now);
            s.persist(g);
            s.persist(new ModuleRole(m, teacher, Role.OWNER, now));
            s.persist(new ModuleRole(m, student, Role.STUDENT, now));
            s.persist(new ModuleRole(m, classmate, Role.STUDENT, now));
            return new long[] {m.getId(), g.getId(), teacher.getId()};
        });
        module = ids[0];
        page = ids[1];
        CurrentUser teacher = new CurrentUser(ids[2], "tess@example.org", "Tess Teacher", Set.of(), false, false, false);
        server.root().database().run(s -> server.root().partService().update(s, teacher, page, null, null,
                QuizFixture.QUIZ, null));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStudentAnswersWronglyThenRightlyAndTheTeacherSeesCorrectLater() throws Exception {
        List<Path> shots = new java.util.ArrayList<>();
        try (Chromium b = Chromium.start("quiz-student")) {
            in(b, () -> {
                logIn(b, "sam@example.org");
                b.open(server.url("/parts/" + page));
                WebElement check = b.until("the Check answers button", d -> {
                    List<WebElement> buttons = b.findAll(".wte-quiz button.wte-quiz-check");
                    return buttons.isEmpty() ? null : buttons.get(0);
                });
                assertEquals("Check answers", check.getText());
                String live = b.find(".wte-quiz .wte-quiz-status").getAttribute("aria-live");
                assertEquals("polite", live, "results are announced");

                choose(b, 0, 0); // "High Tech Modern Language": wrong
                check.click();
                b.assertText(".wte-quiz fieldset[data-question='0'] .wte-quiz-result", "Incorrect");
                b.assertText(".wte-quiz .wte-quiz-status", "0 of 1 answer is correct.");
                shots.add(b.screenshot("quiz-01-student-incorrect"));

                choose(b, 0, 1); // "HyperText Markup Language": right
                b.until("the old result to go once the answer changes",
                        d -> b.findAll(".wte-quiz fieldset[data-question='0'] .wte-quiz-result").isEmpty() ? true : null);
                check.click();
                b.assertText(".wte-quiz fieldset[data-question='0'] .wte-quiz-result", "Correct");
                b.assertText(".wte-quiz .wte-quiz-status", "Your answer is correct.");
                shots.add(b.screenshot("quiz-02-student-correct"));

                b.driver().navigate().refresh();
                b.assertText(".wte-quiz fieldset[data-question='0'] .wte-quiz-result", "Correct");
                b.assertText(".wte-quiz .wte-quiz-status", "Your previous answers are ticked");
                assertTrue(input(b, 0, 1).isSelected(), "the answer given is ticked again");
                assertFalse(input(b, 0, 0).isSelected());
                b.assertNoElement(".wte-quiz fieldset[data-question='1'] .wte-quiz-result",
                        "question 2 was not answered: no result");
                shots.add(b.screenshot("quiz-03-student-after-reload"));
                assertTrue(b.console().stream().noneMatch(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()),
                        "no error in the browser's console");
                return null;
            });
        }
        try (Chromium t = Chromium.start("quiz-teacher")) {
            in(t, () -> {
                logIn(t, "tess@example.org");
                t.open(server.url("/parts/" + module));
                t.go(t.link("Quiz results"));
                t.untilPath("/wte/parts/" + module + "/quiz-results");
                assertEquals("1", t.text("tr[data-question='1'] td.later"), "correct later");
                assertEquals("0", t.text("tr[data-question='1'] td.first-time"));
                assertEquals("1", t.text("tr[data-question='1'] td.not-answered"), "the classmate");
                assertFalse(t.findAll("svg.chart-svg rect.chart-s1").isEmpty(), "the chart draws 'correct later'");
                t.assertText(".chart-legend", "correct later");
                shots.add(t.screenshot("quiz-04-teacher-results"));
                return null;
            });
        }
        System.out.println("Screenshots of " + getClass().getSimpleName() + ":");
        shots.forEach(p -> System.out.println("  " + p));
    }

    interface Scenario {
        Object run() throws Exception;
    }

    private static void in(Chromium browser, Scenario scenario) {
        try {
            scenario.run();
        } catch (Chromium.Failure failure) {
            throw failure;
        } catch (Throwable e) {
            throw browser.fail(String.valueOf(e), e);
        }
    }

    private static WebElement input(Chromium b, int question, int choice) {
        return b.find(".wte-quiz fieldset[data-question='" + question + "'] input[data-choice='" + choice + "']");
    }

    /** Clicks the choice's label, as a person would. */
    private static void choose(Chromium b, int question, int choice) {
        b.find(".wte-quiz fieldset[data-question='" + question + "'] li:nth-child(" + (choice + 1) + ") label").click();
    }

    private static void logIn(Chromium b, String email) {
        b.open(server.url("/account/login"));
        b.type("#f-email", email);
        b.type("#f-password", PASSWORD);
        b.go(b.button("main form", "Log in"));
        b.until("the login to finish", d -> d.getCurrentUrl().contains("/account/login") ? null : true);
        b.assertText(".main-nav", "Log out");
    }
}
