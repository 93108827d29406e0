package org.wte.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.testing.Browser;
import org.wte.testing.ScratchMariaDb;
import org.wte.testing.TestServer;

/**
 * POST /parts/{id}/time through the real HTTP stack (embedded Tomcat, the CSRF filter, Jersey) on H2;
 * {@link MariaDbTimeOnPageIT} runs it on MariaDB. 200 beacons at once add up exactly; every bad beacon is
 * refused with a 4xx and a message, and adds nothing.
 */
class TimeOnPageIT {
    static final String BEACON_TYPE = "application/x-www-form-urlencoded;charset=UTF-8";

    static TestServer server;
    static Classroom room;
    static ScratchMariaDb mariaDb;

    @BeforeAll
    static void start() throws Exception {
        startOn(null);
    }

    static void startOn(ScratchMariaDb db) throws Exception {
        mariaDb = db;
        server = TestServer.start("/wte", 0, "", db);
        room = new Classroom(server, List.of("Ann Archer", "Bob Baker"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    static Browser.Page beacon(Browser b, String csrf, long page, String seconds) throws Exception {
        return room.beacon(b, csrf, page, seconds);
    }

    @Test
    void twoHundredConcurrentBeaconsAddUpExactly() throws Exception {
        long page = room.pages.get(1);
        // Ann in four sessions (four tabs, four machines), Bob in one: every beacon on the same page at once.
        List<Browser> ann = new ArrayList<>();
        List<String> annTokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Browser b = room.login("annarcher@example.org");
            assertEquals(200, b.get(server.url("/parts/" + page)).status(), "Ann opens the page");
            ann.add(b);
            annTokens.add(Classroom.csrf(b, server));
        }
        Browser bob = room.login("bobbaker@example.org");
        String bobToken = Classroom.csrf(bob, server);
        long annBefore = room.seconds("annarcher@example.org", page);
        long bobBefore = room.seconds("bobbaker@example.org", page);

        ExecutorService pool = Executors.newFixedThreadPool(40);
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Integer>> beacons = new ArrayList<>();
        long annSent = 0;
        long bobSent = 0;
        for (int i = 0; i < 200; i++) {
            int seconds = i % 60 + 1;
            boolean forBob = i % 5 == 4;
            Browser b = forBob ? bob : ann.get(i % 4);
            String token = forBob ? bobToken : annTokens.get(i % 4);
            if (forBob) {
                bobSent += seconds;
            } else {
                annSent += seconds;
            }
            beacons.add(() -> {
                go.await();
                return beacon(b, token, page, String.valueOf(seconds)).status();
            });
        }
        List<Future<Integer>> answers = new ArrayList<>();
        for (Callable<Integer> c : beacons) {
            answers.add(pool.submit(c));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : answers) {
            statuses.add(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertTrue(statuses.stream().allMatch(s -> s == 204), "every beacon is accepted: " + statuses);
        assertEquals(annBefore + annSent, room.seconds("annarcher@example.org", page), "Ann's seconds, to the second");
        assertEquals(bobBefore + bobSent, room.seconds("bobbaker@example.org", page), "Bob's seconds, to the second");
    }

    @Test
    void badBeaconsAreRefusedWithAMessageAndAddNothing() throws Exception {
        long page = room.pages.get(0);
        Browser ann = room.login("annarcher@example.org");
        String token = Classroom.csrf(ann, server);
        assertEquals(204, beacon(ann, token, page, "7").status(), "the good one");
        long rows = room.rows();
        long before = room.seconds("annarcher@example.org", page);

        Map<String, Integer> badSeconds = Map.of("", 400, "abc", 400, "0", 400, "-3", 400, "121", 400, "2.5", 400,
                "99999999999", 400);
        for (Map.Entry<String, Integer> bad : badSeconds.entrySet()) {
            Browser.Page answer = beacon(ann, token, page, bad.getKey());
            assertEquals(bad.getValue(), answer.status(), "seconds '" + bad.getKey() + "'");
            assertTrue(answer.body().contains("The seconds must be"), answer.body());
            assertFalse(answer.body().contains("Exception"), "no stack trace: " + answer.body());
        }
        Browser.Page missing = beacon(ann, token, page, null);
        assertEquals(400, missing.status());
        assertTrue(missing.body().contains("The seconds must be"), missing.body());

        // Not a page: the part, the module, no such id, not a number.
        for (String id : List.of(String.valueOf(room.part), String.valueOf(room.module), "999999", "abc")) {
            Browser.Page answer = ann.send(HttpRequest.newBuilder(URI.create(server.url("/parts/" + id + "/time")))
                    .header("Content-Type", BEACON_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(Map.of("_csrf", token, "seconds", "5")))));
            assertEquals(404, answer.status(), "/parts/" + id + "/time");
        }
        assertTrue(beacon(ann, token, room.part, "5").body().contains("Time is counted on pages only"));

        // Not a student of the module: a stranger and a blocked student do not see the page; the owner and the
        // tutor see it, but their previews are not counted.
        for (String email : List.of("stranger@example.org", "blocked@example.org")) {
            Browser other = room.login(email);
            assertEquals(404, beacon(other, Classroom.csrf(other, server), page, "5").status(), email);
        }
        for (String email : List.of("teacher@example.org", "tutor@example.org")) {
            Browser other = room.login(email);
            Browser.Page answer = beacon(other, Classroom.csrf(other, server), page, "5");
            assertEquals(403, answer.status(), email);
            assertTrue(answer.doc().text().contains("Only the time of the module's students is counted"), answer.body());
        }
        // Without the CSRF token, or logged out.
        Browser.Page noToken = beacon(ann, null, page, "5");
        assertEquals(403, noToken.status());
        assertTrue(noToken.body().contains("This form has expired or did not come from WTE"), noToken.body());
        Browser anonymous = new Browser();
        Browser.Page loggedOut = beacon(anonymous, Classroom.csrf(anonymous, server), page, "5");
        assertEquals(303, loggedOut.status());
        assertTrue(loggedOut.location().contains("/account/login"), loggedOut.location());

        assertEquals(before, room.seconds("annarcher@example.org", page), "no refused beacon added a second");
        assertEquals(rows, room.rows(), "no refused beacon made a row");
    }
}
