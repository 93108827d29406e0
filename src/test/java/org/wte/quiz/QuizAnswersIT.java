package org.wte.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.account.PasswordHasher;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.Role;
import org.wte.testing.Browser;
import org.wte.testing.TestServer;
import org.wte.web.CurrentUser;

/**
 * The quiz endpoints over HTTP on embedded Tomcat: answering with the CSRF header, JSON refusals (4xx) for bad
 * answers and for those who may not answer, the page and the JSON never telling which choices are right, the
 * results page and CSV for the module's teachers only, and the links to them.
 */
class QuizAnswersIT {
    private static final String PASSWORD = "a password 1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static long module;
    private static long part;
    private static long page;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("/wte", 0, "");
        String hash = new PasswordHasher().hash(PASSWORD);
        long[] ids = server.root().database().inTransaction(s -> {
            Map<String, User> users = new java.util.HashMap<>();
            for (String name : List.of("owner", "tutor", "student", "other", "stranger", "boss", "quiet")) {
                User u = new User(name + "@example.org", name, UserStatus.ACTIVE, Instant.now());
                u.setPasswordHash(hash);
                s.persist(u);
                users.put(name, u);
            }
            users.get("owner").getGroups().add(server.root().users().group(s, "teacher"));
            users.get("boss").getGroups().add(server.root().users().group(s, "content_administrator"));
            Instant now = Instant.now();
            Part m = new Part(null, PartType.MODULE, "Module", PartStatus.AVAILABLE, now);
            s.persist(m);
            Part p = new Part(m, PartType.PART, "Part", PartStatus.AVAILABLE, now);
            s.persist(p);
            Part g = new Part(p, PartType.PAGE, "Page", PartStatus.AVAILABLE, now);
            s.persist(g);
            s.persist(new ModuleRole(m, users.get("owner"), Role.OWNER, now));
            s.persist(new ModuleRole(m, users.get("tutor"), Role.TUTOR, now));
            s.persist(new ModuleRole(m, users.get("student"), Role.STUDENT, now));
            s.persist(new ModuleRole(m, users.get("other"), Role.STUDENT, now));
            s.persist(new ModuleRole(m, users.get("quiet"), Role.STUDENT, now)); // never answers
            return new long[] {m.getId(), p.getId(), g.getId(), users.get("owner").getId()};
        });
        module = ids[0];
        part = ids[1];
        page = ids[2];
        CurrentUser owner = new CurrentUser(ids[3], "owner@example.org", "owner", Set.of(), false, false, false);
        server.root().database().run(s -> server.root().partService().update(s, owner, page, null, null,
                QuizFixture.QUIZ, null));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theStudentAnswersWithTheTokenAndGetsOnlyRightOrWrong() throws Exception {
        Browser student = logIn("student");
        Browser.Page shown = student.open(server.url("/parts/" + page));
        assertEquals(200, shown.status());
        Element data = shown.doc().selectFirst("#wte-quiz-data");
        assertNotNull(data, shown.body());
        assertEquals("/wte/parts/" + page + "/quizzes", data.attr("data-quiz-url"));
        assertNotNull(shown.doc().selectFirst("script[src=/wte/static/js/quiz.js]"));
        assertPageTellsNoAnswer(shown);

        JsonNode state = json(student.get(server.url("/parts/" + page + "/quizzes")), 200);
        assertTrue(state.get("canAnswer").asBoolean());
        String url = state.get("quizzes").get(0).get("url").asText();
        assertEquals("/wte/parts/" + page + "/quizzes/basics/answers", url);
        assertEquals(0, state.get("quizzes").get(0).get("answers").size());
        assertFalse(state.toString().contains("correct"), "nothing answered, nothing graded: " + state);
        assertNoChoiceText(state);

        String token = data.attr("data-csrf");
        Browser.Page noToken = post(student, url, "{\"answers\": {\"0\": [0]}}", null);
        assertEquals(403, noToken.status(), "the CSRF filter refuses an answer without the token");
        JsonNode wrong = json(post(student, url, "{\"answers\": {\"0\": [0]}}", token), 200);
        assertEquals("[{\"question\":0,\"correct\":false,\"attempts\":1}]", wrong.get("results").toString());
        JsonNode right = json(post(student, url, "{\"answers\": {\"0\": [1], \"1\": [0]}}", token), 200);
        assertEquals("[{\"question\":0,\"correct\":true,\"attempts\":2},{\"question\":1,\"correct\":false,\"attempts\":1}]",
                right.get("results").toString());
        assertNoChoiceText(right);

        // Revisiting: the latest answers and their results, for this student only.
        JsonNode again = json(student.get(server.url("/parts/" + page + "/quizzes")), 200);
        assertEquals("[{\"question\":0,\"choices\":[1],\"correct\":true,\"attempts\":2},"
                + "{\"question\":1,\"choices\":[0],\"correct\":false,\"attempts\":1}]",
                again.get("quizzes").get(0).get("answers").toString());
        JsonNode one = json(student.get(server.url(url.substring("/wte".length()))), 200);
        assertEquals(again.get("quizzes").get(0), one);
        JsonNode others = json(logIn("quiet").get(server.url("/parts/" + page + "/quizzes")), 200);
        assertEquals(0, others.get("quizzes").get(0).get("answers").size(), "another student sees nothing of it");
        assertPageTellsNoAnswer(student.open(server.url("/parts/" + page)));
    }

