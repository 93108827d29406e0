package org.wte.timedtask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wte.CompositionRoot;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.Role;
import org.wte.testing.TestDatabase;
import org.wte.web.CurrentUser;
import org.wte.web.FormErrors;
import org.wte.web.LocalTimes;

/**
 * The rules of a part's timed actions on real Hibernate + H2 ({@link MariaDbTimedTaskServiceIT}: on MariaDB):
 * create, draft, edit in place, edit of a finished action as a new one, running ones refused, cancel, delete,
 * times in the past, DST gaps and overlaps in Europe/London, what deleting a part cancels, the badges' queries,
 * and the runners' health.
 */
class TimedTaskServiceTest {
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    CompositionRoot root;
    TimedTaskService service;
    PartTimedTasks partTasks;
    CurrentUser teacher;
    CurrentUser student;
    long module;
    long part;
    long page;

    CompositionRoot startRoot() throws Exception {
        return TestDatabase.start("");
    }

    @BeforeEach
    void start() throws Exception {
        root = startRoot();
        service = new TimedTaskService(TimedTaskTypes.standard(), root.partService(), LONDON);
        partTasks = new PartTimedTasks(TimedTaskTypes.standard(), LONDON);
        long[] ids = root.database().inTransaction(s -> {
            User t = new User("teacher@example.org", "Teacher", UserStatus.ACTIVE, Instant.now());
            User st = new User("student@example.org", "Student", UserStatus.ACTIVE, Instant.now());
            s.persist(t);
            s.persist(st);
            return new long[] {t.getId(), st.getId()};
        });
        teacher = new CurrentUser(ids[0], "teacher@example.org", "Teacher", Set.of("modules.create"), false, false, false);
        student = new CurrentUser(ids[1], "student@example.org", "Student", Set.of(), false, false, false);
        module = root.database().inTransaction(s -> root.partService().createModule(s, teacher, "Web", "").getId());
        part = root.database().inTransaction(s -> root.partService().createChild(s, teacher, module, "HTML", "", null, null)
                .getId());
        page = root.database().inTransaction(s -> root.partService().createChild(s, teacher, part, "Tags", "", null, null)
                .getId());
        root.database().run(s -> s.persist(new ModuleRole(s.get(Part.class, module), s.get(User.class, student.id()),
                Role.STUDENT, Instant.now())));
        for (long id : new long[] {module, part, page}) {
            root.database().run(s -> root.partService().setStatus(s, teacher, id, "available"));
        }
    }

    @AfterEach
    void stop() {
        root.close();
    }

    // ------------------------------------------------------------------ helpers

    static ActionInput input(Instant due, boolean schedule, String... fields) {
        String[] when = due == null ? new String[] {"", "", ""} : LocalTimes.fields(due, LONDON);
        return input(when[0], when[1], when[2], schedule, fields);
    }

