package org.wte.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wte.CompositionRoot;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.enrolment.ModuleRole;
import org.wte.enrolment.Role;
import org.wte.testing.TestDatabase;
import org.wte.web.CurrentUser;
import org.wte.web.FormErrors;

/** The content tree's rules on real Hibernate + H2. */
class PartServiceTest {
    private CompositionRoot root;
    private PartService service;
    private CurrentUser teacher;
    private CurrentUser student;

    /** H2 here; {@link MariaDbPartServiceIT} runs the same tests on MariaDB. */
    CompositionRoot startRoot() throws Exception {
        return TestDatabase.start("");
    }

    @BeforeEach
    void start() throws Exception {
        root = startRoot();
        service = root.partService();
        long[] ids = root.database().inTransaction(s -> {
            User t = new User("teacher@example.org", "Teacher", UserStatus.ACTIVE, Instant.now());
            User st = new User("student@example.org", "Student", UserStatus.ACTIVE, Instant.now());
            s.persist(t);
            s.persist(st);
            return new long[] {t.getId(), st.getId()};
        });
        teacher = new CurrentUser(ids[0], "teacher@example.org", "Teacher", Set.of("modules.create"), false, false, false);
        student = new CurrentUser(ids[1], "student@example.org", "Student", Set.of(), false, false, false);
    }

    @AfterEach
    void stop() throws Exception {
        root.close();
    }

    private long module() {
        return root.database().inTransaction(s -> service.createModule(s, teacher, "Web", "Course").getId());
    }

    private long child(long parent, String title, Long before, Long after) {
        return root.database().inTransaction(s -> service.createChild(s, teacher, parent, title, "", before, after).getId());
    }

    private List<String> titles(long parent) {
        return root.database().inTransaction(s -> root.parts().children(s, s.get(Part.class, parent)).stream()
                .map(Part::getTitle).toList());
    }

    @Test
    void aTeacherCreatesAModuleAndOwnsIt() {
        long m = module();
        Role role = root.database().inTransaction(s -> s.createQuery("select r.role from ModuleRole r where r.module.id = :m",
                Role.class).setParameter("m", m).getSingleResult());
        assertEquals(Role.OWNER, role);
        assertThrows(ForbiddenException.class,
                () -> root.database().run(s -> service.createModule(s, student, "Mine", "")));
    }

    @Test
    void newChildrenAreUnavailableAndGoBeforeOrAfterTheOneNamed() {
        long m = module();
        long p = child(m, "Part", null, null);
        long a = child(p, "A", null, null);
        long c = child(p, "C", null, null);
        child(p, "B", null, a);
        child(p, "Start", a, null);
        assertEquals(List.of("Start", "A", "B", "C"), titles(p));
        assertEquals(PartStatus.UNAVAILABLE, root.database().inTransaction(s -> s.get(Part.class, c).getStatus()));
        long otherPart = child(m, "Other", null, null);
        FormErrors.Invalid foreign = assertThrows(FormErrors.Invalid.class, () -> child(otherPart, "X", a, null));
        assertTrue(foreign.errors().asMap().get("title").contains("not in this part"));
        assertThrows(FormErrors.Invalid.class, () -> child(a, "A page in a page", null, null));
    }

    @Test
    void savingNeverChangesTheStatusAndLeavesAbsentFieldsAlone() {
        long m = module();
        long p = child(m, "Part", null, null);
        root.database().run(s -> service.setStatus(s, teacher, p, "available"));
        root.database().run(s -> service.update(s, teacher, p, "New title", null, null, null));
        root.database().run(s -> service.update(s, teacher, p, null, "Tutorial", "Some *text*", "workspace"));
        Part part = root.database().inTransaction(s -> s.get(Part.class, p));
        assertEquals(PartStatus.AVAILABLE, part.getStatus());
        assertEquals("New title", part.getTitle());
        assertEquals("Tutorial", part.getLabel());
        assertEquals("Some *text*", part.getContent());
        assertEquals(DisplayMode.WORKSPACE, part.getDisplayMode());
        assertTrue(part.getCompiled().contains("text"));
        FormErrors.Invalid archive = assertThrows(FormErrors.Invalid.class,
                () -> root.database().run(s -> service.setStatus(s, teacher, p, "archived")));
        assertTrue(archive.errors().asMap().get("status").contains("module"));
        root.database().run(s -> service.setStatus(s, teacher, m, "archived"));
    }

    @Test
    void reorderTakesExactlyTheChildrenOfThePartInTheUrl() {
        long m = module();
        long a = child(m, "A", null, null);
        long b = child(m, "B", null, null);
        long c = child(m, "C", null, null);
        root.database().run(s -> service.reorder(s, teacher, m, List.of(c, a, b)));
        assertEquals(List.of("C", "A", "B"), titles(m));
        long other = module();
        long x = child(other, "X", null, null);
        assertThrows(FormErrors.Invalid.class, () -> root.database().run(s -> service.reorder(s, teacher, m, List.of(c, a, x))));
        assertThrows(FormErrors.Invalid.class, () -> root.database().run(s -> service.reorder(s, teacher, m, List.of(c, a))));
        assertThrows(FormErrors.Invalid.class, () -> root.database().run(s -> service.reorder(s, teacher, m, List.of(c, c, a))));
        root.database().run(s -> service.move(s, teacher, m, b, -1));
        assertEquals(List.of("C", "B", "A"), titles(m));
        assertThrows(NotFoundException.class, () -> root.database().run(s -> service.move(s, teacher, m, x, -1)));
    }

    @Test
    void studentsCannotEditAndStrangersDoNotSeeParts() {
        long m = module();
        long p = child(m, "Part", null, null);
        root.database().run(s -> s.persist(new ModuleRole(s.get(Part.class, m), s.get(User.class, student.id()),
                Role.STUDENT, Instant.now())));
        assertThrows(NotFoundException.class, () -> root.database().run(s -> service.visible(s, student, p)),
                "an unavailable part is invisible to students");
        root.database().run(s -> service.setStatus(s, teacher, p, "available"));
        assertThrows(NotFoundException.class, () -> root.database().run(s -> service.visible(s, student, p)),
                "still invisible under an unavailable module");
        root.database().run(s -> service.setStatus(s, teacher, m, "available"));
        root.database().run(s -> service.visible(s, student, p));
        assertThrows(ForbiddenException.class, () -> root.database().run(s -> service.update(s, student, p, "x", null, null, null)));
    }

    @Test
    void deletingAModuleRemovesEverythingBelowItAndItsRolesInOneTransaction() {
        long m = module();
        long p = child(m, "Part", null, null);
        long g = child(p, "Page", null, null);
        root.database().run(s -> service.delete(s, teacher, m));
        root.database().run(s -> {
            assertNull(s.get(Part.class, m));
            assertNull(s.get(Part.class, p));
            assertNull(s.get(Part.class, g));
            assertEquals(0L, s.createQuery("select count(r) from ModuleRole r", Long.class).getSingleResult());
        });
    }
}