    @Test
    void badAnswersAndOutsidersGetAClearJsonRefusal() throws Exception {
        Browser student = logIn("student");
        String token = token(student);
        String url = "/wte/parts/" + page + "/quizzes/basics/answers";
        assertRefusal(post(student, url, "{\"answers\": {\"0\": [0, 1]}}", token), 400, "takes one answer only");
        assertRefusal(post(student, url, "{\"answers\": {\"0\": [7]}}", token), 400, "has no choice 8");
        assertRefusal(post(student, url, "{\"answers\": {\"5\": [0]}}", token), 400, "has no question 6");
        assertRefusal(post(student, url, "not json", token), 400, "not valid JSON");
        assertRefusal(post(student, url, "{\"answers\": {}}", token), 400, "at least one question");
        assertRefusal(post(student, "/wte/parts/" + page + "/quizzes/nope/answers", "{\"answers\": {\"0\": [1]}}", token),
                404, "no quiz “nope”");
        assertRefusal(post(student, "/wte/parts/" + part + "/quizzes/basics/answers", "{\"answers\": {\"0\": [1]}}", token),
                404, "no quiz");
        assertRefusal(post(student, "/wte/parts/abc/quizzes/basics/answers", "{\"answers\": {\"0\": [1]}}", token),
                404, "no such page");
        assertRefusal(student.get(server.url("/parts/" + page + "/quizzes/nope/answers")), 404, "no quiz");

        Browser stranger = logIn("stranger");
        assertRefusal(post(stranger, url, "{\"answers\": {\"0\": [1]}}", token(stranger)), 404, "no such page");
        assertRefusal(stranger.get(server.url("/parts/" + page + "/quizzes")), 404, "no such page");
        // An administrator sees the page but is not a member: told so, and shown no button's worth of state.
        Browser admin = logIn("boss");
        assertRefusal(post(admin, url, "{\"answers\": {\"0\": [1]}}", token(admin)), 403, "Only members");
        JsonNode adminState = json(admin.get(server.url("/parts/" + page + "/quizzes")), 200);
        assertFalse(adminState.get("canAnswer").asBoolean());
        assertTrue(adminState.get("message").asText().contains("Only members"));

        Browser anonymous = new Browser();
        assertEquals(303, anonymous.get(server.url("/parts/" + page + "/quizzes")).status(), "sent to log in");
        long stored = server.root().database().inTransaction(s -> s.createQuery(
                "select count(a) from QuizAnswer a where a.user.email in ('stranger@example.org', 'boss@example.org')",
                Long.class).getSingleResult());
        assertEquals(0, stored);
    }

