package org.wte.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.wte.testing.Browser;
import org.wte.testing.TestServer;

/** The newcomer's path over real HTTP on embedded Tomcat at /wte, with a real SMTP server (GreenMail). */
class AccountFlowIT {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    TestServer server;
    private Browser browser;

    @BeforeEach
    void start() throws Exception {
        server = startServer(smtp.getSmtp().getPort());
        browser = new Browser();
    }

    /** On H2 here; {@link MariaDbAccountFlowIT} runs the same tests on MariaDB. */
    TestServer startServer(int smtpPort) throws Exception {
        return TestServer.start(smtpPort);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void registerConfirmSetPasswordLogInEditProfileLogOut() throws Exception {
        Browser.Page form = browser.open(server.url("/account/register"));
        assertEquals(200, form.status());
        Browser.Page sent = browser.submit(form, "form[action$=/account/register]",
                Map.of("email", "  Ada.Lovelace@Example.ORG ", "display_name", "Ada Lovelace"));
        assertEquals(200, sent.status(), sent.body());
        assertTrue(sent.doc().text().contains("ada.lovelace@example.org"), "the address is shown lower-case");

        String link = linkFrom(awaitMail("ada.lovelace@example.org"), "/account/confirm/");
        assertTrue(link.startsWith(server.url("/account/confirm/")), "mail links are built from app.url: " + link);

        // Opening the link shows a page with a button; it does not consume the token.
        Browser.Page confirm = browser.open(link);
        assertEquals(200, confirm.status());
        assertEquals(200, browser.open(link).status(), "a GET never consumes the token");
        Browser.Page tooShort = browser.submit(confirm, "form[action*=/account/confirm/]",
                Map.of("password", "short", "repeat", "short"));
        assertEquals(400, tooShort.status());
        assertNotNull(tooShort.doc().selectFirst("#f-password-error"));

        Browser.Page done = browser.submit(confirm, "form[action*=/account/confirm/]",
                Map.of("password", "correct horse battery", "repeat", "correct horse battery"));
        assertEquals(303, done.status());
        assertTrue(done.location().endsWith("/wte/account/login"), done.location());
        Browser.Page login = browser.open(server.url("/account/login"));
        assertTrue(login.doc().text().contains("Your address is confirmed"), "flash message after confirming");
        assertEquals(404, browser.open(link).status(), "the token is single-use");
        String sessionBefore = browser.cookie("WTESESSION");
        assertNotNull(sessionBefore);
        Browser.Page wrong = browser.submit(login, "form[action$=/account/login]",
                Map.of("email", "ada.lovelace@example.org", "password", "wrong password!"));
        assertEquals(400, wrong.status());
        assertTrue(wrong.doc().text().contains("Wrong e-mail address or password"));

        Browser.Page in = browser.submit(wrong, "form[action$=/account/login]",
                Map.of("email", "ADA.LOVELACE@example.org", "password", "correct horse battery"));
        assertEquals(303, in.status(), in.body());
        assertNotEquals(sessionBefore, browser.cookie("WTESESSION"), "the session id changes at login");

        Browser.Page profile = browser.open(server.url("/profile"));
        assertEquals(200, profile.status());
        assertTrue(profile.doc().text().contains("ada.lovelace@example.org"));
        Browser.Page saved = browser.submit(profile, "form[action$=/wte/profile]",
                Map.of("display_name", "Augusta Ada King", "high_contrast", "1"));
        assertEquals(303, saved.status());
        Browser.Page after = browser.open(server.url("/profile"));
        assertEquals("Augusta Ada King", after.doc().selectFirst("#f-display_name").val());
        assertTrue(after.doc().selectFirst("html").hasClass("high-contrast"), after.body().substring(0, 300));

        Browser.Page out = browser.submit(after, "form[action$=/account/logout]", Map.of());
        assertEquals(303, out.status());
        Browser.Page anonymous = browser.get(server.url("/profile"));
        assertEquals(303, anonymous.status(), "after logout the profile asks to log in");
        assertTrue(anonymous.location().contains("/wte/account/login?return_to=%2Fprofile"), anonymous.location());
    }

    @Test
    void forgottenPasswordGivesTheSameAnswerAndAResetLinkThatWorksOnce() throws Exception {
        server.root().administrators().create("grace@example.org", "first password 1", false);
        Browser.Page forgot = browser.open(server.url("/account/forgot"));
        Browser.Page known = browser.submit(forgot, "form[action$=/account/forgot]", Map.of("email", "grace@example.org"));
        Browser.Page unknown = browser.submit(forgot, "form[action$=/account/forgot]", Map.of("email", "nobody@example.org"));
        assertEquals(known.status(), unknown.status());
        assertEquals(known.doc().select("main p.lead").text().replace("grace", "X"),
                unknown.doc().select("main p.lead").text().replace("nobody", "X"), "same answer either way");

        String link = linkFrom(awaitMail("grace@example.org"), "/account/reset/");
        Browser.Page reset = browser.open(link);
        Browser.Page done = browser.submit(reset, "form[action*=/account/reset/]",
                Map.of("password", "second password 2", "repeat", "second password 2"));
        assertEquals(303, done.status());
        assertEquals(404, browser.open(link).status());
        Browser.Page login = browser.open(server.url("/account/login"));
        Browser.Page in = browser.submit(login, "form[action$=/account/login]",
                Map.of("email", "grace@example.org", "password", "second password 2"));
        assertEquals(303, in.status());
        assertEquals(0, smtp.getReceivedMessagesForDomain("nobody@example.org").length, "no mail to unknown addresses");
    }

    @Test
    void loginIsThrottledAfterRepeatedFailuresAndReturnToStaysInsideTheApp() throws Exception {
        server.root().administrators().create("alan@example.org", "right password 1", false);
        Browser.Page login = browser.open(server.url("/account/login?return_to=//evil.example/x"));
        assertEquals("/", login.doc().selectFirst("input[name=return_to]").val());
        for (int i = 0; i < 5; i++) {
            assertEquals(400, browser.submit(login, "form[action$=/account/login]",
                    Map.of("email", "alan@example.org", "password", "wrong " + i)).status());
        }
        Browser.Page refused = browser.submit(login, "form[action$=/account/login]",
                Map.of("email", "alan@example.org", "password", "right password 1"));
        assertEquals(400, refused.status(), "the right password is refused while throttled");
        assertTrue(refused.doc().text().contains("Too many failed attempts"));

        server.root().administrators().create("barbara@example.org", "right password 2", false);
        Browser.Page in = browser.submit(login, "form[action$=/account/login]",
                Map.of("email", "barbara@example.org", "password", "right password 2",
                        "return_to", "https://evil.example/"));
        assertEquals(303, in.status());
        assertEquals(server.url("/"), in.location().startsWith("http") ? in.location()
                : "http://localhost:" + server.port() + in.location());
    }

    @Test
    void changeOfEmailIsConfirmedByALinkToTheNewAddress() throws Exception {
        server.root().administrators().create("old@example.org", "a good password", false);
        Browser.Page login = browser.open(server.url("/account/login"));
        browser.submit(login, "form[action$=/account/login]", Map.of("email", "old@example.org", "password", "a good password"));
        Browser.Page profile = browser.open(server.url("/profile"));
        Browser.Page asked = browser.submit(profile, "form[action$=/profile/email]",
                Map.of("new_email", "New@Example.org", "email_current", "a good password"));
        assertEquals(303, asked.status(), asked.body());
        String link = linkFrom(awaitMail("new@example.org"), "/account/email/");
        assertEquals("old@example.org", browser.open(server.url("/profile")).doc().select("main strong").first().text(),
                "nothing changes before the link is used");
        Browser.Page confirm = browser.open(link);
        Browser.Page done = browser.submit(confirm, "form[action*=/account/email/]", Map.of());
        assertEquals(303, done.status());
        assertTrue(browser.open(server.url("/profile")).doc().text().contains("new@example.org"));
    }

    @Test
    void deletingOnesOwnAccountNeedsThePasswordAndRemovesIt() throws Exception {
        server.root().administrators().create("keep@example.org", "admin password", false);
        server.root().database().run(s -> s.persist(new User("leaver@example.org", "Leaver", UserStatus.ACTIVE,
                java.time.Instant.now())));
        server.root().database().run(s -> server.root().users().byEmail(s, "leaver@example.org").get()
                .setPasswordHash(new PasswordHasher().hash("leaver password")));
        Browser.Page login = browser.open(server.url("/account/login"));
        browser.submit(login, "form[action$=/account/login]", Map.of("email", "leaver@example.org", "password", "leaver password"));
        Browser.Page confirm = browser.open(server.url("/profile/delete"));
        assertEquals(400, browser.submit(confirm, "form[action$=/profile/delete]", Map.of("current", "wrong")).status());
        assertEquals(303, browser.submit(confirm, "form[action$=/profile/delete]", Map.of("current", "leaver password")).status());
        boolean stillThere = server.root().database().inTransaction(
                s -> server.root().users().byEmail(s, "leaver@example.org").isPresent());
        assertFalse(stillThere, "the account is gone");
    }

    private MimeMessage awaitMail(String recipient) throws Exception {
        long until = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < until) {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(recipient)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + recipient + " within 15 s");
    }

    private static String linkFrom(MimeMessage mail, String path) {
        Matcher m = Pattern.compile("(http://\\S+" + Pattern.quote(path) + "\\S+)").matcher(GreenMailUtil.getBody(mail));
        assertTrue(m.find(), "no link with " + path + " in:\n" + GreenMailUtil.getBody(mail));
        return m.group(1);
    }
}
