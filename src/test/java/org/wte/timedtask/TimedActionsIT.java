package org.wte.timedtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.HashMap;
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
import org.wte.web.LocalTimes;

/**
 * The Timed actions pages over HTTP on embedded Tomcat at /wte, as a teacher uses them: adding, the form's
 * refusals (past, DST gap, ambiguous time), editing in place and as a new action, running actions refused,
 * cancel and delete behind confirmations, the run history; who may see them; the badges in the lists; the
 * failed-action box; a change of status by hand with a scheduled change pending; deleting a part.
 */
class TimedActionsIT {
    static final String PASSWORD = "a long enough password";
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    static TestServer server;
    static long module;
    static long hiddenPart;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("/wte", 0, "");
        String hash = new PasswordHasher().hash(PASSWORD);
        server.root().database().run(s -> {
            Instant now = Instant.now();
            User owner = user(s, "owner@example.org", "Olga Owner", hash);
            User student = user(s, "student@example.org", "Sam Student", hash);
            User tutor = user(s, "tutor@example.org", "Tim Tutor", hash);
            user(s, "stranger@example.org", "Stan Stranger", hash);
            Part m = new Part(null, PartType.MODULE, "Web Basics", PartStatus.AVAILABLE, now);
            s.persist(m);
            Part hidden = new Part(m, PartType.PART, "Exam", PartStatus.UNAVAILABLE, now);
            hidden.setSortOrder(99);
            s.persist(hidden);
            s.persist(new ModuleRole(m, owner, Role.OWNER, now));
            s.persist(new ModuleRole(m, student, Role.STUDENT, now));
            s.persist(new ModuleRole(m, tutor, Role.TUTOR, now));
            module = m.getId();
            hiddenPart = hidden.getId();
        });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ------------------------------------------------------------------ adding and the list

    @Test
    void theOwnerSchedulesAStatusChangeAndSeesItWithItsOffsetAndHowSoon() throws Exception {
        long part = part("Forms");
        Browser owner = login("owner@example.org");
        Browser.Page partPage = owner.open(url(part, ""));
        Element link = partPage.doc().selectFirst(".editor-bar a[href$=/timed-actions]");
        assertNotNull(link, "the editor bar links to the Timed actions page");
        assertEquals("Timed actions", link.text());

        Browser.Page list = owner.open(link.absUrl("href"));
        assertEquals(200, list.status(), list.body());
        assertEquals("Timed actions of Forms", list.doc().selectFirst("h1").text());
        assertEquals(List.of("Home", "Modules", "Web Basics", "Forms", "Timed actions"),
                list.doc().select(".breadcrumbs li").eachText());
        assertTrue(list.doc().text().contains("No timed actions yet"));
        Element menu = list.doc().selectFirst("form.add-action");
        assertEquals("get", menu.attr("method"));
        assertEquals(List.of("change-status", "email-members"), menu.select("select[name=type] option").eachAttr("value"));

        Browser.Page form = owner.open(menu.absUrl("action") + "?type=change-status");
        assertEquals(200, form.status(), form.body());
        assertEquals("date", form.doc().selectFirst("input[name=date]").attr("type"));
        assertEquals("time", form.doc().selectFirst("input[name=time]").attr("type"));
        assertTrue(form.doc().selectFirst("fieldset.when legend").text().contains("Europe/London"), "the zone is named");
        assertEquals(List.of("available", "unavailable"), form.doc().select("input[name=status]").eachAttr("value"),
                "a part cannot be archived: no such choice");
        assertNotNull(form.doc().selectFirst("input[name=status][value=available][checked]"), "the type's default");
        assertNotNull(form.doc().selectFirst("button[name=save][value=schedule]"));
        assertNotNull(form.doc().selectFirst("button[name=save][value=draft]"));

        Instant due = Instant.now().plus(Duration.ofDays(3)).plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
        Browser.Page saved = owner.submit(form, "form.timed-action-form", when(due, "status", "unavailable", "save", "schedule"));
        assertEquals(303, saved.status(), saved.body());
        assertTrue(saved.location().startsWith(server.url("/parts/" + part + "/timed-actions#action-")), saved.location());
        TimedTask task = only(part);
        assertEquals(TimedTaskStatus.SCHEDULED, task.getStatus());
        assertEquals(due, task.getDueAt());

        Browser.Page after = owner.open(url(part, "/timed-actions"));
        assertTrue(after.doc().selectFirst(".flash-success").text().startsWith("Scheduled (#" + task.getId() + "): due in 3 days"),
                after.doc().selectFirst(".flash-success").text());
        Element row = after.doc().selectFirst("#action-" + task.getId());
        assertEquals("Make it unavailable", row.selectFirst(".what").text());
        assertEquals(LocalTimes.format(due, LONDON) + " in 3 days", row.selectFirst(".when").text());
        assertTrue(row.selectFirst(".when").text().contains("(UTC+0"), "with the offset from UTC");
        assertEquals("scheduled", row.selectFirst(".badge").text());
        assertEquals("Run history: not run yet", row.selectFirst("details.history summary").text());
        assertEquals(List.of("Edit #" + task.getId(), "Cancel… #" + task.getId(), "Delete… #" + task.getId()),
                row.select(".row-actions a").eachText());
    }