    @Test
    void theResultsAreForTeachersOnlyAndLinkedWhereTheyWork() throws Exception {
        Browser other = logIn("other");
        post(other, "/wte/parts/" + page + "/quizzes/basics/answers", "{\"answers\": {\"0\": [1]}}", token(other));

        Browser owner = logIn("owner");
        for (long node : List.of(module, part, page)) {
            Browser.Page results = owner.open(server.url("/parts/" + node + "/quiz-results"));
            assertEquals(200, results.status(), results.body());
            assertNotNull(results.doc().selectFirst("svg.chart-svg rect.chart-s0"), "a chart is drawn: " + results.body());
            Element first = results.doc().selectFirst("tr[data-question=1]");
            assertNotNull(first, results.body());
            assertEquals("1", first.selectFirst("td.first-time").text(), first.outerHtml());
            assertEquals(server.root().database().inTransaction(s -> s.createQuery(
                    "select count(r) from ModuleRole r where r.module.id = :m and r.role = :st", Long.class)
                    .setParameter("m", module).setParameter("st", Role.STUDENT).getSingleResult()) - answeredFirst(),
                    Long.parseLong(first.selectFirst("td.not-answered").text()));
            assertNotNull(results.doc().selectFirst("a[href=/wte/parts/" + node + "/quiz-results.csv]"));
            assertPageTellsNoAnswer(results);
        }
        Browser.Download csv = owner.download(server.url("/parts/" + module + "/quiz-results.csv"));
        assertEquals(200, csv.status());
        assertTrue(csv.header("content-type").startsWith("text/csv"), csv.header("content-type"));
        assertTrue(csv.header("content-disposition").startsWith("attachment;"), csv.header("content-disposition"));
        assertTrue(csv.text().contains("\"other@example.org\",\"Page\",\"basics\",\"1. What does HTML stand for?\""),
                csv.text());

        // The owner's editor bar links the results on every level; the tutor's page has the link below it.
        for (long node : List.of(module, part, page)) {
            assertNotNull(owner.open(server.url("/parts/" + node)).doc()
                    .selectFirst(".editor-bar a[href=/wte/parts/" + node + "/quiz-results]"), "owner, node " + node);
        }
        Browser tutor = logIn("tutor");
        assertEquals(200, tutor.get(server.url("/parts/" + part + "/quiz-results")).status());
        assertEquals(200, tutor.download(server.url("/parts/" + part + "/quiz-results.csv")).status());
        for (long node : List.of(module, part, page)) {
            assertNotNull(tutor.open(server.url("/parts/" + node)).doc()
                    .selectFirst(".quiz-results-link a[href=/wte/parts/" + node + "/quiz-results]"), "tutor, node " + node);
        }
        assertEquals(403, other.get(server.url("/parts/" + part + "/quiz-results")).status());
        assertEquals(403, other.download(server.url("/parts/" + part + "/quiz-results.csv")).status());
        assertNull(other.open(server.url("/parts/" + page)).doc().selectFirst("a[href$=/quiz-results]"),
                "a student has no link to the results");
        assertEquals(404, logIn("stranger").get(server.url("/parts/" + page + "/quiz-results")).status());
    }

    // ---------------------------------------------------------------- helpers

    private static long answeredFirst() {
        return server.root().database().inTransaction(s -> s.createQuery("select count(a) from QuizAnswer a "
                + "where a.question.position = 0 and exists (select 1 from ModuleRole r where r.user = a.user "
                + "and r.role = :st)", Long.class).setParameter("st", Role.STUDENT).getSingleResult());
    }

    /** The page shows the quiz, but nothing in it tells a right choice from a wrong one. */
    private static void assertPageTellsNoAnswer(Browser.Page page) {
        String lower = page.body().toLowerCase();
        assertFalse(lower.contains("[x]"), "the Markdown's marks are not in the page");
        assertFalse(lower.contains("data-correct") || lower.contains("\"correct\"") || lower.contains("checked"),
                "no attribute marks a right choice");
        for (Element input : page.doc().select(".wte-quiz input")) {
            Set<String> names = new java.util.TreeSet<>();
            input.attributes().forEach(a -> names.add(a.getKey()));
            assertEquals(Set.of("type", "name", "value", "data-choice"), names, input.outerHtml());
        }
    }

    /** Neither JSON answer names a choice by its text (so it cannot say which text is right). */
    private static void assertNoChoiceText(JsonNode json) {
        for (String text : List.of("HyperText", "High Tech", "div", "span")) {
            assertFalse(json.toString().contains(text), text + " in " + json);
        }
    }

    private static void assertRefusal(Browser.Page answer, int status, String message) throws Exception {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.header("content-type").startsWith("application/json"), answer.header("content-type"));
        String error = JSON.readTree(answer.body()).get("error").asText();
        assertTrue(error.contains(message), error);
        assertFalse(answer.body().contains("Exception") || answer.body().contains("\tat "), answer.body());
    }

    private static JsonNode json(Browser.Page answer, int status) throws Exception {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.header("content-type").startsWith("application/json"), answer.header("content-type"));
        return JSON.readTree(answer.body());
    }

    private static Browser.Page post(Browser b, String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path.substring("/wte".length()))))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("X-CSRF-Token", token);
        }
        return b.send(request);
    }

    private static String token(Browser b) throws Exception {
        return b.open(server.url("/account/login")).doc().selectFirst("input[name=_csrf]").val();
    }

    private static Browser logIn(String name) throws Exception {
        Browser b = new Browser();
        Browser.Page login = b.open(server.url("/account/login"));
        assertEquals(303, b.submit(login, "form[action$=/account/login]",
                Map.of("email", name + "@example.org", "password", PASSWORD)).status(), name);
        return b;
    }
}
