package org.wte.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.testing.Browser;
import org.wte.testing.TestServer;

/**
 * Wrong, malformed and oversized input over real HTTP on embedded Tomcat at /wte: form errors next to
 * their fields, 400/404/405/413 pages in the site's layout, never a 500 and never a stack trace.
 */
class BadInputIT {
    static final String ADMIN = "boss@example.org";
    static final String ADMIN_PASSWORD = "correct horse battery";

    static TestServer server;
    static TestServer small;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestServer.freePort());
        server.root().administrators().create(ADMIN, ADMIN_PASSWORD, false);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (small != null) {
            small.close();
        }
    }

    // ---------------------------------------------------------------- form errors

    @Test
    void registerWithAnEmptyNameAndABadAddressShowsEachErrorNextToItsField() throws Exception {
        long usersBefore = userCount();
        Browser browser = new Browser();
        Browser.Page form = browser.open(server.url("/account/register"));
        assertEquals(200, form.status());
        Browser.Page page = clean(browser.submit(form, "form[action$=/account/register]",
                Map.of("email", "not an <e-mail>", "display_name", "")));
        assertEquals(400, page.status(), page.body());
        Document doc = page.doc();

        Element emailError = doc.selectFirst("p.field-error#f-email-error");
        Element nameError = doc.selectFirst("p.field-error#f-display_name-error");
        assertNotNull(emailError, "e-mail error shown:\n" + page.body());
        assertNotNull(nameError, "name error shown:\n" + page.body());
        assertTrue(emailError.text().contains("e-mail address"), emailError.text());
        assertTrue(nameError.text().contains("name"), nameError.text());

        Element email = doc.selectFirst("input#f-email");
        Element name = doc.selectFirst("input#f-display_name");
        // Next to its field: the message sits in the same field block as the input it describes.
        assertEquals(email.parent(), emailError.parent(), "the e-mail error is in the e-mail field's block");
        assertEquals(name.parent(), nameError.parent(), "the name error is in the name field's block");
        assertTrue(email.parent().hasClass("has-error"));
        assertEquals("true", email.attr("aria-invalid"));
        assertEquals("true", name.attr("aria-invalid"));
        assertTrue(email.attr("aria-describedby").contains("f-email-error"), email.outerHtml());
        assertTrue(name.attr("aria-describedby").contains("f-display_name-error"), name.outerHtml());
        assertEquals("not an <e-mail>", email.val(), "the typed address is shown again (escaped, intact)");
        assertEquals("", name.val());
        assertFalse(page.body().contains("<e-mail>"), "the typed value is escaped");
        assertNotNull(doc.selectFirst(".error-summary a[href=#f-email]"), "the summary links to the field");
        assertEquals(usersBefore, userCount(), "nothing was registered");

        // One error only: the other field is neither marked nor emptied.
        Browser.Page onlyName = clean(browser.submit(form, "form[action$=/account/register]",
                Map.of("email", "ada@example.org", "display_name", "  ")));
        assertEquals(400, onlyName.status());
        assertNull(onlyName.doc().selectFirst("#f-email-error"));
        assertNotNull(onlyName.doc().selectFirst("#f-display_name-error"));
        assertEquals("ada@example.org", onlyName.doc().selectFirst("input#f-email").val());
        assertFalse(onlyName.doc().selectFirst("input#f-email").hasAttr("aria-invalid"));
        assertEquals(usersBefore, userCount());
    }

    @Test
    void anEnormousFormFieldIsA400WithAMessage() throws Exception {
        long usersBefore = userCount();
        String huge = "N".repeat(100 * 1024);
        Browser browser = new Browser();
        Browser.Page form = browser.open(server.url("/account/register"));
        Browser.Page page = clean(browser.submit(form, "form[action$=/account/register]",
                Map.of("email", "huge@example.org", "display_name", huge)));
        assertEquals(400, page.status());
        Element error = page.doc().selectFirst("p.field-error#f-display_name-error");
        assertNotNull(error, page.body().substring(0, Math.min(3000, page.body().length())));
        assertTrue(error.text().contains("at most"), error.text());
        assertEquals(usersBefore, userCount());

        // The same on the profile of a logged-in user: the name stays as it was.
        Browser admin = logIn(ADMIN, ADMIN_PASSWORD);
        Browser.Page profile = admin.open(server.url("/profile"));
        Browser.Page refused = clean(admin.submit(profile, "form[action$=/wte/profile]", Map.of("display_name", huge)));
        assertEquals(400, refused.status());
        assertNotNull(refused.doc().selectFirst("p.field-error#f-display_name-error"));
        assertEquals("Administrator", server.root().database().inTransaction(
                s -> server.root().users().byEmail(s, ADMIN).orElseThrow().getDisplayName()));
    }

    // ---------------------------------------------------------------- sizes

    /** A second WTE with tiny upload limits: [uploads] max_file_size = 1K, max_request_size = 2K. */
    static TestServer small() throws Exception {
        if (small == null) {
            small = TestServer.start("/wte", TestServer.freePort(),
                    "[uploads]\nmax_file_size = 1K\nmax_request_size = 2K\n");
            assertEquals(2048, small.settings().uploads().maxRequestSize());
        }
        return small;
    }

    @Test
    void aBodyLargerThanMaxRequestSizeIsA413() throws Exception {
        TestServer small = small();
        long usersBefore = small.root().database().inTransaction(s -> small.root().users().count(s, null, null));
        Browser browser = new Browser();
        Browser.Page form = browser.open(small.url("/account/register"));
        assertEquals(200, form.status());

        // Within the limit: an ordinary answer (here: the form again, with its errors).
        Browser.Page fits = clean(browser.submit(form, "form[action$=/account/register]",
                Map.of("email", "bad", "display_name", "x".repeat(1500))));
        assertEquals(400, fits.status(), "a body within the limit is read as usual");
        assertNotNull(fits.doc().selectFirst("#f-email-error"));

        Browser.Page tooLarge = clean(browser.submit(form, "form[action$=/account/register]",
                Map.of("email", "big@example.org", "display_name", "x".repeat(3000))));
        assertEquals(413, tooLarge.status(), tooLarge.body());
        assertLayout(tooLarge);
        assertTrue(tooLarge.doc().select("main").text().contains("too large"), tooLarge.body());
        long usersAfter = small.root().database().inTransaction(s -> small.root().users().count(s, null, null));
        assertEquals(usersBefore, usersAfter, "nothing was registered");
    }

    @Test
    void theTooLargePageStatesTheRealLimit() throws Exception {
        TestServer small = small();
        Browser browser = new Browser();
        Browser.Page form = browser.open(small.url("/account/register"));
        Browser.Page tooLarge = clean(browser.submit(form, "form[action$=/account/register]",
                Map.of("email", "big@example.org", "display_name", "x".repeat(3000))));
        assertEquals(413, tooLarge.status());
        String said = tooLarge.doc().select("main p.lead").text();
        assertFalse(said.matches(".*at most 0\\D.*"), "the page states the real limit (2K), not zero: " + said);
    }

    @Test
    void aChunkedBodyLargerThanMaxRequestSizeIsA413Too() throws Exception {
        TestServer small = small();
        long usersBefore = small.root().database().inTransaction(s -> small.root().users().count(s, null, null));
        Browser browser = new Browser();
        Browser.Page form = browser.open(small.url("/account/register"));
        String token = form.doc().selectFirst("input[name=_csrf]").val();
        byte[] body = Browser.encode(Map.of("_csrf", token, "email", "chunked@example.org",
                "display_name", "y".repeat(5000))).getBytes(StandardCharsets.UTF_8);
        // A body of unknown length (no Content-Length, Transfer-Encoding: chunked).
        Browser.Page chunked = clean(browser.send(HttpRequest.newBuilder(URI.create(small.url("/account/register")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))));
        assertEquals(413, chunked.status(), chunked.body());
        long usersAfter = small.root().database().inTransaction(s -> small.root().users().count(s, null, null));
        assertEquals(usersBefore, usersAfter, "nothing was registered");
    }

    // ---------------------------------------------------------------- malformed requests

    @Test
    void anUnknownAddressIsA404PageInTheSiteLayout() throws Exception {
        Browser browser = new Browser();
        for (String path : List.of("/no-such-page", "/account/no-such-page", "/admin/nothing/here", "/static/none.css")) {
            Browser.Page page = clean(browser.get(server.url(path)));
            assertEquals(404, page.status(), path);
            if (!path.startsWith("/static/")) {
                assertLayout(page);
                assertTrue(page.doc().select("main").text().contains("no page at this address"), page.body());
            }
        }
    }

    @Test
    void getOnAPostOnlyRouteIsA405() throws Exception {
        Browser browser = new Browser();
        for (String path : List.of("/account/logout", "/account/resend")) {
            Browser.Page page = clean(browser.get(server.url(path)));
            assertEquals(405, page.status(), path + ":\n" + page.body());
            assertLayout(page);
        }
        Browser admin = logIn(ADMIN, ADMIN_PASSWORD);
        Browser.Page page = clean(admin.send(HttpRequest.newBuilder(URI.create(server.url("/admin/users/1/groups"))).GET()));
        assertEquals(405, page.status());
    }

    @Test
    void badParametersOfTheAdminPagesAre400Or404() throws Exception {
        Browser admin = logIn(ADMIN, ADMIN_PASSWORD);
        Browser.Page badPage = clean(admin.get(server.url("/admin/users?page=abc")));
        assertEquals(400, badPage.status());
        assertLayout(badPage);
        assertTrue(badPage.doc().select("main").text().contains("whole number"), badPage.body());

        assertEquals(400, clean(admin.get(server.url("/admin/users?status=bogus"))).status());
        assertEquals(400, clean(admin.get(server.url("/admin/outbox?page=x1"))).status());

        Browser.Page noUser = clean(admin.get(server.url("/admin/users/abc")));
        assertEquals(404, noUser.status());
        assertLayout(noUser);
        assertEquals(404, clean(admin.get(server.url("/admin/users/99999999"))).status());
        assertEquals(404, clean(admin.get(server.url("/admin/users/99999999999999999999999"))).status());
        assertEquals(404, clean(admin.get(server.url("/admin/outbox/abc"))).status());
        assertEquals(404, clean(admin.get(server.url("/admin/outbox/99999999"))).status());
    }

    @Test
    void aBadBulkActionIsA400AndChangesNothing() throws Exception {
        server.root().database().run(s -> s.persist(new User("bulk@example.org", "Bulk Target", UserStatus.ACTIVE,
                Instant.now())));
        long id = server.root().database().inTransaction(
                s -> server.root().users().byEmail(s, "bulk@example.org").orElseThrow().getId());
        Browser admin = logIn(ADMIN, ADMIN_PASSWORD);
        Browser.Page list = admin.open(server.url("/admin/users"));
        String token = list.doc().selectFirst("input[name=_csrf]").val();

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", token);
        fields.put("action", "explode");
        fields.put("id", String.valueOf(id));
        Browser.Page bad = clean(admin.post(server.url("/admin/users/bulk"), fields));
        assertEquals(400, bad.status(), bad.body());
        assertLayout(bad);
        assertTrue(bad.doc().select("main").text().contains("explode"), "the message names the bad action");

        fields.put("action", "");
        assertEquals(400, clean(admin.post(server.url("/admin/users/bulk"), fields)).status(), "an empty action");
        fields.remove("action");
        assertEquals(400, clean(admin.post(server.url("/admin/users/bulk"), fields)).status(), "no action at all");
        fields.put("action", "block");
        fields.put("id", "12x");
        assertEquals(400, clean(admin.post(server.url("/admin/users/bulk"), fields)).status(), "a bad id");

        assertEquals(UserStatus.ACTIVE, server.root().database().inTransaction(
                s -> server.root().users().byId(s, id).orElseThrow().getStatus()), "nothing changed");
    }

    @Test
    void anUnknownTokenLinkIsA404SayingTheLinkIsNotValid() throws Exception {
        Browser browser = new Browser();
        for (String path : List.of("/account/reset/not-a-token", "/account/confirm/not-a-token",
                "/account/email/not-a-token", "/account/reset/%E2%9C%93%20%3Cb%3E")) {
            Browser.Page page = clean(browser.get(server.url(path)));
            assertEquals(404, page.status(), path);
            assertLayout(page);
            assertTrue(page.doc().select("main").text().contains("This link is not valid"), page.body());
        }
    }

    @Test
    void aBadPercentEncodingIsA400NotA500() throws Exception {
        Browser.Page page = clean(rawGet("/wte/%zz"));
        assertEquals(400, page.status(), page.body());
        assertEquals(400, clean(rawGet("/wte/account/%C3%28")).status(), "invalid UTF-8 in the path");
        // Bad encodings in a query string must not break a page either.
        for (String query : List.of("/wte/account/login?return_to=%zz", "/wte/account/login?return_to=%C3%28")) {
            Browser.Page login = clean(rawGet(query));
            assertTrue(login.status() == 200 || login.status() == 400, query + " gave " + login.status());
        }
        Browser admin = logIn(ADMIN, ADMIN_PASSWORD);
        Browser.Page search = clean(admin.send(HttpRequest.newBuilder(URI.create(server.url("/admin/users?q=%25zz"))).GET()));
        assertEquals(200, search.status(), "a search for a literal %zz is fine");
    }

    @Test
    void aPostThatIsNotAFormIsRefusedWithoutA500() throws Exception {
        Browser admin = logIn(ADMIN, ADMIN_PASSWORD);
        String token = admin.open(server.url("/profile")).doc().selectFirst("input[name=_csrf]").val();
        // A body that is not a form, with the right token in the header.
        Browser.Page json = clean(admin.send(HttpRequest.newBuilder(URI.create(server.url("/profile")))
                .header("Content-Type", "application/json").header(Csrf.HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"display_name\": \"x\"}"))));
        assertTrue(json.status() == 400 || json.status() == 415, "a JSON body gave " + json.status());
        // A body without any Content-Type.
        Browser.Page untyped = clean(admin.send(HttpRequest.newBuilder(URI.create(server.url("/profile")))
                .header(Csrf.HEADER, token).POST(HttpRequest.BodyPublishers.ofString("display_name=x"))));
        assertTrue(untyped.status() == 400 || untyped.status() == 415, "an untyped body gave " + untyped.status());
        assertEquals("Administrator", server.root().database().inTransaction(
                s -> server.root().users().byEmail(s, ADMIN).orElseThrow().getDisplayName()));
    }

    @Test
    void otherMalformedRequestsNeverGiveA500() throws Exception {
        Browser admin = logIn(ADMIN, ADMIN_PASSWORD);
        String token = admin.open(server.url("/profile")).doc().selectFirst("input[name=_csrf]").val();
        // A form body with a broken percent-encoding.
        Browser.Page broken = clean(admin.send(HttpRequest.newBuilder(URI.create(server.url("/profile")))
                .header("Content-Type", "application/x-www-form-urlencoded").header(Csrf.HEADER, token)
                .POST(HttpRequest.BodyPublishers.ofString("display_name=%zz&high_contrast_shown=%"))));
        assertTrue(broken.status() < 500, "broken form body gave " + broken.status());
        // Unknown methods and path tricks.
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            Browser.Page other = clean(admin.send(HttpRequest.newBuilder(URI.create(server.url("/profile")))
                    .header("Content-Type", "application/x-www-form-urlencoded").header(Csrf.HEADER, token)
                    .method(method, HttpRequest.BodyPublishers.ofString("display_name=Changed"))));
            assertEquals(405, other.status(), method + " /profile");
            assertLayout(other);
        }
        assertTrue(clean(rawGet("/wte/..;/x")).status() < 500);
        assertTrue(clean(rawGet("/wte/admin/users/%00")).status() < 500);
        assertEquals("Administrator", server.root().database().inTransaction(
                s -> server.root().users().byEmail(s, ADMIN).orElseThrow().getDisplayName()));
    }

    // ---------------------------------------------------------------- helpers

    /** Every answer in this test: never a 500, never a stack trace or an exception's name. */
    private static Browser.Page clean(Browser.Page page) {
        assertTrue(page.status() < 500, page.url() + " gave " + page.status() + ":\n" + page.body());
        assertFalse(page.body().contains("Exception"), page.url() + " shows an exception:\n" + page.body());
        assertFalse(page.body().contains("at org."), page.url() + " shows a stack trace:\n" + page.body());
        assertFalse(page.body().contains("at java."), page.url() + " shows a stack trace:\n" + page.body());
        return page;
    }

    private static void assertLayout(Browser.Page page) {
        assertNotNull(page.doc().selectFirst("header a.brand"), "the page is in the site's layout:\n" + page.body());
        assertTrue(page.header("content-type").startsWith("text/html"), page.header("content-type"));
    }

    private static Browser logIn(String email, String password) throws Exception {
        Browser browser = new Browser();
        Browser.Page login = browser.open(server.url("/account/login"));
        Browser.Page in = browser.submit(login, "form[action$=/account/login]",
                Map.of("email", email, "password", password));
        assertEquals(303, in.status(), in.body());
        return browser;
    }

    private static long userCount() {
        return server.root().database().inTransaction(s -> server.root().users().count(s, null, null));
    }

    /**
     * A GET written on the socket as is: java.net.URI refuses malformed escapes, so a browser-like client
     * cannot send them.
     */
    private static Browser.Page rawGet(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost:" + server.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String head = end < 0 ? response : response.substring(0, end);
            String body = end < 0 ? "" : response.substring(end + 4);
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(), List.of(line.substring(colon + 1).trim()));
                }
            }
            return new Browser.Page(status, "http://localhost:" + server.port() + target, body, headers);
        }
    }
}
