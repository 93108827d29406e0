package org.wte.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.wte.CompositionRoot;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.asset.Asset;
import org.wte.asset.AssetKind;
import org.wte.content.DisplayMode;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.testing.TestDatabase;

/**
 * A student's workspace on real Hibernate and H2 (and, through {@link MariaDbWorkspaceServiceIT}, on
 * MariaDB): made from the text templates exactly once under 50 parallel first visits, saves with the
 * version check, the limits, reset and update from a template, leaving the module, and the ZIP's names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspaceServiceTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};
    static final String INDEX = "<!DOCTYPE html>\n<title>Start</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n";
    static final String STYLE = "body { color: navy; }\n";
    private static final AtomicLong COUNTER = new AtomicLong();

    CompositionRoot root;
    WorkspaceService service;

    /** H2 here; MariaDB in the subclass. */
    CompositionRoot startRoot() throws Exception {
        return TestDatabase.start("[workspace]\nmax_file_size = 1K\nmax_files = 4");
    }

    @BeforeAll
    void start() throws Exception {
        root = startRoot();
        service = root.workspaceService();
        assertEquals(1024, service.limits().maxFileSize(), "the limits come from [workspace]");
    }

    @AfterAll
    void stop() {
        if (root != null) {
            root.close();
        }
    }

    /** A module with a workspace part holding two text templates and a picture, and a student. */
    record Fixture(long moduleId, long partId, long userId) {}

    Fixture fixture() {
        long n = COUNTER.incrementAndGet();
        return root.database().inTransaction(s -> {
            Instant now = Instant.now();
            Part module = new Part(null, PartType.MODULE, "Module " + n, PartStatus.AVAILABLE, now);
            s.persist(module);
            Part part = new Part(module, PartType.PART, "Part " + n, PartStatus.AVAILABLE, now);
            part.setDisplayMode(DisplayMode.WORKSPACE);
            s.persist(part);
            User student = new User("student" + n + "-" + System.nanoTime() + "@example.org", "Student " + n,
                    UserStatus.ACTIVE, now);
            s.persist(student);
            root.assets().upload(s, part, AssetKind.TEMPLATE, "index.html", INDEX.getBytes(StandardCharsets.UTF_8));
            root.assets().upload(s, part, AssetKind.TEMPLATE, "style.css", STYLE.getBytes(StandardCharsets.UTF_8));
            root.assets().upload(s, part, AssetKind.TEMPLATE, "logo.png", PNG);
            return new Fixture(module.getId(), part.getId(), student.getId());
        });
    }

    long count(String sql, long id) {
        return root.database().inTransaction(s -> ((Number) s.createNativeQuery(sql, Object.class)
                .setParameter("id", id).getSingleResult()).longValue());
    }

    WorkspaceService.Listing listing(Workspace w, long partId) {
        return root.database().inTransaction(s -> service.listing(s, s.get(Workspace.class, w.getId()),
                s.get(Part.class, partId)));
    }

    <T> T inWorkspace(Workspace w, java.util.function.Function<org.hibernate.Session, T> work) {
        return root.database().inTransaction(work);
    }

    // ------------------------------------------------------------------ made once

    /** What {@code n} threads return, released at the same moment: {@code work} gets each thread's number. */
    static <T> List<T> atOnce(int n, java.util.function.IntFunction<java.util.concurrent.Callable<T>> work)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                java.util.concurrent.Callable<T> one = work.apply(i);
                futures.add(pool.submit(() -> {
                    go.await();
                    return one.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyParallelFirstVisitsMakeOneWorkspaceWithOneCopyOfEachTextTemplate() throws Exception {
        Fixture f = fixture();
        Set<Long> distinct = new HashSet<>(atOnce(50, i -> () -> service.open(f.userId(), f.partId()).getId()));
        assertEquals(1, distinct.size(), "every visit got the same workspace: " + distinct);
        assertEquals(1, count("SELECT COUNT(*) FROM workspace WHERE part_id = :id", f.partId()));
        long workspaceId = service.open(f.userId(), f.partId()).getId();
        assertEquals(2, count("SELECT COUNT(*) FROM workspace_file WHERE workspace_id = :id", workspaceId),
                "index.html and style.css once each; the picture stays a template");
        Workspace w = service.open(f.userId(), f.partId());
        List<String> names = listing(w, f.partId()).files().stream().map(WorkspaceService.FileState::name).toList();
        assertEquals(List.of("index.html", "style.css"), names);
        assertEquals(INDEX, listing(w, f.partId()).files().get(0).content());
    }

    // ------------------------------------------------------------------ saving

    @Test
    void aSaveFromTheCurrentVersionWinsAndAStaleOneIsAConflictThatChangesNothing() {
        Fixture f = fixture();
        Workspace w = service.open(f.userId(), f.partId());
        WorkspaceService.SaveOutcome first = inWorkspace(w, s -> service.save(s, service.attach(s, w), "style.css",
                "body { color: red; }", 1));
        assertEquals(new WorkspaceService.Saved(2), first);
        // The other tab still edits version 1.
        WorkspaceService.SaveOutcome stale = inWorkspace(w, s -> service.save(s, service.attach(s, w), "style.css",
                "body { color: green; }", 1));
        WorkspaceService.Conflict conflict = assertInstanceOf(WorkspaceService.Conflict.class, stale);
        assertEquals(2, conflict.version());
        assertEquals("body { color: red; }", conflict.content());
        // "Keep mine": saved over the server's version, deliberately.
        assertEquals(new WorkspaceService.Saved(3), inWorkspace(w, s -> service.save(s, service.attach(s, w),
                "style.css", "body { color: green; }", conflict.version())));
        WorkspaceService.FileState style = listing(w, f.partId()).files().get(1);
        assertEquals("body { color: green; }", style.content());
        assertEquals(3, style.version());
        assertEquals("same", style.template(), "the template itself has not changed since the copy");
    }

    @Test
    void aSaveOfAFileThatIsGoneIsNotFound() {
        Fixture f = fixture();
        Workspace w = service.open(f.userId(), f.partId());
        assertThrows(jakarta.ws.rs.NotFoundException.class, () -> inWorkspace(w, s -> service.save(s,
                service.attach(s, w), "nothere.html", "x", 1)));
    }

    // ------------------------------------------------------------------ limits

    @Test
    void theLimitsRefuseWithMessagesTheStudentCanActOn() {
        Fixture f = fixture();
        Workspace w = service.open(f.userId(), f.partId());
        String big = "é".repeat(513); // 1026 bytes of UTF-8, 513 characters
        WorkspaceLimitException tooLarge = assertThrows(WorkspaceLimitException.class, () -> inWorkspace(w,
                s -> service.save(s, service.attach(s, w), "index.html", big, 1)));
        assertEquals(413, tooLarge.status());
        assertTrue(tooLarge.getMessage().contains("at most 1 KB"), tooLarge.getMessage());
        assertEquals(1, listing(w, f.partId()).files().get(0).version(), "nothing saved");

        for (String bad : List.of("", "../x.html", "a/b.js", "CON:", "x.png", "Index.HTML")) {
            WorkspaceLimitException refused = assertThrows(WorkspaceLimitException.class, () -> inWorkspace(w,
                    s -> service.create(s, service.attach(s, w), bad, "")), bad);
            assertEquals(400, refused.status(), bad);
        }
        inWorkspace(w, s -> service.create(s, service.attach(s, w), "script.js", "let x = 1;"));
        inWorkspace(w, s -> service.create(s, service.attach(s, w), "about me.html", ""));
        WorkspaceLimitException tooMany = assertThrows(WorkspaceLimitException.class, () -> inWorkspace(w,
                s -> service.create(s, service.attach(s, w), "more.css", "")));
        assertEquals(400, tooMany.status());
        assertTrue(tooMany.getMessage().contains("at most 4 files"), tooMany.getMessage());
        inWorkspace(w, s -> {
            service.delete(s, service.attach(s, w), "script.js");
            return null;
        });
        assertEquals("more.css", inWorkspace(w, s -> service.create(s, service.attach(s, w), "more.css", "")).name(),
                "room again after a delete");
    }

    @Test
    void tabsAddingFilesAtTheSameMomentCannotPassTheFileLimitTogether() throws Exception {
        Fixture f = fixture();
        Workspace w = service.open(f.userId(), f.partId()); // index.html and style.css: room for two more
        List<String> said = atOnce(12, i -> () -> {
            try {
                return inWorkspace(w, s -> service.create(s, service.attach(s, w), "tab" + i + ".js", "")).name();
            } catch (WorkspaceLimitException refused) {
                return refused.getMessage();
            }
        });
        List<String> refusals = said.stream().filter(m -> !m.endsWith(".js")).toList();
        assertEquals(10, refusals.size(), "two tabs found room, the others were told the limit: " + said);
        refusals.forEach(m -> assertTrue(m.contains("at most 4 files"), m));
        assertEquals(4, count("SELECT COUNT(*) FROM workspace_file WHERE workspace_id = :id", w.getId()));
    }

    @Test
    void aRenamedFileKeepsItsTextAndVersionAndItsTemplateIsOfferedAgain() {
        Fixture f = fixture();
        Workspace w = service.open(f.userId(), f.partId());
        inWorkspace(w, s -> service.save(s, service.attach(s, w), "style.css", "h1 { color: red; }", 1));
        WorkspaceService.FileState renamed = inWorkspace(w, s -> service.rename(s, service.attach(s, w),
                s.get(Part.class, f.partId()), "style.css", "main.css", 2));
        assertEquals(new WorkspaceService.FileState("main.css", 2, "h1 { color: red; }", 18, "none"), renamed);
        WorkspaceService.Listing after = listing(w, f.partId());
        assertEquals(List.of("index.html", "main.css"), after.files().stream().map(WorkspaceService.FileState::name).toList(),
                "in its place among the tabs");
        assertEquals(List.of("style.css"), after.newTemplates(), "the template of the old name can be added again");

        // The template added again (a new file, version 1), then renamed in case only.
        inWorkspace(w, s -> service.fromTemplate(s, service.attach(s, w), s.get(Part.class, f.partId()), "style.css"));
        inWorkspace(w, s -> {
            service.delete(s, service.attach(s, w), "main.css");
            return null;
        });
        assertEquals("Style.CSS", inWorkspace(w, s -> service.rename(s, service.attach(s, w),
                s.get(Part.class, f.partId()), "style.css", "Style.CSS", 1)).name(), "a change of case only");

        WorkspaceLimitException taken = assertThrows(WorkspaceLimitException.class, () -> inWorkspace(w,
                s -> service.rename(s, service.attach(s, w), s.get(Part.class, f.partId()), "Style.CSS", "INDEX.html", 1)));
        assertEquals(400, taken.status());
        assertTrue(taken.getMessage().contains("already a file named “index.html”"), taken.getMessage());
        for (String bad : List.of("", "../x.css", "a/b.css", "x.png")) {
            WorkspaceLimitException refused = assertThrows(WorkspaceLimitException.class, () -> inWorkspace(w,
                    s -> service.rename(s, service.attach(s, w), s.get(Part.class, f.partId()), "Style.CSS", bad, 1)), bad);
            assertEquals(400, refused.status(), bad);
        }
        WorkspaceLimitException stale = assertThrows(WorkspaceLimitException.class, () -> inWorkspace(w,
                s -> service.rename(s, service.attach(s, w), s.get(Part.class, f.partId()), "Style.CSS", "x.css", 2)));
        assertEquals(409, stale.status(), "another tab saved a version this one has not seen");
        assertThrows(jakarta.ws.rs.NotFoundException.class, () -> inWorkspace(w, s -> service.rename(s,
                service.attach(s, w), s.get(Part.class, f.partId()), "gone.css", "x.css", 1)));
        assertEquals(List.of("index.html", "Style.CSS"), listing(w, f.partId()).files().stream()
                .map(WorkspaceService.FileState::name).toList(), "nothing changed by the refusals");
    }

    // ------------------------------------------------------------------ templates

    @Test
    void resetPutsTheTemplateBackAsANewVersionSoAnotherTabConflicts() {
        Fixture f = fixture();
        Workspace w = service.open(f.userId(), f.partId());
        inWorkspace(w, s -> service.save(s, service.attach(s, w), "index.html", "<p>mine</p>", 1));
        WorkspaceService.FileState reset = inWorkspace(w, s -> service.fromTemplate(s, service.attach(s, w),
                s.get(Part.class, f.partId()), "index.html"));
        assertEquals(INDEX, reset.content());
        assertEquals(3, reset.version());
        assertEquals("same", reset.template());
        assertInstanceOf(WorkspaceService.Conflict.class, inWorkspace(w, s -> service.save(s, service.attach(s, w),
                "index.html", "<p>from the other tab</p>", 2)));
        assertThrows(jakarta.ws.rs.NotFoundException.class, () -> inWorkspace(w, s -> service.fromTemplate(s,
                service.attach(s, w), s.get(Part.class, f.partId()), "logo.png")), "a binary template is never copied");
    }

    @Test
    void aChangedTemplateAndANewOneAreOfferedAndNeverForced() {
        Fixture f = fixture();
        Workspace w = service.open(f.userId(), f.partId());
        inWorkspace(w, s -> service.save(s, service.attach(s, w), "style.css", "body { color: red; }", 1));
        root.database().run(s -> {
            Part part = s.get(Part.class, f.partId());
            Asset style = root.assets().byName(s, part, AssetKind.TEMPLATE, "style.css").orElseThrow();
            root.assets().replace(s, style, "body { color: teal; }\n".getBytes(StandardCharsets.UTF_8));
            root.assets().upload(s, part, AssetKind.TEMPLATE, "extra.js", "// new\n".getBytes(StandardCharsets.UTF_8));
        });
        WorkspaceService.Listing offered = listing(w, f.partId());
        assertEquals("same", offered.files().get(0).template(), "index.html is as its template");
        assertEquals("changed", offered.files().get(1).template(), "style.css's template changed");
        assertEquals("body { color: red; }", offered.files().get(1).content(), "never forced");
        assertEquals(List.of("extra.js"), offered.newTemplates());

        inWorkspace(w, s -> service.fromTemplate(s, service.attach(s, w), s.get(Part.class, f.partId()), "style.css"));
        inWorkspace(w, s -> service.fromTemplate(s, service.attach(s, w), s.get(Part.class, f.partId()), "extra.js"));
        WorkspaceService.Listing updated = listing(w, f.partId());
        assertEquals("body { color: teal; }\n", updated.files().get(1).content());
        assertEquals("same", updated.files().get(1).template());
        assertEquals(List.of(), updated.newTemplates());
        assertEquals(List.of("index.html", "style.css", "extra.js"),
                updated.files().stream().map(WorkspaceService.FileState::name).toList());
    }

    @Test
    void resettingAllFilesKeepsTheStudentsOwnFiles() {
        Fixture f = fixture();
        Workspace w = service.open(f.userId(), f.partId());
        inWorkspace(w, s -> service.save(s, service.attach(s, w), "index.html", "<p>mine</p>", 1));
        inWorkspace(w, s -> {
            service.delete(s, service.attach(s, w), "style.css");
            return service.create(s, service.attach(s, w), "notes.txt", "my notes");
        });
        WorkspaceService.Listing reset = inWorkspace(w, s -> service.resetAll(s, service.attach(s, w),
                s.get(Part.class, f.partId())));
        Map<String, String> contents = new LinkedHashMap<>();
        reset.files().forEach(file -> contents.put(file.name(), file.content()));
        assertEquals(INDEX, contents.get("index.html"));
        assertEquals(STYLE, contents.get("style.css"), "a deleted template file comes back");
        assertEquals("my notes", contents.get("notes.txt"));
    }

    // ------------------------------------------------------------------ leaving

    @Test
    void leavingAModuleDeletesTheWorkspacesInItAndOnlyThere() {
        Fixture f = fixture();
        Fixture other = fixture();
        service.open(f.userId(), f.partId());
        service.open(f.userId(), other.partId()); // the same student in another module's part
        long otherStudent = root.database().inTransaction(s -> {
            User u = new User("other" + System.nanoTime() + "@example.org", "Other", UserStatus.ACTIVE, Instant.now());
            s.persist(u);
            return u.getId();
        });
        service.open(otherStudent, f.partId());
        root.database().run(s -> root.workspaces().deleteFor(s, s.get(Part.class, f.moduleId()), f.userId()));
        assertEquals(1, count("SELECT COUNT(*) FROM workspace WHERE part_id = :id", f.partId()), "the other student's stays");
        assertEquals(1, count("SELECT COUNT(*) FROM workspace WHERE part_id = :id", other.partId()), "the other module's stays");
        assertEquals(0, count("SELECT COUNT(*) FROM workspace_file f JOIN workspace w ON w.id = f.workspace_id "
                + "WHERE w.user_id = :id AND w.part_id = " + f.partId(), f.userId()));
    }

    // ------------------------------------------------------------------ the ZIP

    @Test
    void zipEntryNamesAreSafeAndUnique() throws Exception {
        assertEquals("index.html", WorkspaceArchive.safeName("index.html"));
        assertEquals("café.css", WorkspaceArchive.safeName("café.css"));
        assertEquals(".gitignore", WorkspaceArchive.safeName(".gitignore"));
        assertEquals("_._etc_passwd", WorkspaceArchive.safeName("/../etc/passwd"));
        assertEquals("file_CON.txt", WorkspaceArchive.safeName("CON.txt"));
        assertEquals("a_b_c.js", WorkspaceArchive.safeName("a\\b:c.js"));
        assertEquals("file", WorkspaceArchive.safeName("..."));
        assertEquals("workspace-Part 1_ HTML.zip", WorkspaceArchive.zipName("Part 1: HTML"));

        Map<String, byte[]> files = WorkspaceArchive.files();
        files.put("index.html", "<p>1</p>".getBytes(StandardCharsets.UTF_8));
        files.put("../index.html", "<p>2</p>".getBytes(StandardCharsets.UTF_8));
        files.put("INDEX.html", "<p>3</p>".getBytes(StandardCharsets.UTF_8));
        files.put("logo.png", PNG);
        Map<String, byte[]> unpacked = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(WorkspaceArchive.zip(files)),
                StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                unpacked.put(e.getName(), zip.readAllBytes());
            }
        }
        for (String name : unpacked.keySet()) {
            assertTrue(!name.contains("/") && !name.contains("\\") && !name.contains(".."), name);
        }
        assertEquals(4, unpacked.size(), "names that collide after sanitising are numbered: " + unpacked.keySet());
        assertArrayEquals(PNG, unpacked.get("logo.png"));
        assertEquals("<p>1</p>", new String(unpacked.get("index.html"), StandardCharsets.UTF_8));
    }
}
