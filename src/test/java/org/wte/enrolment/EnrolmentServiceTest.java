package org.wte.enrolment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wte.CompositionRoot;
import org.wte.account.PasswordHasher;
import org.wte.account.Permission;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.mail.OutboxMail;
import org.wte.testing.TestDatabase;
import org.wte.web.CurrentUser;
import org.wte.web.FormErrors;

/** The registration rules and the owners' rules on real Hibernate + H2. */
class EnrolmentServiceTest {
    private CompositionRoot root;
    private EnrolmentService enrolment;
    private ModuleAccessSettings access;
    private ModuleMembers members;
    private final List<String> deleted = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        root = TestDatabase.start("");
        // A stand-in for the progress and files of a member: records what it is asked to delete.
        MemberData recorder = (s, module, userId) -> deleted.add(module.getId() + ":" + userId);
        ModuleRoles roles = new ModuleRoles();
        enrolment = new EnrolmentService(root.database(), roles, new EnrolmentThrottle(), new PasswordHasher(),
                List.of(recorder));
        access = root.moduleAccessSettings();
        members = new ModuleMembers(root.database(), new org.wte.content.ContentAccess(), roles, root.users(),
                List.of(recorder));
    }

    @AfterEach
    void stop() {
        root.close();
    }

    // ---------------------------------------------------------------- open, closed, status

    @Test
    void anOpenModuleWithoutPasswordTakesAStudentOnce() {
        CurrentUser student = user("student@example.org");
        long m = module("Java", PartStatus.AVAILABLE);
        assertEquals(EnrolmentService.Reason.OPEN, enrolment.page(student, m).eligibility().reason());
        assertInstanceOf(EnrolmentService.Outcome.Enrolled.class, enrolment.enrol(student, m, null));
        assertEquals(Role.STUDENT, roleOf(m, student));

        EnrolmentService.Outcome again = enrolment.enrol(student, m, null);
        assertEquals(EnrolmentService.Reason.MEMBER,
                assertInstanceOf(EnrolmentService.Outcome.Refused.class, again).page().eligibility().reason());
        assertEquals(1L, count("select count(r) from ModuleRole r"));
    }

    @Test
    void aClosedModuleTakesNoRegistration() {
        CurrentUser owner = user("owner@example.org");
        CurrentUser student = user("student@example.org");
        long m = module("Closed", PartStatus.AVAILABLE);
        role(m, owner, Role.OWNER, false);
        access.save(owner, m, false, "", false, "");
        EnrolmentService.Outcome outcome = enrolment.enrol(student, m, null);
        assertEquals(EnrolmentService.Reason.CLOSED,
                assertInstanceOf(EnrolmentService.Outcome.Refused.class, outcome).page().eligibility().reason());
        assertNull(roleOf(m, student));
        assertFalse(root.database().inTransaction(s -> EnrolmentService.accessOf(s, m)).isOpen());
    }

    @Test
    void archivedAndUnavailableModulesTakeNoNewRegistrations() {
        CurrentUser student = user("student@example.org");
        CurrentUser viewer = user("viewer@example.org", Permission.MODULES_VIEW_ALL);
        long archived = module("Old", PartStatus.ARCHIVED);
        long unavailable = module("Draft", PartStatus.UNAVAILABLE);
        // A student does not even see them.
        assertThrows(NotFoundException.class, () -> enrolment.page(student, archived));
        assertThrows(NotFoundException.class, () -> enrolment.enrol(student, unavailable, null));
        // Someone who sees every module is told why, and refused too.
        assertEquals(EnrolmentService.Reason.ARCHIVED, enrolment.page(viewer, archived).eligibility().reason());
        assertEquals(EnrolmentService.Reason.UNAVAILABLE, enrolment.page(viewer, unavailable).eligibility().reason());
        assertInstanceOf(EnrolmentService.Outcome.Refused.class, enrolment.enrol(viewer, archived, null));
        assertInstanceOf(EnrolmentService.Outcome.Refused.class, enrolment.enrol(viewer, unavailable, null));
        assertEquals(0L, count("select count(r) from ModuleRole r"));
    }

    @Test
    void anonymousVisitorsAreToldToLogInOnAvailableModulesOnly() {
        long available = module("Open", PartStatus.AVAILABLE);
        long hidden = module("Hidden", PartStatus.UNAVAILABLE);
        assertEquals(EnrolmentService.Reason.NOT_LOGGED_IN, enrolment.page(null, available).eligibility().reason());
        assertThrows(NotFoundException.class, () -> enrolment.page(null, hidden));
        long page = root.database().inTransaction(s -> {
            Part module = s.get(Part.class, available);
            Part part = new Part(module, PartType.PART, "Chapter", PartStatus.AVAILABLE, Instant.now());
            s.persist(part);
            return part.getId();
        });
        assertThrows(NotFoundException.class, () -> enrolment.page(user("x@example.org"), page), "a part is no module");
    }

    // ---------------------------------------------------------------- domains

    @Test
    void domainsAreComparedCaseInsensitivelyAndExactly() {
        CurrentUser owner = user("owner@uni.example");
        long m = module("Uni only", PartStatus.AVAILABLE);
        role(m, owner, Role.OWNER, false);
        access.save(owner, m, true, "", false, " Uni.EXAMPLE ;\n@Partner.Example.ORG, uni.example");
        ModuleAccess stored = root.database().inTransaction(s -> s.get(ModuleAccess.class, m));
        assertEquals(List.of("uni.example", "partner.example.org"), stored.domainList(), "lower case, no repeats");
        assertEquals("uni.example, partner.example.org", access.form(owner, m).domains());

        assertTrue(stored.allowsAddress("Someone@UNI.Example"));
        assertTrue(stored.allowsAddress("a@partner.example.org"));
        assertFalse(stored.allowsAddress("a@sub.uni.example"), "a sub-domain is another domain");
        assertFalse(stored.allowsAddress("a@uni.example.evil.org"));
        assertFalse(stored.allowsAddress("uni.example"));

        CurrentUser outsider = user("student@elsewhere.org");
        EnrolmentService.Eligibility refused = enrolment.page(outsider, m).eligibility();
        assertEquals(EnrolmentService.Reason.WRONG_DOMAIN, refused.reason());
        assertTrue(refused.message().contains("uni.example, partner.example.org"), refused.message());
        assertInstanceOf(EnrolmentService.Outcome.Refused.class, enrolment.enrol(outsider, m, null));
        assertNull(roleOf(m, outsider));

        CurrentUser insider = user("STUDENT@Uni.Example");
        assertInstanceOf(EnrolmentService.Outcome.Enrolled.class, enrolment.enrol(insider, m, null));
    }

    @Test
    void badDomainsAreRefusedWithTheirName() {
        CurrentUser owner = user("owner@example.org");
        long m = module("M", PartStatus.AVAILABLE);
        role(m, owner, Role.OWNER, false);
        FormErrors.Invalid e = assertThrows(FormErrors.Invalid.class,
                () -> access.save(owner, m, true, "", false, "uni.example, not a domain!"));
        assertTrue(e.errors().asMap().get("domains").contains("'domain!'"), e.errors().asMap().toString());
        assertThrows(FormErrors.Invalid.class, () -> access.save(owner, m, true, "", false, "a@b.example"));
        assertThrows(FormErrors.Invalid.class, () -> access.save(owner, m, true, "", false, "x".repeat(1001)));
        assertEquals(List.of(), root.database().inTransaction(s -> EnrolmentService.accessOf(s, m)).domainList());
    }

    // ---------------------------------------------------------------- password and throttling

    @Test
    void thePasswordIsStoredHashedAndChecked() {
        CurrentUser owner = user("owner@example.org");
        CurrentUser student = user("student@example.org");
        long m = module("Secret", PartStatus.AVAILABLE);
        role(m, owner, Role.OWNER, false);
        access.save(owner, m, true, "  open sesame ", false, "");
        String hash = root.database().inTransaction(s -> s.get(ModuleAccess.class, m)).getPasswordHash();
        assertTrue(hash.startsWith("$argon2id$"), hash);
        assertFalse(hash.contains("open sesame"));
        assertTrue(access.form(owner, m).hasPassword());
        assertTrue(enrolment.page(student, m).eligibility().passwordRequired());

        assertEquals("Enter the module's password.", assertInstanceOf(EnrolmentService.Outcome.WrongPassword.class,
                enrolment.enrol(student, m, "  ")).message());
        assertEquals(0L, failures(m, student), "an empty password is no guess");
        assertInstanceOf(EnrolmentService.Outcome.WrongPassword.class, enrolment.enrol(student, m, "open sesame!"));
        assertInstanceOf(EnrolmentService.Outcome.WrongPassword.class, enrolment.enrol(student, m, "OPEN SESAME"));
        assertEquals(2L, failures(m, student));
        assertNull(roleOf(m, student));
        assertInstanceOf(EnrolmentService.Outcome.Enrolled.class, enrolment.enrol(student, m, "open sesame"));
        assertEquals(Role.STUDENT, roleOf(m, student));
        assertEquals(0L, failures(m, student), "success clears the failures");

        // A blank new password keeps the old one; remove takes it away; both at once is refused.
        access.save(owner, m, true, "", false, "");
        assertEquals(hash, root.database().inTransaction(s -> s.get(ModuleAccess.class, m)).getPasswordHash());
        FormErrors.Invalid both = assertThrows(FormErrors.Invalid.class, () -> access.save(owner, m, true, "new", true, ""));
        assertTrue(both.errors().has("password"));
        access.save(owner, m, true, "", true, "");
        assertNull(root.database().inTransaction(s -> s.get(ModuleAccess.class, m)).getPasswordHash());
        assertFalse(enrolment.page(user("next@example.org"), m).eligibility().passwordRequired());
    }

    @Test
    void fiveWrongPasswordsIn15MinutesStopEvenTheRightOnePerUserAndModule() {
        CurrentUser owner = user("owner@example.org");
        CurrentUser guesser = user("guesser@example.org");
        CurrentUser other = user("other@example.org");
        long m = module("Secret", PartStatus.AVAILABLE);
        long m2 = module("Secret 2", PartStatus.AVAILABLE);
        role(m, owner, Role.OWNER, false);
        role(m2, owner, Role.OWNER, false);
        access.save(owner, m, true, "right one", false, "");
        access.save(owner, m2, true, "right one", false, "");
        for (int i = 0; i < EnrolmentThrottle.LIMIT; i++) {
            assertInstanceOf(EnrolmentService.Outcome.WrongPassword.class, enrolment.enrol(guesser, m, "guess " + i));
        }
        EnrolmentService.Outcome.Throttled throttled = assertInstanceOf(EnrolmentService.Outcome.Throttled.class,
                enrolment.enrol(guesser, m, "right one"));
        assertTrue(throttled.message().contains("15 minutes"), throttled.message());
        assertNull(roleOf(m, guesser));
        assertEquals(5L, failures(m, guesser), "a throttled attempt is not even checked");
        // Another user, and the same user in another module, are not affected.
        assertInstanceOf(EnrolmentService.Outcome.Enrolled.class, enrolment.enrol(other, m, "right one"));
        assertInstanceOf(EnrolmentService.Outcome.Enrolled.class, enrolment.enrol(guesser, m2, "right one"));
        // Failures older than the window no longer count.
        root.database().run(s -> s.createMutationQuery("update EnrolmentFailure f set f.failedAt = :t")
                .setParameter("t", Instant.now().minus(EnrolmentThrottle.WINDOW).minus(Duration.ofMinutes(1)))
                .executeUpdate());
        assertInstanceOf(EnrolmentService.Outcome.Enrolled.class, enrolment.enrol(guesser, m, "right one"));
    }

    // ---------------------------------------------------------------- blocked, leaving

    @Test
    void aBlockedUserCannotRegisterAgainNorLeave() {
        CurrentUser owner = user("owner@example.org");
        CurrentUser student = user("student@example.org");
        long m = module("M", PartStatus.AVAILABLE);
        role(m, owner, Role.OWNER, false);
        long studentRole = role(m, student, Role.STUDENT, false);
        members.block(owner, m, studentRole);

        assertEquals(EnrolmentService.Reason.BLOCKED, enrolment.page(student, m).eligibility().reason());
        EnrolmentService.Outcome outcome = enrolment.enrol(student, m, null);
        assertEquals(EnrolmentService.Reason.BLOCKED,
                assertInstanceOf(EnrolmentService.Outcome.Refused.class, outcome).page().eligibility().reason());
        // Leaving would lift the block: a blocked member does not see the module at all.
        assertThrows(NotFoundException.class, () -> enrolment.leave(student, m));
        assertTrue(blocked(studentRole));
        assertEquals(List.of(), deleted);
    }

    @Test
    void leavingDeletesTheRoleAndTheMembersDataInThatModuleOnly() {
        CurrentUser owner = user("owner@example.org");
        CurrentUser student = user("student@example.org");
        long m = module("M", PartStatus.AVAILABLE);
        long other = module("Other", PartStatus.AVAILABLE);
        role(m, owner, Role.OWNER, false);
        role(m, student, Role.STUDENT, false);
        role(other, student, Role.STUDENT, false);
        assertEquals("student", enrolment.leavePage(student, m).role());

        assertInstanceOf(EnrolmentService.LeaveOutcome.Left.class, enrolment.leave(student, m));
        assertNull(roleOf(m, student));
        assertEquals(Role.STUDENT, roleOf(other, student));
        assertEquals(List.of(m + ":" + student.id()), deleted);
        assertInstanceOf(EnrolmentService.LeaveOutcome.NotMember.class, enrolment.leave(student, m));
        assertNull(enrolment.leavePage(student, m).role());
    }

    @Test
    void theLastOwnerCannotLeaveButOneOfTwoCan() {
        CurrentUser first = user("first@example.org");
        CurrentUser second = user("second@example.org");
        long m = module("M", PartStatus.AVAILABLE);
        role(m, first, Role.OWNER, false);
        assertTrue(enrolment.leavePage(first, m).lastOwner());
        assertInstanceOf(EnrolmentService.LeaveOutcome.LastOwner.class, enrolment.leave(first, m));
        assertEquals(Role.OWNER, roleOf(m, first));

        long secondRole = role(m, second, Role.OWNER, true);
        assertInstanceOf(EnrolmentService.LeaveOutcome.LastOwner.class, enrolment.leave(first, m),
                "a blocked owner does not count");
        members.unblock(first, m, secondRole);
        assertFalse(enrolment.leavePage(first, m).lastOwner());
        assertInstanceOf(EnrolmentService.LeaveOutcome.Left.class, enrolment.leave(first, m));
        assertNull(roleOf(m, first));
        assertInstanceOf(EnrolmentService.LeaveOutcome.LastOwner.class, enrolment.leave(second, m));
    }

    // ---------------------------------------------------------------- the owners' rules

    @Test
    void theLastOwnerCanNeverBeDemotedBlockedOrRemoved() {
        CurrentUser owner = user("owner@example.org");
        CurrentUser admin = user("admin@example.org", Permission.MODULES_EDIT_ALL);
        long m = module("M", PartStatus.AVAILABLE);
        long ownerRole = role(m, owner, Role.OWNER, false);
        for (CurrentUser actor : List.of(owner, admin)) {
            ModuleMembers.Refused demote = assertThrows(ModuleMembers.Refused.class,
                    () -> members.changeRole(actor, m, ownerRole, Role.TUTOR));
            assertTrue(demote.getMessage().contains("last owner"), demote.getMessage());
            assertThrows(ModuleMembers.Refused.class, () -> members.remove(actor, m, ownerRole));
        }
        assertThrows(ModuleMembers.Refused.class, () -> members.block(admin, m, ownerRole));
        assertThrows(ModuleMembers.Refused.class, () -> members.block(owner, m, ownerRole), "nor block oneself");
        assertEquals(Role.OWNER, roleOf(m, owner));
        assertFalse(blocked(ownerRole));

        // With a second owner, one can go; then the other is the last.
        CurrentUser second = user("second@example.org");
        long secondRole = role(m, second, Role.OWNER, false);
        ModuleMembers.Change change = members.changeRole(owner, m, ownerRole, Role.TUTOR);
        assertFalse(change.actorStillManages(), "the owner demoted themselves");
        assertEquals(Role.TUTOR, roleOf(m, owner));
        assertThrows(ModuleMembers.Refused.class, () -> members.changeRole(second, m, secondRole, Role.STUDENT));
        assertThrows(ModuleMembers.Refused.class, () -> members.block(admin, m, secondRole));
        // A tutor now: no longer manages the users.
        assertThrows(ForbiddenException.class, () -> members.changeRole(owner, m, secondRole, Role.STUDENT));
    }

    @Test
    void twoOwnersDemotingEachOtherAtOnceLeaveOneOwner() throws Exception {
        for (int round = 0; round < 10; round++) {
            CurrentUser a = user("a" + round + "@example.org");
            CurrentUser b = user("b" + round + "@example.org");
            long m = module("Race " + round, PartStatus.AVAILABLE);
            long roleA = role(m, a, Role.OWNER, false);
            long roleB = role(m, b, Role.OWNER, false);
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var first = pool.submit(() -> race(start, () -> members.changeRole(a, m, roleB, Role.STUDENT)));
                var second = pool.submit(() -> race(start, () -> members.block(b, m, roleA)));
                int done = first.get() + second.get();
                assertEquals(1, done, "round " + round + ": exactly one change went through");
            } finally {
                pool.shutdown();
            }
            long owners = root.database().inTransaction(s -> new ModuleRoles().activeOwners(s, m));
            assertEquals(1L, owners, "round " + round);
        }
    }

    /** 1 when the change went through, 0 when it was refused (last owner, or no longer an owner). */
    private static int race(java.util.concurrent.CyclicBarrier start, Runnable change) throws Exception {
        start.await();
        try {
            change.run();
            return 1;
        } catch (ModuleMembers.Refused | ForbiddenException | NotFoundException e) {
            return 0;
        }
    }

    @Test
    void aRoleOfAnotherModuleIsNotFound() {
        CurrentUser owner = user("owner@example.org");
        CurrentUser stranger = user("stranger@example.org");
        CurrentUser student = user("student@example.org");
        long mine = module("Mine", PartStatus.AVAILABLE);
        long theirs = module("Theirs", PartStatus.AVAILABLE);
        role(mine, owner, Role.OWNER, false);
        role(theirs, stranger, Role.OWNER, false);
        long theirStudent = role(theirs, student, Role.STUDENT, false);
        assertThrows(NotFoundException.class, () -> members.changeRole(owner, mine, theirStudent, Role.OWNER));
        assertThrows(NotFoundException.class, () -> members.block(owner, mine, theirStudent));
        assertThrows(NotFoundException.class, () -> members.unblock(owner, mine, theirStudent));
        assertThrows(NotFoundException.class, () -> members.remove(owner, mine, theirStudent));
        assertThrows(NotFoundException.class, () -> members.removePage(owner, mine, theirStudent));
        assertThrows(NotFoundException.class, () -> members.remove(owner, mine, 999_999));
        // Nor through their module: the owner of one module does not manage another.
        assertThrows(ForbiddenException.class, () -> members.remove(owner, theirs, theirStudent));
        assertEquals(Role.STUDENT, roleOf(theirs, student));
        assertFalse(blocked(theirStudent));
        assertEquals(List.of(), deleted);
    }

    @Test
    void onlyOwnersAndContentAdministratorsManageUsersAndAccess() {
        CurrentUser owner = user("owner@example.org");
        CurrentUser tutor = user("tutor@example.org");
        CurrentUser outsider = user("outsider@example.org");
        CurrentUser viewer = user("viewer@example.org", Permission.MODULES_VIEW_ALL);
        CurrentUser editor = user("editor@example.org", Permission.MODULES_EDIT_ALL);
        long m = module("M", PartStatus.AVAILABLE);
        long hidden = module("Hidden", PartStatus.UNAVAILABLE);
        role(m, owner, Role.OWNER, false);
        role(m, tutor, Role.TUTOR, false);
        role(hidden, owner, Role.OWNER, false);
        for (CurrentUser refused : List.of(tutor, outsider, viewer)) {
            assertThrows(ForbiddenException.class, () -> members.list(refused, m, "", ModuleRoles.Filter.ALL, 1));
            assertThrows(ForbiddenException.class, () -> access.form(refused, m));
            assertThrows(ForbiddenException.class, () -> access.save(refused, m, false, "", false, ""));
        }
        assertThrows(NotFoundException.class, () -> members.list(outsider, hidden, "", ModuleRoles.Filter.ALL, 1),
                "a module the user cannot see is not found");
        assertThrows(NotFoundException.class, () -> access.save(outsider, hidden, false, "", false, "bad domain!"),
                "the rights come before the input");
        assertEquals(2, members.list(owner, m, "", ModuleRoles.Filter.ALL, 1).total());
        assertEquals(2, members.list(editor, m, "", ModuleRoles.Filter.ALL, 1).total());
        access.save(editor, m, false, "", false, "");
        assertFalse(access.form(owner, m).open());
    }

    @Test
    void ownersAddAccountsByAddressOrIdAndSeeThemListedWithSearchFilterAndPages() {
        CurrentUser owner = user("owner@example.org");
        long m = module("Big", PartStatus.AVAILABLE);
        role(m, owner, Role.OWNER, false);
        for (int i = 0; i < 30; i++) {
            user(String.format("s%02d@example.org", i));
        }
        CurrentUser tutor = user("tutor@example.org");
        for (int i = 0; i < 30; i++) {
            assertEquals("Added s%02d@example.org as student.".formatted(i),
                    members.add(owner, m, String.format(" S%02d@Example.ORG ", i), null, Role.STUDENT));
        }
        assertEquals("Added tutor@example.org as tutor.", members.add(owner, m, null, tutor.id(), Role.TUTOR));
        assertEquals(Role.TUTOR, roleOf(m, tutor));
        FormErrors.Invalid again = assertThrows(FormErrors.Invalid.class,
                () -> members.add(owner, m, "s01@example.org", null, Role.TUTOR));
        assertTrue(again.errors().asMap().get("email").contains("already"), again.errors().asMap().toString());
        FormErrors.Invalid unknown = assertThrows(FormErrors.Invalid.class,
                () -> members.add(owner, m, "nobody@example.org", null, Role.STUDENT));
        assertTrue(unknown.errors().asMap().get("email").contains("No account"));
        assertThrows(FormErrors.Invalid.class, () -> members.add(owner, m, "not an address", null, Role.STUDENT));

        ModuleMembers.MemberPage first = members.list(owner, m, "", ModuleRoles.Filter.ALL, 1);
        assertEquals(32, first.total());
        assertEquals(25, first.rows().size());
        assertEquals(2, first.pages());
        assertEquals(7, members.list(owner, m, "", ModuleRoles.Filter.ALL, 2).rows().size());
        assertEquals(7, members.list(owner, m, "", ModuleRoles.Filter.ALL, 99).rows().size(), "past the end: the last page");
        assertEquals(List.of("tutor@example.org"), members.list(owner, m, "", ModuleRoles.Filter.TUTOR, 1).rows()
                .stream().map(ModuleMembers.MemberRow::email).toList());
        assertEquals(30, members.list(owner, m, "", ModuleRoles.Filter.STUDENT, 1).total());
        assertEquals(10, members.list(owner, m, "S1", ModuleRoles.Filter.ALL, 1).total(), "search is case-insensitive");
        assertEquals(1, members.list(owner, m, "Name of s05", ModuleRoles.Filter.ALL, 1).total(), "search in the name");
        assertEquals(0, members.list(owner, m, "%", ModuleRoles.Filter.ALL, 1).total(), "% is no wildcard");
        long s03 = members.list(owner, m, "s03@", ModuleRoles.Filter.ALL, 1).rows().get(0).roleId();
        members.block(owner, m, s03);
        assertEquals(List.of("s03@example.org"), members.list(owner, m, "", ModuleRoles.Filter.BLOCKED, 1).rows()
                .stream().map(ModuleMembers.MemberRow::email).toList());
        FormErrors.Invalid blockedAgain = assertThrows(FormErrors.Invalid.class,
                () -> members.add(owner, m, "s03@example.org", null, Role.STUDENT));
        assertTrue(blockedAgain.errors().asMap().get("email").contains("unblock"));

        ModuleMembers.CandidatePage found = members.candidates(owner, m, "S0");
        assertEquals(10, found.candidates().size());
        assertTrue(found.candidates().stream().allMatch(c -> c.role() != null), "all of them are members already");
        user("s99@example.org");
        ModuleMembers.Candidate newcomer = members.candidates(owner, m, "s99").candidates().get(0);
        assertNull(newcomer.role());
        assertTrue(members.candidates(owner, m, "s").tooShort());
        assertTrue(members.candidates(owner, m, "example.org").more(), "at most " + ModuleMembers.CANDIDATES + " shown");

        members.remove(owner, m, s03);
        assertNull(roleOf(m, byEmail("s03@example.org")));
        assertEquals(List.of(m + ":" + byEmail("s03@example.org").id()), deleted);
    }

    // ---------------------------------------------------------------- mail to members

    @Test
    void aChangeIsMailedOnceToEveryMemberWhoIsNotBlocked() {
        CurrentUser owner = user("owner@example.org");
        CurrentUser student = user("student@example.org");
        CurrentUser blockedInModule = user("blocked@example.org");
        CurrentUser blockedAccount = user("gone@example.org");
        CurrentUser elsewhere = user("elsewhere@example.org");
        long m = module("Web Basics", PartStatus.AVAILABLE);
        long other = module("Other", PartStatus.AVAILABLE);
        role(m, owner, Role.OWNER, false);
        role(m, student, Role.STUDENT, false);
        role(m, blockedInModule, Role.STUDENT, true);
        role(m, blockedAccount, Role.STUDENT, false);
        role(other, elsewhere, Role.STUDENT, false);
        root.database().run(s -> s.get(User.class, blockedAccount.id()).setStatus(UserStatus.BLOCKED));

        int written = root.database().inTransaction(s -> root.moduleMailer().notifyMembers(s, s.get(Part.class, m),
                "change-1", "New exercise\r\nBcc: x@evil.example", "Chapter 3 has a new exercise.\nDo it by Friday."));
        assertEquals(2, written);
        List<OutboxMail> mails = mails();
        assertEquals(List.of("owner@example.org", "student@example.org"),
                mails.stream().map(OutboxMail::getRecipient).sorted().toList());
        OutboxMail mail = mails.get(0);
        assertEquals("[Web Basics] New exercise Bcc: x@evil.example", mail.getSubject(), "one line");
        assertTrue(mail.getBodyText().contains("Chapter 3 has a new exercise.\nDo it by Friday."), mail.getBodyText());
        assertTrue(mail.getBodyText().contains("http://localhost:8080/wte/parts/" + m + "\n"), mail.getBodyText());
        assertTrue(mail.getBodyHtml().contains("<p>Chapter 3 has a new exercise.\nDo it by Friday.</p>"),
                "the Markdown message as the HTML alternative: " + mail.getBodyHtml());
        assertTrue(mail.getBodyHtml().contains("href=\"http://localhost:8080/wte/parts/" + m + "\""), mail.getBodyHtml());

        // Markdown in the HTML alternative; raw HTML and script links in the message stay text.
        root.database().run(s -> root.moduleMailer().notifyMembers(s, s.get(Part.class, m), "change-html",
                "<b>Hi</b>", "Read **this**.\n\n<script>alert(1)</script>\n\nA [link](javascript:alert(2)) and [one](https://example.org/a)."));
        OutboxMail rich = mails().stream().filter(o -> o.getBodyText().contains("Read **this**")).findFirst().orElseThrow();
        assertTrue(rich.getBodyHtml().contains("<strong>this</strong>"), rich.getBodyHtml());
        assertTrue(rich.getBodyHtml().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), rich.getBodyHtml());
        assertFalse(rich.getBodyHtml().contains("<script>"), rich.getBodyHtml());
        assertFalse(rich.getBodyHtml().contains("javascript:"), rich.getBodyHtml());
        assertTrue(rich.getBodyHtml().contains("href=\"https://example.org/a\">one</a>"), rich.getBodyHtml());
        assertTrue(rich.getBodyHtml().contains("<title>&lt;b&gt;Hi&lt;/b&gt;</title>"), rich.getBodyHtml());
        root.database().run(s -> s.createMutationQuery("delete from OutboxMail m where m.dedupKey like '%'")
                .executeUpdate());
        root.database().run(s -> s.createMutationQuery("delete from OutboxMail m where m.dedupKey is null")
                .executeUpdate());
        assertEquals(0, mails().size());
        assertEquals(2, (int) root.database().inTransaction(s -> root.moduleMailer().notifyMembers(s,
                s.get(Part.class, m), "change-1", "New exercise", "Chapter 3 has a new exercise.")));

        // The same change again: nobody gets a second mail; a new change mails again.
        assertEquals(0, (int) root.database().inTransaction(s -> root.moduleMailer().notifyMembers(s,
                s.get(Part.class, m), "change-1", "New exercise", "again")));
        assertEquals(2, mails().size());
        assertEquals(2, (int) root.database().inTransaction(s -> root.moduleMailer().notifyMembers(s,
                s.get(Part.class, m), "Updated", "Another change.")));
        assertEquals(4, mails().size());
        // A change that rolls back mails no one.
        assertThrows(IllegalStateException.class, () -> root.database().run(s -> {
            root.moduleMailer().notifyMembers(s, s.get(Part.class, m), "Never", "Rolled back.");
            throw new IllegalStateException("the save failed");
        }));
        assertEquals(4, mails().size());
    }

    @Test
    void theRulesThemselves() {
        Part available = new Part(null, PartType.MODULE, "M", PartStatus.AVAILABLE, Instant.now());
        ModuleAccess open = ModuleAccess.defaults(1);
        assertTrue(open.isOpen(), "a module without settings is open");
        assertEquals(EnrolmentService.Reason.OPEN, EnrolmentService.eligibility("a@b.example", available, null, open).reason());
        assertEquals(EnrolmentService.Reason.NOT_LOGGED_IN, EnrolmentService.eligibility(null, available, null, open).reason());
        ModuleAccess closed = ModuleAccess.defaults(1);
        closed.setOpen(false);
        closed.setDomains(List.of("b.example"));
        assertEquals(EnrolmentService.Reason.CLOSED, EnrolmentService.eligibility("a@b.example", available, null, closed).reason());
        available.setStatus(PartStatus.ARCHIVED);
        assertEquals(EnrolmentService.Reason.ARCHIVED, EnrolmentService.eligibility("a@b.example", available, null, open).reason());
    }

    // ---------------------------------------------------------------- helpers

    private CurrentUser user(String email, String... permissions) {
        long id = root.database().inTransaction(s -> {
            User u = new User(email, "Name of " + email.substring(0, email.indexOf('@')).toLowerCase(),
                    UserStatus.ACTIVE, Instant.now());
            s.persist(u);
            return u.getId();
        });
        return new CurrentUser(id, email.toLowerCase(), "Name", Set.of(permissions), false, false, false);
    }

    private CurrentUser byEmail(String email) {
        long id = root.database().inTransaction(s -> root.users().byEmail(s, email).orElseThrow().getId());
        return new CurrentUser(id, email, "Name", Set.of(), false, false, false);
    }

    private long module(String title, PartStatus status) {
        return root.database().inTransaction(s -> {
            Part p = new Part(null, PartType.MODULE, title, status, Instant.now());
            s.persist(p);
            return p.getId();
        });
    }

    private long role(long module, CurrentUser user, Role role, boolean blocked) {
        return root.database().inTransaction(s -> {
            ModuleRole r = new ModuleRole(s.get(Part.class, module), s.get(User.class, user.id()), role, Instant.now());
            r.setBlocked(blocked);
            s.persist(r);
            return r.getId();
        });
    }

    private Role roleOf(long module, CurrentUser user) {
        return root.database().inTransaction(s -> new ModuleRoles().of(s, module, user.id()).map(ModuleRole::getRole)
                .orElse(null));
    }

    private boolean blocked(long roleId) {
        return root.database().inTransaction(s -> s.get(ModuleRole.class, roleId).isBlocked());
    }

    private long failures(long module, CurrentUser user) {
        return root.database().inTransaction(s -> new EnrolmentThrottle().failures(s, module, user.id()));
    }

    private long count(String hql) {
        return root.database().inTransaction(s -> s.createQuery(hql, Long.class).getSingleResult());
    }

    private List<OutboxMail> mails() {
        return root.database().inTransaction(s -> s.createQuery("from OutboxMail m order by m.id", OutboxMail.class).list());
    }
}
