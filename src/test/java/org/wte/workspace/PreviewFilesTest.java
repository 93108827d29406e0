package org.wte.workspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.wte.CompositionRoot;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.asset.AssetKind;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.testing.TestDatabase;
import org.wte.testing.TestWorkspaces;

/**
 * What a preview link finds for a name, on real Hibernate and H2 (and, through {@link MariaDbPreviewFilesIT},
 * on MariaDB, whose collation ignores case and accents): the student's own file, then the part's template,
 * then the nearest asset; names match exactly; one student never gets another's file; a vanished or blocked
 * owner and a deleted part are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreviewFilesTest {
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 7};
    static final byte[] OTHER_PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 8};

    CompositionRoot root;
    PreviewFiles files;
    long ann;
    long ben;
    long part;
    long page;

    /** H2 here; MariaDB in the subclass. */
    CompositionRoot startRoot() throws Exception {
        return TestDatabase.start("");
    }

    @BeforeAll
    void start() throws Exception {
        root = startRoot();
        files = new PreviewFiles(root.parts(), root.assets(), root.assetLookup());
        root.database().run(s -> {
            Instant now = Instant.now();
            User a = new User("ann@example.org", "Ann", UserStatus.ACTIVE, now);
            User b = new User("ben@example.org", "Ben", UserStatus.ACTIVE, now);
            s.persist(a);
            s.persist(b);
            Part m = new Part(null, PartType.MODULE, "Module", PartStatus.AVAILABLE, now);
            s.persist(m);
            Part p = new Part(m, PartType.PART, "Part", PartStatus.AVAILABLE, now);
            s.persist(p);
            Part g = new Part(p, PartType.PAGE, "Page", PartStatus.AVAILABLE, now);
            s.persist(g);
            s.flush();
            root.assets().upload(s, p, AssetKind.TEMPLATE, "style.css", text("/* template */"));
            root.assets().upload(s, p, AssetKind.TEMPLATE, "cat.png", PNG);
            root.assets().upload(s, m, AssetKind.ASSET, "cat.png", OTHER_PNG);
            root.assets().upload(s, m, AssetKind.ASSET, "notes.txt", text("module notes"));
            root.assets().upload(s, p, AssetKind.ASSET, "notes.txt", text("part notes"));
            root.assets().upload(s, m, AssetKind.TEMPLATE, "module-template.css", text("/* not this part's */"));
            Map<String, String> own = new LinkedHashMap<>();
            own.put("index.html", "<p>Ann</p>");
            own.put("style.css", "/* Ann's */");
            own.put("Page.html", "<p>capital P</p>");
            own.put("café.html", "<p>accent</p>");
            TestWorkspaces.put(s, a.getId(), p.getId(), own);
            TestWorkspaces.put(s, b.getId(), p.getId(), Map.of("index.html", "<p>Ben</p>", "ben.html", "<p>only Ben</p>"));
            ann = a.getId();
            ben = b.getId();
            part = p.getId();
            page = g.getId();
        });
    }

    @AfterAll
    void stop() throws Exception {
        if (root != null) {
            root.close();
        }
    }

    @Test
    void ownFileThenTemplateThenNearestAsset() {
        assertEquals("/* Ann's */", found(ann, part, "style.css"), "own file over the template");
        assertEquals("/* template */", found(ben, part, "style.css"), "Ben has none: the template");
        assertArrayEquals(PNG, ((PreviewFiles.Found) find(ann, part, "cat.png")).content(), "template over asset");
        assertEquals("part notes", found(ann, part, "notes.txt"), "the part's asset over the module's");
        assertEquals(404, refused(ann, part, "module-template.css").status(), "only the part's own templates");
    }

    @Test
    void typesComeFromTheName() {
        assertEquals("text/html; charset=utf-8", ((PreviewFiles.Found) find(ann, part, "index.html")).contentType());
        assertEquals("text/css; charset=utf-8", ((PreviewFiles.Found) find(ann, part, "style.css")).contentType());
        assertEquals("image/png", ((PreviewFiles.Found) find(ann, part, "cat.png")).contentType());
    }

    @Test
    void namesMatchExactlyWhateverTheDatabaseCollation() {
        assertEquals("<p>capital P</p>", found(ann, part, "Page.html"));
        assertEquals(404, refused(ann, part, "page.html").status());
        assertEquals("<p>accent</p>", found(ann, part, "café.html"));
        assertEquals(404, refused(ann, part, "cafe.html").status());
        assertEquals(404, refused(ann, part, "CAT.PNG").status());
        assertEquals(404, refused(ann, part, "").status());
        assertEquals(404, refused(ann, part, "x".repeat(300)).status());
    }

    @Test
    void eachStudentOnlyGetsTheirOwnFiles() {
        assertEquals("<p>Ann</p>", found(ann, part, "index.html"));
        assertEquals("<p>Ben</p>", found(ben, part, "index.html"));
        assertEquals(404, refused(ann, part, "ben.html").status());
        assertEquals(404, refused(ann, page, "index.html").status(), "no workspace in another part");
    }

    @Test
    void aVanishedOrBlockedOwnerAndADeletedPartAreRefused() {
        assertEquals(403, refused(ann + ben + 1000, part, "index.html").status());
        assertEquals(404, refused(ann, part + page + 1000, "index.html").status());
        root.database().run(s -> s.get(User.class, ben).setStatus(UserStatus.BLOCKED));
        try {
            assertEquals(403, refused(ben, part, "index.html").status());
        } finally {
            root.database().run(s -> s.get(User.class, ben).setStatus(UserStatus.ACTIVE));
        }
        assertEquals("<p>Ben</p>", found(ben, part, "index.html"));
    }

    private PreviewFiles.Answer find(long user, long partId, String name) {
        return root.database().inTransaction(s -> files.find(s, new PreviewLinks.Target(user, partId), name));
    }

    private String found(long user, long partId, String name) {
        PreviewFiles.Found f = assertInstanceOf(PreviewFiles.Found.class, find(user, partId, name), name);
        return new String(f.content(), StandardCharsets.UTF_8);
    }

    private PreviewFiles.Refused refused(long user, long partId, String name) {
        return assertInstanceOf(PreviewFiles.Refused.class, find(user, partId, name), name);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
