package org.wte.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wte.CompositionRoot;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.enrolment.EnrolmentService;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.Role;
import org.wte.testing.TestDatabase;
import org.wte.web.CurrentUser;

/**
 * Visits, active time, the reports and the removal on leaving, on real Hibernate + H2;
 * {@link MariaDbProgressServiceIT} runs the same on MariaDB.
 */
class ProgressServiceTest {
    CompositionRoot root;
    long module;
    long otherModule;
    long part;
    long page1;
    long page2;
    long page3;
    long hiddenPage;
    long secondPart;
    long secondPartPage;
    long otherPage;
    CurrentUser owner;
    CurrentUser tutor;
    CurrentUser ann;
    CurrentUser bob;
    CurrentUser cat;
    CurrentUser blocked;
    CurrentUser stranger;

    CompositionRoot startRoot() throws Exception {
        return TestDatabase.start("");
    }

    @BeforeEach
    void start() throws Exception {
        root = startRoot();
        root.database().run(s -> {
            Instant now = Instant.now();
            Part m = new Part(null, PartType.MODULE, "Web", PartStatus.AVAILABLE, now);
            s.persist(m);
            Part p = new Part(m, PartType.PART, "HTML", PartStatus.AVAILABLE, now);
            s.persist(p);
            Part[] pages = new Part[4];
            for (int i = 0; i < 4; i++) {
                pages[i] = new Part(p, PartType.PAGE, "Page " + (i + 1), i == 3 ? PartStatus.UNAVAILABLE : PartStatus.AVAILABLE, now);
                pages[i].setSortOrder(i);
                s.persist(pages[i]);
            }
            Part p2 = new Part(m, PartType.PART, "CSS", PartStatus.AVAILABLE, now);
            p2.setSortOrder(1);
            s.persist(p2);
            Part p2page = new Part(p2, PartType.PAGE, "Selectors", PartStatus.AVAILABLE, now);
            s.persist(p2page);
            Part o = new Part(null, PartType.MODULE, "Other", PartStatus.AVAILABLE, now);
            s.persist(o);
            Part op = new Part(o, PartType.PART, "Other part", PartStatus.AVAILABLE, now);
            s.persist(op);
            Part opg = new Part(op, PartType.PAGE, "Other page", PartStatus.AVAILABLE, now);
            s.persist(opg);
            module = m.getId();
            otherModule = o.getId();
            part = p.getId();
            page1 = pages[0].getId();
            page2 = pages[1].getId();
            page3 = pages[2].getId();
            hiddenPage = pages[3].getId();
            secondPart = p2.getId();
            secondPartPage = p2page.getId();
            otherPage = opg.getId();
        });
        owner = member("owner@example.org", "Olive Owner", Role.OWNER, false);
        tutor = member("tutor@example.org", "Tom Tutor", Role.TUTOR, false);
        ann = member("ann@example.org", "Ann", Role.STUDENT, false);
        bob = member("bob@example.org", "Bob", Role.STUDENT, false);
        cat = member("cat@example.org", "Cat", Role.STUDENT, false);
        blocked = member("blocked@example.org", "Blocked", Role.STUDENT, true);
        stranger = member("stranger@example.org", "Stranger", null, false);
        root.database().run(s -> s.persist(new ModuleRole(s.get(Part.class, otherModule), s.get(User.class, ann.id()),
                Role.STUDENT, Instant.now())));
    }

    @AfterEach
    void stop() {
        root.close();
    }

    CurrentUser member(String email, String name, Role role, boolean isBlocked) {
        long id = root.database().inTransaction(s -> {
            User u = new User(email, name, UserStatus.ACTIVE, Instant.now());
            s.persist(u);
            if (role != null) {
                ModuleRole r = new ModuleRole(s.get(Part.class, module), u, role, Instant.now());
                r.setBlocked(isBlocked);
                s.persist(r);
            }
            return u.getId();
        });
        return new CurrentUser(id, email, name, Set.of(), false, false, false);
    }

    /** Opens a node as the part page does (PartResource.show): the view (reading position), then progress. */
    PartProgress.Panel show(CurrentUser user, long id) {
        return root.database().inTransaction(s -> {
            Part part = s.get(Part.class, id);
            root.partViews().view(s, user, "", part);
            return root.partProgress().shown(s, user, part);
        });
    }

    void beacon(CurrentUser user, long pageId, int seconds) {
        root.database().run(s -> root.timeBeacons().record(s, user, pageId, seconds));
    }

    List<PageVisits.Visit> visits(CurrentUser user) {
        return root.database().inTransaction(s -> root.pageVisits().forUser(s, user.id(),
                List.of(page1, page2, page3, hiddenPage, secondPartPage, otherPage)));
    }

    PageVisits.Visit visit(CurrentUser user, long pageId) {
        return visits(user).stream().filter(v -> v.pageId() == pageId).findFirst().orElse(null);
    }