    @Test
    void aDraftMayWaitWithoutATimeAndAnEmailActionKeepsItsFields() throws Exception {
        long part = part("Drafts");
        Browser owner = login("owner@example.org");
        Browser.Page form = owner.open(url(part, "/timed-actions/new?type=email-members"));
        assertEquals(200, form.status(), form.body());
        assertNotNull(form.doc().selectFirst("a[href=/wte/help/markup]"), "the body links to the markup help");
        assertEquals(List.of("student", "tutor", "owner"), form.doc().select("input[type=checkbox][name=roles]").eachAttr("value"));

        // Nothing chosen, nothing written, scheduled without a time: every problem at its field, the rest kept.
        Map<String, String> empty = new HashMap<>(Map.of("_csrf", csrf(form), "date", "", "time", "", "subject", "Week 3",
                "body", "", "save", "schedule"));
        Browser.Page refused = owner.post(url(part, "/timed-actions/new?type=email-members"), empty);
        assertEquals(400, refused.status(), refused.body());
        Document doc = refused.doc();
        assertEquals(List.of("#f-date", "#f-roles", "#f-body"), doc.select(".error-summary a").eachAttr("href"));
        assertEquals("Week 3", doc.selectFirst("input[name=subject]").val(), "what was typed stays");

        Browser.Page draft = owner.post(url(part, "/timed-actions/new?type=email-members"), Map.of("_csrf", csrf(form),
                "date", "", "time", "", "roles", "student", "subject", "Week 3", "body", "Read *chapter 3*.", "save", "draft"));
        assertEquals(303, draft.status(), draft.body());
        TimedTask task = only(part);
        assertEquals(TimedTaskStatus.DRAFT, task.getStatus());
        assertNull(task.getDueAt());
        Element row = owner.open(url(part, "/timed-actions")).doc().selectFirst("#action-" + task.getId());
        assertEquals("no time yet", row.selectFirst(".when").text());
        assertEquals("E-mail the students: \u201cWeek 3\u201d", row.selectFirst(".what").text());

        Browser.Page edit = owner.open(url(part, "/timed-actions/" + task.getId() + "/edit"));
        assertEquals("Read *chapter 3*.", edit.doc().selectFirst("textarea[name=body]").text());
        assertNotNull(edit.doc().selectFirst("input[name=roles][value=student][checked]"));
        assertNull(edit.doc().selectFirst("input[name=roles][value=tutor][checked]"));
    }

    @Test
    void thePastADstGapAndAnAmbiguousTimeAreHandledOnTheForm() throws Exception {
        long part = part("Clocks");
        Browser owner = login("owner@example.org");
        String action = url(part, "/timed-actions/new?type=change-status");
        String token = csrf(owner.open(action));

        String[] past = LocalTimes.fields(Instant.now().minus(Duration.ofHours(3)), LONDON);
        Browser.Page inThePast = owner.post(action, Map.of("_csrf", token, "date", past[0], "time", past[1],
                "status", "available"));
        assertEquals(400, inThePast.status());
        assertTrue(inThePast.doc().selectFirst("#f-date-error").text().contains("is in the past (3 hours ago)"),
                inThePast.body());

        ZoneOffsetTransition gap = next(true);
        String day = gap.getDateTimeBefore().toLocalDate().toString();
        Browser.Page inGap = owner.post(action, Map.of("_csrf", token, "date", day,
                "time", gap.getDateTimeBefore().plusMinutes(15).toLocalTime().toString(), "status", "available"));
        assertEquals(400, inGap.status());
        String gapMessage = inGap.doc().selectFirst("#f-time-error").text();
        assertTrue(gapMessage.contains("does not exist in Europe/London: the clocks go forward from 01:00 to 02:00"),
                gapMessage);

        ZoneOffsetTransition overlap = next(false);
        String autumn = overlap.getDateTimeAfter().toLocalDate().toString();
        String twice = overlap.getDateTimeAfter().plusMinutes(30).toLocalTime().toString();
        Browser.Page ask = owner.post(action, Map.of("_csrf", token, "date", autumn, "time", twice, "status", "unavailable"));
        assertEquals(400, ask.status());
        assertTrue(ask.doc().selectFirst("#f-offset-error").text().contains("happens twice"), ask.body());
        List<Element> radios = ask.doc().select("input[type=radio][name=offset]");
        assertEquals(List.of("+01:00", "+00:00"), radios.stream().map(Element::val).toList(), "earlier first");
        assertTrue(radios.stream().allMatch(r -> r.hasAttr("required")));
        assertTrue(ask.doc().select("fieldset.offset-choice label").eachText().get(0).contains("BST (UTC+01:00)"));
        assertEquals(autumn, ask.doc().selectFirst("input[name=date]").val(), "the date and time stay");
        assertNotNull(ask.doc().selectFirst("input[name=status][value=unavailable][checked]"));

        Browser.Page chosen = owner.post(action, Map.of("_csrf", token, "date", autumn, "time", twice, "offset", "+00:00",
                "status", "unavailable"));
        assertEquals(303, chosen.status(), chosen.body());
        assertEquals(overlap.getInstant().plus(Duration.ofMinutes(30)), only(part).getDueAt(), "the second 01:30, GMT");
    }

