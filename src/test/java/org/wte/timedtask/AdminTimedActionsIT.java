package org.wte.timedtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
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

/**
 * The administrators' Timed actions page and the banner of stalled runners, over HTTP: runs per host (last, last
 * successful), what is due and waits (count, the oldest 20, linked), failed actions across modules (a deleted
 * part shown as such); the banner for administrators only, from "never ran" through "10 minutes" to gone.
 */
class AdminTimedActionsIT {
    static final String PASSWORD = "a long enough password";
    static TestServer server;
    static long module;
    static long part;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("/wte", 0, "");
        server.root().administrators().create("root@example.org", PASSWORD, false);
        String hash = new PasswordHasher().hash(PASSWORD);
        server.root().database().run(s -> {
            Instant now = Instant.now();
            User owner = new User("owner@example.org", "Olga Owner", UserStatus.ACTIVE, now);
            owner.setPasswordHash(hash);
            s.persist(owner);
            Part m = new Part(null, PartType.MODULE, "Web Basics", PartStatus.AVAILABLE, now);
            s.persist(m);
            Part p = new Part(m, PartType.PART, "Forms", PartStatus.AVAILABLE, now);
            s.persist(p);
            s.persist(new ModuleRole(m, owner, Role.OWNER, now));
            module = m.getId();
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
    void theAdminPageAndTheBannerSayWhatIsDueWhatFailedAndWhetherCronRuns() throws Exception {
        Browser admin = login("root@example.org");
        Browser owner = login("owner@example.org");
        Document calm = admin.open(server.url("/admin/timed-actions")).doc();
        assertTrue(calm.text().contains("The runners keep up"), calm.text());
        assertTrue(calm.text().contains("No run has been recorded"));
        assertNotNull(calm.selectFirst(".main-nav a[href=/wte/admin/timed-actions][aria-current=page]"), "in the navigation");
        assertNull(admin.open(server.url("/profile")).doc().selectFirst(".runner-banner"), "nothing due: no banner");

        // 25 actions overdue by 30 to 6 minutes, a failed one, a failed one whose part was deleted.
        Instant now = Instant.now();
        long oldest = 0;
        for (int i = 0; i < 25; i++) {
            long id = insert(part, "{\"status\":\"available\"}", TimedTaskStatus.SCHEDULED,
                    now.minus(Duration.ofMinutes(30 - i)), null);
            oldest = i == 0 ? id : oldest;
        }
        insert(part, "{\"status\":\"available\"}", TimedTaskStatus.SCHEDULED, now.plus(Duration.ofHours(1)), null);
        long failed = insert(part, "{\"status\":\"available\"}", TimedTaskStatus.FAILED, now.minus(Duration.ofHours(2)),
                "its options are not valid");
        long orphan = insert(part, "{\"status\":\"available\"}", TimedTaskStatus.FAILED, now.minus(Duration.ofHours(3)),
                "its part no longer exists");
        sql("UPDATE timed_task SET part_id = NULL, finished_at = ? WHERE id = ?", now.minus(Duration.ofHours(3)), orphan);
        sql("UPDATE timed_task SET finished_at = ? WHERE id = ?", now.minus(Duration.ofHours(1)), failed);

        // No run has ever finished: the administrators' banner says so on every page, once the page has looked.
        Document never = admin.open(server.url("/admin/timed-actions")).doc();
        assertTrue(never.selectFirst(".warning-box").text().contains("Actions are due but no run has ever finished"),
                never.selectFirst(".warning-box").text());
        Element banner = admin.open(server.url("/modules")).doc().selectFirst(".runner-banner");
        assertNotNull(banner, "the banner on another page");
        assertEquals("Timed actions are due but wte run-timed-tasks has never finished a run: check that cron runs it "
                + "(see cron/wte in the distribution) and its log. Timed actions health", banner.text());
        assertEquals("/wte/admin/timed-actions", banner.selectFirst("a").attr("href"));
        assertNull(owner.open(server.url("/modules")).doc().selectFirst(".runner-banner"), "administrators only");
        assertNull(owner.open(server.url("/parts/" + part)).doc().selectFirst(".runner-banner"));

        // web1 succeeded 20 minutes ago and failed 10 minutes ago; web2 is running now and never finished.
        runnerRun("web1", 11, now.minus(Duration.ofMinutes(21)), now.minus(Duration.ofMinutes(20)), "OK", 5, "");
        runnerRun("web1", 12, now.minus(Duration.ofMinutes(11)), now.minus(Duration.ofMinutes(10)), "ERROR", 0,
                "Cannot reach the database: Connection refused");
        runnerRun("web2", 13, now.minus(Duration.ofSeconds(20)), null, "RUNNING", 0, "");
        Document page = admin.open(server.url("/admin/timed-actions")).doc();
        assertTrue(page.selectFirst(".warning-box").text().contains("no run has finished for 10 minutes"),
                page.selectFirst(".warning-box").text());
        List<Element> hosts = page.select("table.runners tbody tr");
        assertEquals(2, hosts.size());
        Element web1 = hosts.get(0);
        assertTrue(web1.child(0).text().startsWith("web1"), web1.text());
        assertTrue(web1.child(0).text().contains("pid 12"), "the last run is the latest one: " + web1.text());
        assertEquals("error Cannot reach the database: Connection refused", web1.child(2).text());
        assertTrue(web1.child(3).text().startsWith("0 claimed"), web1.child(3).text());
        assertTrue(web1.child(4).text().startsWith("ended "), "its last successful run: " + web1.child(4).text());
        Element web2 = hosts.get(1);
        assertTrue(web2.child(1).text().contains("not ended"), web2.text());
        assertEquals("running", web2.child(2).text());
        assertEquals("none yet", web2.child(4).text());

        assertEquals("Due and not yet run: 25", page.selectFirst("#due-heading").text());
        List<Element> due = page.select("#due-heading + p + table tbody tr");
        assertEquals(20, due.size(), "the oldest 20");
        assertEquals(String.valueOf(oldest), due.get(0).child(0).text(), "oldest first");
        assertEquals("/wte/parts/" + part + "/timed-actions#action-" + oldest, due.get(0).selectFirst("a").attr("href"));
        assertEquals("Forms part", due.get(0).child(2).text());
        assertEquals("/wte/parts/" + module, due.get(0).child(3).selectFirst("a").attr("href"));
        assertEquals("Web Basics", due.get(0).child(3).text());

        assertEquals("Failed: 2", page.selectFirst("#failed-heading").text());
        List<Element> failures = page.select("#failed-heading + p + table tbody tr");
        assertEquals(List.of(String.valueOf(failed), String.valueOf(orphan)), failures.stream().map(r -> r.child(0).text())
                .toList(), "the latest first");
        assertEquals("/wte/parts/" + part + "/timed-actions#action-" + failed, failures.get(0).selectFirst("a").attr("href"));
        assertEquals("its options are not valid", failures.get(0).child(6).text());
        assertEquals("(deleted part)", failures.get(1).child(2).text());
        assertNull(failures.get(1).selectFirst("a"), "nothing to link to");

        Element minutes = admin.open(server.url("/profile")).doc().selectFirst(".runner-banner");
        assertTrue(minutes.text().startsWith("Timed actions are due but wte run-timed-tasks has not finished a run for "
                + "10 minutes: check that cron runs it"), minutes.text());

        // A run has just finished: all is well again, and the banner goes.
        runnerRun("web2", 14, now.minus(Duration.ofSeconds(30)), Instant.now(), "OK", 25, "");
        assertTrue(admin.open(server.url("/admin/timed-actions")).doc().text().contains("The runners keep up"));
        assertNull(admin.open(server.url("/profile")).doc().selectFirst(".runner-banner"));
    }

    @Test
    void onlyAdministratorsMayOpenThePage() throws Exception {
        assertEquals(403, login("owner@example.org").get(server.url("/admin/timed-actions")).status());
        assertNull(login("owner@example.org").open(server.url("/modules")).doc()
                .selectFirst(".main-nav a[href=/wte/admin/timed-actions]"));
        Browser.Page anonymous = new Browser().get(server.url("/admin/timed-actions"));
        assertEquals(303, anonymous.status());
        assertTrue(anonymous.location().contains("/account/login"), anonymous.location());
    }

    static long insert(long partId, String options, TimedTaskStatus status, java.time.Instant due, String result) {
        return server.root().database().inTransaction(s -> {
            TimedTask t = new TimedTask(s.get(Part.class, partId), ChangeStatusTask.NAME, options, status, due, null,
                    Instant.now());
            t.setLastResult(result);
            s.persist(t);
            return t.getId();
        });
    }

    static void runnerRun(String host, long pid, Instant started, Instant ended, String outcome, int done, String message) {
        sql("INSERT INTO runner_run (host, pid, started_at, ended_at, outcome, claimed, done, message) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", host, pid, started, ended, outcome, done, done, message);
    }

    static void sql(String sql, Object... parameters) {
        server.root().database().run(s -> {
            var q = s.createNativeMutationQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                q.setParameter(i + 1, parameters[i]);
            }
            q.executeUpdate();
        });
    }

    static Browser login(String email) throws Exception {
        Browser b = new Browser();
        Browser.Page login = b.open(server.url("/account/login"));
        Browser.Page in = b.submit(login, "form[action$=/account/login]", Map.of("email", email, "password", PASSWORD));
        assertEquals(303, in.status(), in.body());
        return b;
    }
}