    ProgressReport report(long id) {
        return root.database().inTransaction(s -> root.progressReports().report(s, s.get(Part.class, id)));
    }

    @Test
    void aStudentsPageViewsAreCountedInOneRowWithFirstAndLastVisit() throws Exception {
        show(ann, page1);
        PageVisits.Visit first = visit(ann, page1);
        assertEquals(1, first.visits());
        assertEquals(0, first.activeSeconds());
        assertEquals(first.firstVisit(), first.lastVisit());
        Thread.sleep(5);
        show(ann, page1);
        show(ann, page1);
        PageVisits.Visit third = visit(ann, page1);
        assertEquals(3, third.visits());
        assertEquals(first.firstVisit(), third.firstVisit(), "the first visit stays");
        assertTrue(third.lastVisit().isAfter(first.lastVisit()), "the last visit moves: " + third);
        assertTrue(Math.abs(third.lastVisit().toEpochMilli() - Instant.now().toEpochMilli()) < 60_000,
                "stored as UTC: " + third.lastVisit());
        assertNull(visit(bob, page1), "another student's row is apart");
    }

    @Test
    void teachersTutorsAndStrangersViewingAPageAreNotCounted() {
        show(owner, page1);
        show(tutor, page1);
        assertEquals(List.of(), visits(owner));
        assertEquals(List.of(), visits(tutor));
        assertNull(report(part).students().stream().filter(r -> r.userId() == owner.id()).findFirst().orElse(null),
                "teachers are not in the students' table");
    }

    @Test
    void beaconsAddTheirSecondsToTheRow() {
        show(ann, page1);
        beacon(ann, page1, 30);
        beacon(ann, page1, 45);
        beacon(ann, page1, 1);
        assertEquals(76, visit(ann, page1).activeSeconds());
        assertEquals(1, visit(ann, page1).visits(), "a beacon is not a visit");
        // A beacon for a page without a row (the progress was reset while the tab was open) makes one.
        beacon(ann, page2, 12);
        assertEquals(12, visit(ann, page2).activeSeconds());
        assertEquals(1, visit(ann, page2).visits());
    }