    // ------------------------------------------------------------------ edit, run, cancel, delete

    @Test
    void editingChangesAScheduledActionInPlaceAndAStaleFormIsA409() throws Exception {
        long part = part("Edits");
        TimedTask task = insert(part, "change-status", "{\"status\":\"available\"}", TimedTaskStatus.SCHEDULED,
                Instant.now().plus(Duration.ofDays(2)), null);
        Browser owner = login("owner@example.org");
        Browser.Page edit = owner.open(url(part, "/timed-actions/" + task.getId() + "/edit"));
        assertEquals(200, edit.status(), edit.body());
        assertEquals(String.valueOf(task.getVersion()), edit.doc().selectFirst("input[name=version]").val());
        String[] fields = LocalTimes.fields(task.getDueAt(), LONDON);
        assertEquals(fields[0], edit.doc().selectFirst("input[name=date]").val());
        assertEquals(fields[1], edit.doc().selectFirst("input[name=time]").val());

        Instant later = Instant.now().plus(Duration.ofDays(6)).truncatedTo(ChronoUnit.MINUTES);
        Browser.Page saved = owner.submit(edit, "form.timed-action-form", when(later, "status", "unavailable"));
        assertEquals(303, saved.status(), saved.body());
        TimedTask after = load(task.getId());
        assertEquals(later, after.getDueAt());
        assertEquals("{\"status\":\"unavailable\"}", after.getOptions());
        assertEquals(1, count(part), "changed in place, not copied");

        // The same (now old) form again: refused, with a page that says why.
        Browser.Page stale = owner.submit(edit, "form.timed-action-form", when(later, "status", "available"));
        assertEquals(409, stale.status());
        assertTrue(stale.doc().text().contains("changed after this page was opened"), stale.body());
        assertEquals("{\"status\":\"unavailable\"}", load(task.getId()).getOptions());
    }