    static ActionInput input(String date, String time, String offset, boolean schedule, String... fields) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.add(fields[i], fields[i + 1]);
        }
        return new ActionInput(date, time, offset, form, schedule);
    }

    /** A time at least this many days ahead, on a whole minute (the form has no seconds). */
    static Instant inDays(int days) {
        return Instant.now().plus(Duration.ofDays(days)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                .plus(Duration.ofMinutes(1));
    }

    TimedTask create(long partId, String type, ActionInput input) {
        return root.database().inTransaction(s -> service.create(s, teacher, partId, type, input));
    }

    TimedTask load(long id) {
        return root.database().inTransaction(s -> s.get(TimedTask.class, id));
    }

    void sql(String sql, Object... parameters) {
        root.database().run(s -> {
            var q = s.createNativeMutationQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                q.setParameter(i + 1, parameters[i]);
            }
            q.executeUpdate();
        });
    }

    /** The next change of Europe/London's clocks that goes forward (gap) or back (overlap). */
    static ZoneOffsetTransition nextTransition(boolean gap) {
        ZoneOffsetTransition t = LONDON.getRules().nextTransition(Instant.now().plus(Duration.ofDays(2)));
        while (t.isGap() != gap) {
            t = LONDON.getRules().nextTransition(t.getInstant());
        }
        return t;
    }

    // ------------------------------------------------------------------ create, draft

    @Test
    void aScheduledActionKeepsItsInstantTypeOptionsAndAuthor() {
        Instant due = inDays(3);
        TimedTask task = create(part, "change-status", input(due, true, "status", "available"));
        TimedTask stored = load(task.getId());
        assertEquals(TimedTaskStatus.SCHEDULED, stored.getStatus());
        assertEquals(due, stored.getDueAt());
        assertEquals("change-status", stored.getType());
        assertEquals(Map.of("status", "available"), TaskOptions.read(stored.getOptions()));
        assertEquals(teacher.id(), stored.getCreatedBy());
        assertEquals(0, stored.getAttempt());
        assertNull(stored.getReplacesId());

        TimedTask mail = create(module, "email-members", input(due, true, "roles", "student", "roles", "tutor",
                "subject", " Exam room ", "body", "Room **B12**."));
        assertEquals(Map.of("roles", "student,tutor", "subject", "Exam room", "body", "Room **B12**."),
                TaskOptions.read(load(mail.getId()).getOptions()));
    }

    @Test
    void aDraftMayHaveNoTimeOrAPastOneButAScheduledActionNeedsAFutureTime() {
        TimedTask draft = create(part, "change-status", input(null, false, "status", "unavailable"));
        assertEquals(TimedTaskStatus.DRAFT, load(draft.getId()).getStatus());
        assertNull(load(draft.getId()).getDueAt());
        TimedTask pastDraft = create(part, "change-status", input(Instant.now().minus(Duration.ofDays(2)), false,
                "status", "unavailable"));
        assertEquals(TimedTaskStatus.DRAFT, load(pastDraft.getId()).getStatus());

        FormErrors.Invalid noTime = assertThrows(FormErrors.Invalid.class,
                () -> create(part, "change-status", input(null, true, "status", "available")));
        assertTrue(noTime.errors().asMap().get("date").contains("date and time"), noTime.errors().asMap().toString());

        FormErrors.Invalid past = assertThrows(FormErrors.Invalid.class, () -> create(part, "change-status",
                input(Instant.now().minus(Duration.ofHours(2)), true, "status", "available")));
        String message = past.errors().asMap().get("date");
        assertTrue(message.contains("is in the past (2 hours ago)") && message.contains("would run at once"), message);
        // Within the minute of grace (the teacher typed "now"), it is accepted.
        create(part, "change-status", input(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES), true,
                "status", "available"));
    }

    @Test
    void everyProblemOfTheFormGoesToItsField() {
        FormErrors.Invalid bad = assertThrows(FormErrors.Invalid.class, () -> create(part, "email-members",
                input("2026-02-30", "10:00", "", true, "subject", "")));
        Map<String, String> errors = bad.errors().asMap();
        assertEquals(List.of("date", "roles", "subject", "body"), List.copyOf(errors.keySet()), errors.toString());
        FormErrors.Invalid archive = assertThrows(FormErrors.Invalid.class, () -> create(part, "change-status",
                input(inDays(1), true, "status", "archived")));
        assertTrue(archive.errors().asMap().get("status").contains("Only a module"), archive.errors().asMap().toString());
        create(module, "change-status", input(inDays(1), true, "status", "archived"));
        assertThrows(BadRequestException.class, () -> create(part, "launch-rockets", input(inDays(1), true)));
        assertThrows(BadRequestException.class, () -> create(part, null, input(inDays(1), true)));
    }

    @Test
    void aTimeInTheSpringGapIsRefusedWithTheReasonAndAnAutumnOverlapNeedsItsOffset() {
        ZoneOffsetTransition gap = nextTransition(true);
        String day = gap.getDateTimeBefore().toLocalDate().toString();
        String inGap = gap.getDateTimeBefore().plusMinutes(30).toLocalTime().toString();
        FormErrors.Invalid refused = assertThrows(FormErrors.Invalid.class,
                () -> create(part, "change-status", input(day, inGap, "", true, "status", "available")));
        String message = refused.errors().asMap().get("time");
        assertTrue(message.contains("does not exist in Europe/London") && message.contains("clocks go forward"), message);
        // Not even as a draft: a time that does not exist has no instant to keep.
        assertThrows(FormErrors.Invalid.class,
                () -> create(part, "change-status", input(day, inGap, "", false, "status", "available")));

        ZoneOffsetTransition overlap = nextTransition(false);
        String autumn = overlap.getDateTimeAfter().toLocalDate().toString();
        String twice = overlap.getDateTimeAfter().plusMinutes(30).toLocalTime().toString();
        FormErrors.Invalid ask = assertThrows(FormErrors.Invalid.class,
                () -> create(part, "change-status", input(autumn, twice, "", true, "status", "available")));
        assertTrue(ask.errors().asMap().get("offset").contains("happens twice"), ask.errors().asMap().toString());
        TimedTask first = create(part, "change-status", input(autumn, twice, "+01:00", true, "status", "available"));
        TimedTask second = create(part, "change-status", input(autumn, twice, "+00:00", true, "status", "available"));
        assertEquals(overlap.getInstant().minus(Duration.ofMinutes(30)), load(first.getId()).getDueAt());
        assertEquals(overlap.getInstant().plus(Duration.ofMinutes(30)), load(second.getId()).getDueAt());
        assertEquals(Duration.ofHours(1), Duration.between(load(first.getId()).getDueAt(), load(second.getId()).getDueAt()));
    }

    // ------------------------------------------------------------------ edit

    @Test
    void aScheduledOrDraftActionIsEditedInPlaceAndAStaleFormIsRefused() {
        TimedTask task = create(part, "change-status", input(inDays(2), true, "status", "available"));
        int version = load(task.getId()).getVersion();
        Instant later = inDays(5);
        TimedTask saved = root.database().inTransaction(s -> service.save(s, teacher, part, task.getId(), version,
                input(later, false, "status", "unavailable")));
        assertEquals(task.getId(), saved.getId(), "the same action");
        TimedTask stored = load(task.getId());
        assertEquals(TimedTaskStatus.DRAFT, stored.getStatus());
        assertEquals(later, stored.getDueAt());
        assertEquals(Map.of("status", "unavailable"), TaskOptions.read(stored.getOptions()));
        assertNotEquals(version, stored.getVersion());

        // The form of before this save is stale now: 409, nothing changes.
        ClientErrorException stale = assertThrows(ClientErrorException.class, () -> root.database().run(s ->
                service.save(s, teacher, part, task.getId(), version, input(later, true, "status", "available"))));
        assertEquals(409, stale.getResponse().getStatus());
        assertTrue(stale.getMessage().contains("changed after this page was opened"), stale.getMessage());
        assertEquals(TimedTaskStatus.DRAFT, load(task.getId()).getStatus());

        // The runner bumps the version when it touches a row: a form loaded before is refused too.
        sql("UPDATE timed_task SET attempt = attempt + 1, version = version + 1 WHERE id = ?", task.getId());
        assertThrows(ClientErrorException.class, () -> root.database().run(s ->
                service.save(s, teacher, part, task.getId(), stored.getVersion(), input(later, true, "status", "available"))));
    }

    @Test
    void editingAFinishedActionMakesANewOneThatReplacesItAndNeverRearmsTheOld() {
        for (String finished : List.of("DONE", "FAILED", "CANCELLED")) {
            TimedTask task = create(part, "change-status", input(inDays(1), true, "status", "available"));
            sql("UPDATE timed_task SET status = ?, last_result = 'finished', attempt = 1, version = version + 1 WHERE id = ?",
                    finished, task.getId());
            TimedTask old = load(task.getId());
            Instant due = inDays(4);
            TimedTask replacement = root.database().inTransaction(s -> service.save(s, teacher, part, task.getId(),
                    old.getVersion(), input(due, true, "status", "unavailable")));
            assertNotEquals(task.getId(), replacement.getId(), finished);
            TimedTask fresh = load(replacement.getId());
            assertEquals(TimedTaskStatus.SCHEDULED, fresh.getStatus());
            assertEquals(task.getId(), fresh.getReplacesId());
            assertEquals(due, fresh.getDueAt());
            assertEquals(0, fresh.getAttempt());
            TimedTask after = load(task.getId());
            assertEquals(TimedTaskStatus.valueOf(finished), after.getStatus(), "the old one stays " + finished);
            assertEquals("finished", after.getLastResult());
            assertEquals(old.getDueAt(), after.getDueAt());
            assertEquals(Map.of("status", "available"), TaskOptions.read(after.getOptions()));
            // The same form sent twice makes one new action, not two.
            assertThrows(ClientErrorException.class, () -> root.database().run(s -> service.save(s, teacher, part,
                    task.getId(), old.getVersion(), input(due, true, "status", "unavailable"))));
        }
    }

    @Test
    void aRunningActionCannotBeEditedCancelledOrDeleted() {
        TimedTask task = create(part, "email-members", input(inDays(1), true, "roles", "student", "subject", "Hi",
                "body", "Hello"));
        sql("UPDATE timed_task SET status = 'RUNNING', attempt = 1, lease_owner = 'host:1:x', version = version + 1 "
                + "WHERE id = ?", task.getId());
        int version = load(task.getId()).getVersion();
        for (Runnable attempt : List.<Runnable>of(
                () -> root.database().run(s -> service.save(s, teacher, part, task.getId(), version,
                        input(inDays(2), true, "roles", "student", "subject", "Hi", "body", "Hello"))),
                () -> root.database().run(s -> service.cancel(s, teacher, part, task.getId(), version)),
                () -> root.database().run(s -> service.delete(s, teacher, part, task.getId(), version)))) {
            ClientErrorException refused = assertThrows(ClientErrorException.class, attempt::run);
            assertEquals(409, refused.getResponse().getStatus());
            assertEquals("It is running now; wait for it to finish.", refused.getMessage());
        }
        assertEquals(TimedTaskStatus.RUNNING, load(task.getId()).getStatus());
    }

    // ------------------------------------------------------------------ cancel, delete, rights

    @Test
    void cancelKeepsTheActionAsCancelledAndDeleteRemovesItWithItsHistory() {
        TimedTask task = create(part, "change-status", input(inDays(1), true, "status", "available"));
        root.database().run(s -> service.cancel(s, teacher, part, task.getId(), load(task.getId()).getVersion()));
        TimedTask cancelled = load(task.getId());
        assertEquals(TimedTaskStatus.CANCELLED, cancelled.getStatus());
        assertEquals("Cancelled by Teacher.", cancelled.getLastResult());
        assertTrue(cancelled.getFinishedAt() != null);
        ClientErrorException again = assertThrows(ClientErrorException.class, () -> root.database().run(s ->
                service.cancel(s, teacher, part, task.getId(), cancelled.getVersion())));
        assertTrue(again.getMessage().contains("nothing to cancel"), again.getMessage());

        sql("INSERT INTO timed_task_run (task_id, attempt, host, pid, started_at, ended_at, late_seconds, outcome, message) "
                + "VALUES (?, 1, 'web1', 42, ?, ?, 0, 'DONE', 'ok')", task.getId(), Instant.now(), Instant.now());
        root.database().run(s -> service.delete(s, teacher, part, task.getId(), cancelled.getVersion()));
        assertNull(load(task.getId()));
        long runs = root.database().inTransaction(s -> s.createQuery("select count(r) from TimedTaskRun r",
                Long.class).getSingleResult());
        assertEquals(0, runs, "the history goes with it");
    }

    @Test
    void onlyTheEditorsOfThePartMayTouchItsActionsAndOnlyThroughThatPart() {
        TimedTask task = create(part, "change-status", input(inDays(1), true, "status", "available"));
        int version = load(task.getId()).getVersion();
        assertThrows(ForbiddenException.class, () -> root.database().run(s -> service.part(s, student, part)),
                "a student sees the part but may not change it");
        assertThrows(ForbiddenException.class, () -> root.database().run(s ->
                service.cancel(s, student, part, task.getId(), version)));
        CurrentUser stranger = new CurrentUser(999, "x@example.org", "X", Set.of(), false, false, false);
        assertThrows(NotFoundException.class, () -> root.database().run(s -> service.part(s, stranger, part)));
        // The action of the part, asked for through the page: 404, whoever asks.
        assertThrows(NotFoundException.class, () -> root.database().run(s ->
                service.cancel(s, teacher, page, task.getId(), version)));
        assertThrows(NotFoundException.class, () -> root.database().run(s ->
                service.delete(s, teacher, module, task.getId(), version)));
        assertEquals(TimedTaskStatus.SCHEDULED, load(task.getId()).getStatus());
    }

    @Test
    void theListPutsDraftsFirstThenTheLatestDueWithEachHistoryInOrder() {
        TimedTask soon = create(part, "change-status", input(inDays(1), true, "status", "available"));
        TimedTask late = create(part, "change-status", input(inDays(9), true, "status", "unavailable"));
        TimedTask draft = create(part, "change-status", input(null, false, "status", "available"));
        create(page, "change-status", input(inDays(2), true, "status", "available"));
        for (int attempt = 1; attempt <= 2; attempt++) {
            sql("INSERT INTO timed_task_run (task_id, attempt, host, pid, started_at, late_seconds, outcome) "
                    + "VALUES (?, ?, 'web1', 42, ?, 0, 'RETRY')", soon.getId(), attempt, Instant.now());
        }
        List<Long> order = root.database().inTransaction(s -> service.list(s, s.get(Part.class, part)).stream()
                .map(TimedTask::getId).toList());
        assertEquals(List.of(draft.getId(), late.getId(), soon.getId()), order);
        List<Integer> attempts = root.database().inTransaction(s -> {
            List<TimedTask> tasks = service.list(s, s.get(Part.class, part));
            return service.history(s, tasks).get(soon.getId()).stream().map(TimedTaskRun::getAttempt).toList();
        });
        assertEquals(List.of(1, 2), attempts);
    }

    // ------------------------------------------------------------------ what other pages see

    @Test
    void deletingAPartCancelsTheActionsOfItAndOfEverythingBelowButLeavesRunningAndOtherOnes() {
        TimedTask onPart = create(part, "change-status", input(inDays(1), true, "status", "available"));
        TimedTask onPage = create(page, "change-status", input(null, false, "status", "available"));
        TimedTask running = create(page, "email-members", input(inDays(1), true, "roles", "student", "subject", "S",
                "body", "B"));
        TimedTask onModule = create(module, "change-status", input(inDays(1), true, "status", "available"));
        sql("UPDATE timed_task SET status = 'RUNNING' WHERE id = ?", running.getId());
        long notYetRun = root.database().inTransaction(s -> partTasks.notYetRun(s,
                root.parts().subtree(s, s.get(Part.class, part))));
        assertEquals(2, notYetRun);
        root.database().run(s -> root.partService().delete(s, teacher, part));
        for (TimedTask t : List.of(onPart, onPage)) {
            TimedTask after = load(t.getId());
            assertEquals(TimedTaskStatus.CANCELLED, after.getStatus());
            assertEquals("its part was deleted", after.getLastResult());
            assertNull(after.getPart(), "the row stays, without its part");
        }
        assertEquals(TimedTaskStatus.RUNNING, load(running.getId()).getStatus(), "its runner will fail it");
        assertEquals(TimedTaskStatus.SCHEDULED, load(onModule.getId()).getStatus());
    }

    @Test
    void badgesCountUpcomingActionsInOneQueryForAnyNumberOfParts() {
        List<Long> modules = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long m = root.database().inTransaction(s -> root.partService().createModule(s, teacher, "M", "").getId());
            modules.add(m);
            for (int j = 0; j <= i % 3; j++) {
                create(m, "change-status", input(inDays(j + 1), true, "status", "available"));
            }
        }
        create(modules.get(0), "change-status", input(null, false, "status", "available"));
        TimedTask running = create(modules.get(1), "change-status", input(inDays(1), true, "status", "available"));
        sql("UPDATE timed_task SET status = 'RUNNING' WHERE id = ?", running.getId());
        TimedTask done = create(modules.get(2), "change-status", input(inDays(1), true, "status", "available"));
        sql("UPDATE timed_task SET status = 'DONE' WHERE id = ?", done.getId());

        Statistics statistics = root.database().sessionFactory().getStatistics();
        statistics.setStatisticsEnabled(true);
        statistics.clear();
        Map<Long, PartTimedTasks.Badge> badges = root.database().inTransaction(s -> partTasks.badgesOfEditedModules(s,
                teacher, modules.stream().map(id -> s.getReference(Part.class, id)).toList()));
        long queries = statistics.getPrepareStatementCount();
        statistics.setStatisticsEnabled(false);
        assertEquals(2, queries, "the teacher's roles, then one grouped count, for six modules");
        assertEquals("1 scheduled", badges.get(modules.get(0)).label(), "the draft does not count");
        assertEquals("2 scheduled, 1 running", badges.get(modules.get(1)).label());
        assertEquals("3 scheduled", badges.get(modules.get(2)).label(), "the done one does not count");
        assertEquals(6, badges.size());
        assertTrue(badges.get(modules.get(0)).title().startsWith("Next: "), badges.get(modules.get(0)).title());
        assertTrue(badges.get(modules.get(0)).title().endsWith("in 1 day"), badges.get(modules.get(0)).title());

        // A student of these modules gets no badge; nor does anyone for a module they cannot edit.
        root.database().run(s -> s.persist(new ModuleRole(s.get(Part.class, modules.get(0)), s.get(User.class, student.id()),
                Role.STUDENT, Instant.now())));
        assertEquals(Map.of(), root.database().inTransaction(s -> partTasks.badgesOfEditedModules(s, student,
                modules.stream().map(id -> s.get(Part.class, id)).toList())));
    }

    @Test
    void thePartPageSeesUnreplacedFailuresAndPendingStatusChanges() {
        TimedTask failed = create(part, "change-status", input(inDays(1), true, "status", "available"));
        TimedTask failedAndReplaced = create(part, "change-status", input(inDays(1), true, "status", "available"));
        sql("UPDATE timed_task SET status = 'FAILED', last_result = 'the database was away' WHERE id IN (?, ?)",
                failed.getId(), failedAndReplaced.getId());
        root.database().run(s -> service.save(s, teacher, part, failedAndReplaced.getId(),
                s.get(TimedTask.class, failedAndReplaced.getId()).getVersion(), input(inDays(3), true, "status", "unavailable")));
        PartTimedTasks.Notices notices = root.database().inTransaction(s -> partTasks.notices(s, s.get(Part.class, part)));
        assertEquals(List.of(failed.getId()), notices.failed().stream().map(PartTimedTasks.Notice::id).toList());
        assertEquals("the database was away", notices.failed().get(0).result());
        assertEquals(List.of("unavailable"), notices.pending().stream().map(PartTimedTasks.StatusChange::statusLabel).toList());

        // A change by hand to "available" would be undone by the pending "unavailable"; to "unavailable", not.
        assertEquals(1, root.database().inTransaction(s -> partTasks.statusChangesUndoing(s, s.get(Part.class, part),
                PartStatus.AVAILABLE)).size());
        assertEquals(0, root.database().inTransaction(s -> partTasks.statusChangesUndoing(s, s.get(Part.class, part),
                PartStatus.UNAVAILABLE)).size());
        assertEquals(1, (int) root.database().inTransaction(s -> partTasks.cancelStatusChangesUndoing(s,
                s.get(Part.class, part), PartStatus.AVAILABLE, teacher)));
        assertEquals(List.of(), root.database().inTransaction(s -> partTasks.pendingStatusChanges(s, s.get(Part.class, part))));
    }

    @Test
    void theRunnersAreStalledWhenActionsAreDueAndNoRunFinishedForFiveMinutes() {
        RunnerHealth health = new RunnerHealth(root.dataSource());
        assertNull(health.check().stall(), "nothing due: all is well, even with no run ever");
        TimedTask task = create(part, "change-status", input(inDays(1), true, "status", "available"));
        sql("UPDATE timed_task SET due_at = ? WHERE id = ?", Instant.now().minus(Duration.ofMinutes(2)), task.getId());
        RunnerHealth.Snapshot snapshot = health.check();
        assertTrue(Duration.between(snapshot.now(), Instant.now()).abs().toSeconds() < 60, "the database's clock: " + snapshot.now());
        assertTrue(snapshot.stall() != null && snapshot.stall().neverRan(), "due, and no run ever finished");

        sql("INSERT INTO runner_run (host, pid, started_at, ended_at, outcome) VALUES ('web1', 7, ?, ?, 'OK')",
                Instant.now().minus(Duration.ofMinutes(20)), Instant.now().minus(Duration.ofMinutes(19)));
        RunnerHealth.Stall stall = health.check().stall();
        assertEquals(19L, stall.minutes(), String.valueOf(stall));
        // A run still going (no end) does not count: what matters is a run that finished.
        sql("INSERT INTO runner_run (host, pid, started_at, outcome) VALUES ('web2', 8, ?, 'RUNNING')", Instant.now());
        assertEquals(19L, health.check().stall().minutes());
        sql("INSERT INTO runner_run (host, pid, started_at, ended_at, outcome) VALUES ('web2', 9, ?, ?, 'ERROR')",
                Instant.now().minus(Duration.ofMinutes(1)), Instant.now().minus(Duration.ofSeconds(50)));
        assertNull(health.check().stall(), "a run finished a minute ago, even with an error: cron runs it");
        assertNull(health.stall(), "the banner's cached answer follows the last check");
    }
}