    @Test
    void concurrentBeaconsLoseNothing() throws Exception {
        show(ann, page1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Void>> jobs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int seconds = i % 7 + 1;
                jobs.add(() -> {
                    beacon(ann, page1, seconds);
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(jobs)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        long expected = 0;
        for (int i = 0; i < 100; i++) {
            expected += i % 7 + 1;
        }
        assertEquals(expected, visit(ann, page1).activeSeconds());
    }

    /** Two tabs opening the same page at the same moment: the first insert and the increments race. */
    @Test
    void concurrentFirstVisitsAndBeaconsOnANewRowLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            List<Callable<Void>> jobs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boolean visit = i % 2 == 0;
                jobs.add(() -> {
                    go.await();
                    if (visit) {
                        show(bob, page3);
                    } else {
                        beacon(bob, page3, 3);
                    }
                    return null;
                });
            }
            List<Future<Void>> done = new ArrayList<>();
            for (Callable<Void> job : jobs) {
                done.add(pool.submit(job));
            }
            go.countDown();
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        PageVisits.Visit v = visit(bob, page3);
        assertEquals(60, v.activeSeconds(), "20 beacons of 3 s");
        // 20 views, plus one if a beacon made the row first (a beacon proves the page was open).
        assertTrue(v.visits() == 20 || v.visits() == 21, "visits: " + v.visits());
    }

    @Test
    void beaconsAreCheckedBeforeAnythingIsAdded() {
        assertThrows(NotFoundException.class, () -> beacon(stranger, page1, 10), "not a member");
        assertThrows(NotFoundException.class, () -> beacon(blocked, page1, 10), "blocked");
        assertThrows(NotFoundException.class, () -> beacon(ann, hiddenPage, 10), "a page students cannot see");
        assertThrows(NotFoundException.class, () -> beacon(ann, part, 10), "a part, not a page");
        assertThrows(NotFoundException.class, () -> beacon(ann, module, 10), "a module, not a page");
        assertThrows(NotFoundException.class, () -> beacon(ann, 999_999, 10), "no such page");
        assertThrows(ForbiddenException.class, () -> beacon(owner, page1, 10), "an owner's preview");
        assertThrows(ForbiddenException.class, () -> beacon(tutor, page1, 10), "a tutor's preview");
        for (String bad : new String[] {null, "", "abc", "0", "-5", "121", "1.5", "99999999999", " 1e3"}) {
            assertThrows(BadRequestException.class, () -> TimeBeacons.seconds(bad), "seconds '" + bad + "'");
        }
        assertEquals(1, TimeBeacons.seconds("1"));
        assertEquals(120, TimeBeacons.seconds(" 120 "));
        assertEquals(List.of(), visits(stranger));
        assertEquals(List.of(), visits(owner));
        assertEquals(List.of(), visits(tutor));
        assertEquals(List.of(), visits(ann));
    }

    @Test
    void theStudentSeesPagesVisitedOfThePagesTheyCanSeeAndTheirTime() {
        PartProgress.Panel before = show(ann, part);
        assertNull(before.report(), "a student does not see the class's figures");
        assertEquals(new ProgressReports.StudentProgress(0, 3, 0), before.student());
        show(ann, page1);
        show(ann, page2);
        show(ann, page2);
        beacon(ann, page1, 60);
        beacon(ann, page2, 65);
        ProgressReports.StudentProgress mine = show(ann, part).student();
        assertEquals(new ProgressReports.StudentProgress(2, 3, 125), mine, "the unavailable page is not counted");
        assertEquals(66, mine.percent());
        assertEquals("2 min 05 s", mine.time());
        assertNull(show(ann, module).student(), "no bar on the module page");
        PartProgress.Panel teacher = show(tutor, part);
        assertNull(teacher.student());
        assertNotNull(teacher.report());
    }

    @Test
    void theReportCountsCompletedInProgressAndNotStartedStudentsOnly() {
        for (long p : List.of(page1, page2, page3)) {
            show(ann, p);
        }
        show(bob, page2);
        // A blocked student sees nothing of the module; a row of theirs from before the block must not count.
        root.database().run(s -> root.pageVisits().recordVisit(s, blocked.id(), page1, Instant.now()));
        beacon(ann, page1, 100);
        beacon(ann, page2, 20);
        beacon(bob, page2, 40);

        ProgressReport r = report(part);
        assertEquals(3, r.studentCount(), "Ann, Bob, Cat: not the blocked student, not the owner or the tutor");
        ProgressReport.PartSummary p = r.only();
        assertEquals(3, p.pages());
        assertEquals(1, p.completed());
        assertEquals(1, p.inProgress());
        assertEquals(1, p.notStarted());
        assertEquals(new Quartiles(2, 40, 60, 80, 100, 120), p.time(), "over the two who started");
        assertEquals(List.of(new ProgressReport.PageStat(page1, "Page 1", 1, 1),
                new ProgressReport.PageStat(page2, "Page 2", 2, 2),
                new ProgressReport.PageStat(page3, "Page 3", 1, 1)), p.pageStats());
        ProgressReport.StudentRow annRow = r.students().get(0);
        assertEquals("Ann", annRow.name());
        assertEquals(3, annRow.visited());
        assertEquals(120, annRow.seconds());
        assertEquals("Page 3", annRow.current().title(), "the page she opened last");
        assertNotNull(annRow.lastVisit());
        ProgressReport.StudentRow catRow = r.students().get(2);
        assertEquals("Cat", catRow.name());
        assertEquals(0, catRow.visited());
        assertNull(catRow.current());
        assertNull(catRow.lastVisit());

        ProgressReport m = report(module);
        assertTrue(m.module());
        assertEquals(List.of("HTML", "CSS"), m.parts().stream().map(ProgressReport.PartSummary::title).toList());
        assertEquals(4, m.pageCount());
        assertEquals(3, m.parts().get(1).notStarted());
        assertNull(m.parts().get(1).time(), "nobody started CSS");
        show(bob, secondPartPage);
        ProgressReport after = report(module);
        assertEquals(1, after.parts().get(1).completed());
        assertEquals("Selectors", after.students().get(1).current().title(), "Bob's latest page in the module");
        assertNull(report(page1), "a page has no report");
    }

    @Test
    void aModuleWithoutStudentsReportsZeros() {
        root.database().run(s -> s.createMutationQuery("delete from ModuleRole r where r.role = :r")
                .setParameter("r", Role.STUDENT).executeUpdate());
        ProgressReport r = report(part);
        assertEquals(0, r.studentCount());
        assertEquals(0, r.only().completed() + r.only().inProgress() + r.only().notStarted());
        assertNull(r.only().time());
        assertEquals(3, r.only().pageStats().size());
    }

    @Test
    void leavingTheModuleDeletesTheStudentsProgressInItOnly() {
        show(ann, page1);
        beacon(ann, page1, 30);
        show(ann, secondPartPage);
        show(ann, otherPage);
        show(bob, page1);
        EnrolmentService.LeaveOutcome outcome = root.enrolment().leave(ann, module);
        assertTrue(outcome instanceof EnrolmentService.LeaveOutcome.Left, outcome.toString());
        List<PageVisits.Visit> left = visits(ann);
        assertEquals(List.of(otherPage), left.stream().map(PageVisits.Visit::pageId).toList(),
                "only the other module's visit stays");
        assertEquals(1, visits(bob).size(), "another student's progress stays");
    }
}