    @Test
    void aRunningActionCannotBeTouchedAndAFinishedOneIsScheduledAgainAsANewAction() throws Exception {
        long part = part("Runs");
        TimedTask running = insert(part, "email-members", "{\"roles\":\"student\",\"subject\":\"Hi\",\"body\":\"Hello\"}",
                TimedTaskStatus.RUNNING, Instant.now().minus(Duration.ofMinutes(1)), null);
        TimedTask done = insert(part, "change-status", "{\"status\":\"available\"}", TimedTaskStatus.DONE,
                Instant.now().minus(Duration.ofDays(1)), "Status set to available (was unavailable).");
        sql("INSERT INTO timed_task_run (task_id, attempt, host, pid, started_at, ended_at, late_seconds, outcome, message) "
                + "VALUES (?, 1, 'web1.example.org', 4242, ?, ?, 125, 'RETRY', 'SMTP server not answering')",
                done.getId(), Instant.now().minus(Duration.ofHours(25)), Instant.now().minus(Duration.ofHours(25)));
        sql("INSERT INTO timed_task_run (task_id, attempt, host, pid, started_at, ended_at, late_seconds, outcome, message) "
                + "VALUES (?, 2, 'web2.example.org', 77, ?, ?, 3700, 'DONE', 'Status set to available (was unavailable).')",
                done.getId(), Instant.now().minus(Duration.ofHours(23)), Instant.now().minus(Duration.ofHours(23)));
        Browser owner = login("owner@example.org");
        Document list = owner.open(url(part, "/timed-actions")).doc();

        Element runningRow = list.selectFirst("#action-" + running.getId());
        assertTrue(runningRow.select(".row-actions a").isEmpty(), "no edit, cancel or delete: " + runningRow);
        assertTrue(runningRow.text().contains("running: wait for it to finish"));
        for (String path : List.of("/edit", "/cancel", "/delete")) {
            Browser.Page refused = owner.get(url(part, "/timed-actions/" + running.getId() + path));
            assertEquals(409, refused.status(), path);
            assertTrue(refused.doc().text().contains("It is running now; wait for it to finish."), refused.body());
        }
        for (String path : List.of("/edit", "/cancel", "/delete")) {
            Browser.Page refused = owner.post(url(part, "/timed-actions/" + running.getId() + path), Map.of(
                    "_csrf", csrf(owner.open(url(part, "/timed-actions"))), "version", String.valueOf(running.getVersion()),
                    "roles", "student", "subject", "Changed", "body", "x", "date", "", "time", "", "save", "draft"));
            assertEquals(409, refused.status(), path);
        }
        assertEquals(TimedTaskStatus.RUNNING, load(running.getId()).getStatus());

        // The history of the done one: each attempt, with its runner, lateness and message.
        Element history = list.selectFirst("#action-" + done.getId() + " details.history");
        assertEquals("Run history: 2 attempts", history.selectFirst("summary").text());
        List<Element> attempts = history.select("tbody tr");
        assertEquals(List.of("1", "web1.example.org, pid 4242", "retry", "2 minutes", "SMTP server not answering"),
                List.of(attempts.get(0).child(0).text(), attempts.get(0).child(1).text(), attempts.get(0).child(4).text(),
                        attempts.get(0).child(5).text(), attempts.get(0).child(6).text()));
        assertEquals("1 hour 1 minute", attempts.get(1).child(5).text());
        assertTrue(attempts.get(1).child(2).text().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(UTC.*\\)"),
                attempts.get(1).child(2).text());

        // Editing the done one: a new scheduled action that replaces it; the old one stays done.
        Element again = list.selectFirst("#action-" + done.getId() + " .row-actions a");
        assertTrue(again.text().startsWith("Schedule again"), again.text());
        Browser.Page form = owner.open(again.absUrl("href"));
        assertTrue(form.doc().selectFirst(".flash-info").text().contains("Saving makes a new action"));
        assertEquals("", form.doc().selectFirst("input[name=date]").val(), "its past time is not offered again");
        Instant due = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);
        Browser.Page saved = owner.submit(form, "form.timed-action-form", when(due, "status", "available"));
        assertEquals(303, saved.status(), saved.body());
        TimedTask old = load(done.getId());
        assertEquals(TimedTaskStatus.DONE, old.getStatus(), "never re-armed");
        TimedTask replacement = server.root().database().inTransaction(s -> s.createQuery(
                "from TimedTask t where t.replacesId = :id", TimedTask.class).setParameter("id", done.getId()).getSingleResult());
        assertEquals(TimedTaskStatus.SCHEDULED, replacement.getStatus());
        assertEquals(due, replacement.getDueAt());
        Document now = owner.open(url(part, "/timed-actions")).doc();
        assertTrue(now.selectFirst("#action-" + replacement.getId()).text().contains("replaces #" + done.getId()));
        assertTrue(now.selectFirst("#action-" + done.getId()).text().contains("replaced by #" + replacement.getId()));
        assertTrue(now.selectFirst(".flash-success").text().contains("It is a new action"));
    }

    @Test
    void cancelAndDeleteSayWhatTheyWillDoFirst() throws Exception {
        long part = part("Confirmations");
        TimedTask task = insert(part, "change-status", "{\"status\":\"unavailable\"}", TimedTaskStatus.SCHEDULED,
                Instant.now().plus(Duration.ofDays(1)), null);
        Browser owner = login("owner@example.org");
        Browser.Page confirm = owner.open(url(part, "/timed-actions/" + task.getId() + "/cancel"));
        assertEquals(200, confirm.status(), confirm.body());
        assertTrue(confirm.doc().selectFirst(".warning-box").text().startsWith("This action will not run: Make it "
                + "unavailable, due "), confirm.doc().selectFirst(".warning-box").text());
        assertEquals(TimedTaskStatus.SCHEDULED, load(task.getId()).getStatus(), "a GET changes nothing");
        Browser.Page cancelled = owner.submit(confirm, "form[action$=/cancel]", Map.of());
        assertEquals(303, cancelled.status(), cancelled.body());
        assertEquals(TimedTaskStatus.CANCELLED, load(task.getId()).getStatus());
        assertEquals("Cancelled by Olga Owner.", load(task.getId()).getLastResult());
        assertEquals(409, owner.get(url(part, "/timed-actions/" + task.getId() + "/cancel")).status(),
                "nothing left to cancel");

        Browser.Page delete = owner.open(url(part, "/timed-actions/" + task.getId() + "/delete"));
        assertTrue(delete.doc().selectFirst(".warning-box").text().contains("will be deleted for good, with its run history"));
        Browser.Page deleted = owner.submit(delete, "form[action$=/delete]", Map.of());
        assertEquals(303, deleted.status());
        assertNull(load(task.getId()));
        assertEquals(400, owner.post(url(part, "/timed-actions/" + task.getId() + "/delete"),
                Map.of("_csrf", csrf(delete))).status(), "no version: a clear 400, not a 500");
    }

    // ------------------------------------------------------------------ who may

    @Test
    void onlyEditorsSeeTheTimedActionsAndEveryIdIsCheckedAgainstThePart() throws Exception {
        long part = part("Rights");
        long other = part("Other part");
        TimedTask task = insert(part, "change-status", "{\"status\":\"available\"}", TimedTaskStatus.SCHEDULED,
                Instant.now().plus(Duration.ofDays(1)), null);
        for (String email : List.of("student@example.org", "tutor@example.org")) {
            Browser b = login(email);
            assertEquals(403, b.get(url(part, "/timed-actions")).status(), email);
            assertEquals(403, b.get(url(part, "/timed-actions/new?type=change-status")).status(), email);
            assertEquals(403, b.get(url(part, "/timed-actions/" + task.getId() + "/edit")).status(), email);
            assertEquals(403, b.post(url(part, "/timed-actions/" + task.getId() + "/cancel"), Map.of(
                    "_csrf", csrf(b.open(url(part, ""))), "version", String.valueOf(task.getVersion()))).status(), email);
            assertNull(b.open(url(part, "")).doc().selectFirst("a[href$=/timed-actions]"), email + " has no link");
        }
        Browser stranger = login("stranger@example.org");
        assertEquals(404, stranger.get(url(part, "/timed-actions")).status());
        assertEquals(404, login("student@example.org").get(url(hiddenPart, "/timed-actions")).status(),
                "a part the student cannot see: 404, as for the part itself");
        Browser anonymous = new Browser();
        Browser.Page redirect = anonymous.get(url(part, "/timed-actions"));
        assertEquals(303, redirect.status());
        assertTrue(redirect.location().contains("/account/login?return_to="), redirect.location());

        Browser owner = login("owner@example.org");
        assertEquals(404, owner.get(url(other, "/timed-actions/" + task.getId() + "/edit")).status(),
                "an action of another part, through this part's address");
        assertEquals(404, owner.post(url(other, "/timed-actions/" + task.getId() + "/delete"), Map.of(
                "_csrf", csrf(owner.open(url(part, ""))), "version", String.valueOf(task.getVersion()))).status());
        assertEquals(404, owner.get(url(part, "/timed-actions/99999/edit")).status());
        assertEquals(404, owner.get(url(part, "/timed-actions/abc/edit")).status());
        assertEquals(400, owner.get(url(part, "/timed-actions/new?type=launch-rockets")).status());
        assertEquals(TimedTaskStatus.SCHEDULED, load(task.getId()).getStatus());
    }

    @Test
    void editorsSeeBadgesOfUpcomingActionsInTheirListsAndStudentsDoNot() throws Exception {
        long part = part("Badged");
        Instant soon = Instant.now().plus(Duration.ofDays(2)).plus(Duration.ofMinutes(10));
        insert(part, "change-status", "{\"status\":\"available\"}", TimedTaskStatus.SCHEDULED, soon, null);
        insert(part, "change-status", "{\"status\":\"unavailable\"}", TimedTaskStatus.SCHEDULED, soon.plus(Duration.ofDays(3)), null);
        insert(part, "change-status", "{\"status\":\"unavailable\"}", TimedTaskStatus.DRAFT, null, null);
        insert(module, "email-members", "{\"roles\":\"student\",\"subject\":\"S\",\"body\":\"B\"}", TimedTaskStatus.SCHEDULED,
                soon, null);

        Browser owner = login("owner@example.org");
        Element child = owner.open(url(module, "")).doc().selectFirst("#child-" + part + " .badge-timed");
        assertNotNull(child, "the part's badge in its module's list");
        assertEquals("Timed actions: 2 scheduled", child.text(), "the draft does not count");
        assertEquals("Next: " + LocalTimes.format(soon.truncatedTo(ChronoUnit.MICROS), LONDON) + ", in 2 days",
                child.attr("title"));
        for (String list : List.of("/modules?view=mine", "/modules")) {
            Element badge = owner.open(server.url(list)).doc().selectFirst(".card:has(a[href=/wte/parts/" + module + "]) .badge-timed");
            assertNotNull(badge, list);
            assertEquals("Timed actions: 1 scheduled", badge.text());
        }
        Browser admin = admin();
        Element adminBadge = admin.open(server.url("/admin/modules")).doc()
                .selectFirst("tr[data-module-id=" + module + "] .badge-timed");
        assertNotNull(adminBadge, "the admin modules list");
        assertEquals("Timed actions: 1 scheduled", adminBadge.text());

        for (String email : List.of("student@example.org", "tutor@example.org")) {
            Browser b = login(email);
            assertTrue(b.open(url(module, "")).doc().select(".badge-timed").isEmpty(), email);
            assertTrue(b.open(server.url("/modules?view=mine")).doc().select(".badge-timed").isEmpty(), email);
            assertTrue(b.open(server.url("/modules")).doc().select(".badge-timed").isEmpty(), email);
        }
    }

    @Test
    void aFailedActionShowsOnThePartsPageForItsEditorsUntilItIsReplaced() throws Exception {
        long part = part("Failing");
        TimedTask failed = insert(part, "email-members", "{\"roles\":\"student\",\"subject\":\"Quiz\",\"body\":\"B\"}",
                TimedTaskStatus.FAILED, Instant.now().minus(Duration.ofHours(1)), "SMTP refused: 550 mailbox unavailable");
        Browser owner = login("owner@example.org");
        Element box = owner.open(url(part, "")).doc().selectFirst(".timed-failure");
        assertNotNull(box);
        assertTrue(box.text().contains("A timed action failed: E-mail the students: \u201cQuiz\u201d"), box.text());
        assertTrue(box.text().contains("SMTP refused: 550 mailbox unavailable"), box.text());
        assertEquals("/wte/parts/" + part + "/timed-actions#action-" + failed.getId(), box.selectFirst("a").attr("href"));
        for (String email : List.of("student@example.org", "tutor@example.org")) {
            assertNull(login(email).open(url(part, "")).doc().selectFirst(".timed-failure"), email);
        }

        Browser.Page form = owner.open(url(part, "/timed-actions/" + failed.getId() + "/edit"));
        Browser.Page saved = owner.submit(form, "form.timed-action-form", when(Instant.now().plus(Duration.ofHours(2))
                .truncatedTo(ChronoUnit.MINUTES), "roles", "student", "subject", "Quiz", "body", "B"));
        assertEquals(303, saved.status(), saved.body());
        assertNull(owner.open(url(part, "")).doc().selectFirst(".timed-failure"), "replaced: no more warning");
    }

    @Test
    void aThreePanePageShowsItsEditorsTheFailedAndScheduledActionsToo() throws Exception {
        long part = part("Lab");
        long page = server.root().database().inTransaction(s -> {
            Part lab = s.get(Part.class, part);
            lab.setDisplayMode(org.wte.content.DisplayMode.WORKSPACE);
            Part p = new Part(lab, PartType.PAGE, "Exercise", PartStatus.AVAILABLE, Instant.now());
            s.persist(p);
            return p.getId();
        });
        Instant due = Instant.now().plus(Duration.ofDays(2)).plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
        TimedTask failed = insert(page, "email-members", "{\"roles\":\"student\",\"subject\":\"Lab\",\"body\":\"B\"}",
                TimedTaskStatus.FAILED, Instant.now().minus(Duration.ofHours(1)), "SMTP refused");
        insert(page, "change-status", "{\"status\":\"unavailable\"}", TimedTaskStatus.SCHEDULED, due, null);
        Document shown = login("owner@example.org").open(url(page, "")).doc();
        assertNotNull(shown.selectFirst("#ws-layout"), "the three panes");
        assertEquals("/wte/parts/" + page + "/timed-actions#action-" + failed.getId(),
                shown.selectFirst(".timed-failure a").attr("href"));
        assertEquals("Scheduled: becomes unavailable on " + LocalTimes.format(due, LONDON) + " (in 2 days). Timed actions",
                shown.selectFirst(".scheduled-changes li").text());
        assertEquals("/wte/parts/" + page + "/timed-actions", shown.selectFirst(".ws-editor-bar a[href$=timed-actions]")
                .attr("href"));
        Document asStudent = login("student@example.org").open(url(page, "")).doc();
        assertNotNull(asStudent.selectFirst("#ws-layout"));
        assertNull(asStudent.selectFirst(".timed-failure"), "only editors see what failed");
        assertNull(asStudent.selectFirst(".scheduled-changes"), "only editors see what is scheduled");
    }

    // ------------------------------------------------------------------ status by hand, deletion

    @Test
    void aChangeOfStatusByHandWithAScheduledChangePendingAsksFirstAndBothAnswersWork() throws Exception {
        long part = part("Scheduled");
        Instant due = Instant.now().plus(Duration.ofDays(4)).plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
        TimedTask pending = insert(part, "change-status", "{\"status\":\"available\"}", TimedTaskStatus.SCHEDULED, due, null);
        sql("UPDATE part SET status = 'UNAVAILABLE' WHERE id = ?", part);
        Browser owner = login("owner@example.org");
        Browser.Page page = owner.open(url(part, ""));
        assertEquals("Scheduled: becomes available on " + LocalTimes.format(due, LONDON) + " (in 4 days). Timed actions",
                page.doc().selectFirst(".scheduled-changes li").text());

        // Making it available now agrees with what is scheduled: nothing to ask.
        Browser.Page agree = owner.submit(page, "form.status-form", Map.of("status", "available"));
        assertEquals(303, agree.status());
        assertEquals(PartStatus.AVAILABLE, status(part));
        Browser.Page asStudent = login("student@example.org").open(url(part, ""));
        assertEquals(200, asStudent.status());
        assertNull(asStudent.doc().selectFirst(".scheduled-changes"), "only editors see what is scheduled");

        // Making it unavailable would be undone in 4 days: the page says so and changes nothing yet.
        Browser.Page ask = owner.submit(owner.open(url(part, "")), "form.status-form", Map.of("status", "unavailable"));
        assertEquals(200, ask.status(), ask.body());
        assertEquals(PartStatus.AVAILABLE, status(part), "not applied silently");
        assertEquals("On " + LocalTimes.format(due, LONDON) + " (in 4 days) a timed action will make this part available; "
                + "your change now would be undone then.", ask.doc().selectFirst(".warning-box p").text());
        assertEquals(List.of("cancel", "keep"), ask.doc().select("button[name=pending]").eachAttr("value"));
        assertEquals("/wte/parts/" + part, ask.doc().selectFirst(".status-choices a").attr("href"), "back, change nothing");

        Browser.Page keep = owner.post(url(part, "/status"), Map.of("_csrf", csrf(ask), "status", "unavailable",
                "pending", "keep"));
        assertEquals(303, keep.status());
        assertEquals(PartStatus.UNAVAILABLE, status(part));
        assertEquals(TimedTaskStatus.SCHEDULED, load(pending.getId()).getStatus(), "kept");
        assertTrue(owner.open(url(part, "")).doc().selectFirst(".flash-success").text().contains("The scheduled change stays"));

        sql("UPDATE part SET status = 'AVAILABLE' WHERE id = ?", part);
        Browser.Page cancel = owner.post(url(part, "/status"), Map.of("_csrf", csrf(ask), "status", "unavailable",
                "pending", "cancel"));
        assertEquals(303, cancel.status());
        assertEquals(PartStatus.UNAVAILABLE, status(part));
        TimedTask cancelled = load(pending.getId());
        assertEquals(TimedTaskStatus.CANCELLED, cancelled.getStatus());
        assertEquals("Cancelled when Olga Owner made the part unavailable by hand.", cancelled.getLastResult());
        Document after = owner.open(url(part, "")).doc();
        assertTrue(after.selectFirst(".flash-success").text().contains("cancelled"));
        assertNull(after.selectFirst(".scheduled-changes"));

        assertEquals(400, owner.post(url(part, "/status"), Map.of("_csrf", csrf(ask), "status", "available",
                "pending", "maybe")).status());
    }

    @Test
    void deletingAPartCancelsItsActionsAndThePageSaysHowMany() throws Exception {
        long part = part("Doomed");
        long[] page = new long[1];
        server.root().database().run(s -> {
            Part p = new Part(s.get(Part.class, part), PartType.PAGE, "Doomed page", PartStatus.AVAILABLE, Instant.now());
            s.persist(p);
            page[0] = p.getId();
        });
        TimedTask onPart = insert(part, "change-status", "{\"status\":\"available\"}", TimedTaskStatus.SCHEDULED,
                Instant.now().plus(Duration.ofDays(1)), null);
        TimedTask onPage = insert(page[0], "change-status", "{\"status\":\"available\"}", TimedTaskStatus.DRAFT, null, null);
        TimedTask done = insert(page[0], "change-status", "{\"status\":\"available\"}", TimedTaskStatus.DONE,
                Instant.now().minus(Duration.ofDays(1)), "done");
        Browser owner = login("owner@example.org");
        Browser.Page confirm = owner.open(url(part, "/delete"));
        assertEquals("2 timed actions of it and below it that did not run yet (scheduled or drafts) will be cancelled.",
                confirm.doc().selectFirst(".cancelled-actions").text());
        assertEquals(303, owner.submit(confirm, "form[action$=/delete]", Map.of()).status());
        for (TimedTask t : List.of(onPart, onPage)) {
            TimedTask after = load(t.getId());
            assertEquals(TimedTaskStatus.CANCELLED, after.getStatus());
            assertEquals("its part was deleted", after.getLastResult());
        }
        assertEquals("done", load(done.getId()).getLastResult(), "a finished action keeps its result");
    }

    // ------------------------------------------------------------------ helpers

    static String url(long partId, String path) {
        return server.url("/parts/" + partId + path);
    }

    /** The date and time fields for this instant in London, plus other fields. */
    static Map<String, String> when(Instant due, String... fields) {
        String[] f = LocalTimes.fields(due, LONDON);
        Map<String, String> values = new HashMap<>(Map.of("date", f[0], "time", f[1], "offset", f[2]));
        for (int i = 0; i < fields.length; i += 2) {
            values.put(fields[i], fields[i + 1]);
        }
        return values;
    }

    static ZoneOffsetTransition next(boolean gap) {
        ZoneOffsetTransition t = LONDON.getRules().nextTransition(Instant.now().plus(Duration.ofDays(2)));
        while (t.isGap() != gap) {
            t = LONDON.getRules().nextTransition(t.getInstant());
        }
        return t;
    }

    static long part(String title) {
        return server.root().database().inTransaction(s -> {
            Part p = new Part(s.get(Part.class, module), PartType.PART, title, PartStatus.AVAILABLE, Instant.now());
            s.persist(p);
            return p.getId();
        });
    }

    static TimedTask insert(long partId, String type, String options, TimedTaskStatus status, Instant due, String result) {
        return server.root().database().inTransaction(s -> {
            TimedTask t = new TimedTask(s.get(Part.class, partId), type, options, status, due, null, Instant.now());
            t.setLastResult(result);
            s.persist(t);
            return t;
        });
    }

    static TimedTask load(long id) {
        return server.root().database().inTransaction(s -> s.get(TimedTask.class, id));
    }

    static TimedTask only(long partId) {
        return server.root().database().inTransaction(s -> s.createQuery("from TimedTask t where t.part.id = :p",
                TimedTask.class).setParameter("p", partId).getSingleResult());
    }

    static long count(long partId) {
        return server.root().database().inTransaction(s -> s.createQuery("select count(t) from TimedTask t "
                + "where t.part.id = :p", Long.class).setParameter("p", partId).getSingleResult());
    }

    static PartStatus status(long partId) {
        return server.root().database().inTransaction(s -> s.get(Part.class, partId).getStatus());
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

    static User user(org.hibernate.Session s, String email, String name, String hash) {
        User u = new User(email, name, UserStatus.ACTIVE, Instant.now());
        u.setPasswordHash(hash);
        s.persist(u);
        return u;
    }

    static Browser login(String email) throws Exception {
        Browser b = new Browser();
        Browser.Page login = b.open(server.url("/account/login"));
        Browser.Page in = b.submit(login, "form[action$=/account/login]", Map.of("email", email, "password", PASSWORD));
        assertEquals(303, in.status(), in.body());
        return b;
    }

    static Browser admin() throws Exception {
        if (server.root().database().inTransaction(s -> server.root().users().byEmail(s, "root@example.org")).isEmpty()) {
            server.root().administrators().create("root@example.org", PASSWORD, false);
        }
        return login("root@example.org");
    }

    static String csrf(Browser.Page page) {
        Element input = page.doc().selectFirst("input[name=_csrf]");
        assertNotNull(input, "no CSRF field on " + page.url());
        assertFalse(input.val().isBlank());
        return input.val();
    }
}
