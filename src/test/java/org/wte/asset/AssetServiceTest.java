package org.wte.asset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.hibernate.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.wte.CompositionRoot;
import org.wte.content.Part;
import org.wte.content.PartStatus;
import org.wte.content.PartType;
import org.wte.web.FormErrors;
import org.wte.testing.TestDatabase;

/**
 * The asset rules on real Hibernate and H2 (and, through {@link MariaDbAssetServiceIT}, on MariaDB):
 * names, uniqueness, the size limit, image content against the name, content round trips, edits,
 * renames, order, and the nearest-first lookup up the tree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssetServiceTest {
    static final long LIMIT = 64 * 1024;
    static final byte[] PNG = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3);
    static final byte[] JPEG = bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3);
    static final byte[] GIF = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] WEBP = "RIFF\u0024\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);

    CompositionRoot root;
    AssetService assets;
    AssetLookup lookup;

    /** H2 here; MariaDB in the subclass. */
    CompositionRoot startRoot() throws Exception {
        return TestDatabase.start("[uploads]\nmax_file_size = 64K\nmax_request_size = 1M");
    }

    @BeforeAll
    void start() throws Exception {
        root = startRoot();
        assets = root.assets();
        lookup = root.assetLookup();
        assertEquals(LIMIT, assets.maxFileSize(), "the limit comes from [uploads] max_file_size");
    }

    @AfterAll
    void stop() throws Exception {
        if (root != null) {
            root.close();
        }
    }

    // ------------------------------------------------------------------ names

    @Test
    void namesWithPathsDotDotOrNothingAreRefused() {
        Tree t = tree();
        assertNameRefused(t.page, "../x", "..");
        assertNameRefused(t.page, "..", "..");
        assertNameRefused(t.page, ".", "..");
        assertNameRefused(t.page, "a..b.txt", "..");
        assertNameRefused(t.page, "a/b", "/");
        assertNameRefused(t.page, "/etc/passwd", "/");
        assertNameRefused(t.page, "a\\b", "\\");
        assertNameRefused(t.page, "", "Enter a file name");
        assertNameRefused(t.page, "   ", "Enter a file name");
        assertNameRefused(t.page, "x".repeat(252) + ".txt", "at most 255 characters");
        assertNameRefused(t.page, " lead.txt", "space");
        assertNameRefused(t.page, "trail.txt ", "space");
        assertNameRefused(t.page, "dot.", "end with a dot");
        assertNameRefused(t.page, "tab\t.txt", "control");
        assertNameRefused(t.page, "new\nline.txt", "control");
        assertNameRefused(t.page, "evil\u202Egnp.exe", "formatting");
        assertNameRefused(t.page, "what?.txt", "< > :");
        assertNameRefused(t.page, "c:x.txt", "< > :");
        assertEquals(List.of(), names(t.page, AssetKind.ASSET), "nothing was stored");

        // The longest allowed name, a leading dot, spaces inside and non-ASCII letters are fine.
        String longest = "y".repeat(251) + ".txt";
        upload(t.page, AssetKind.ASSET, longest, text("a"));
        upload(t.page, AssetKind.ASSET, ".gitignore", text("node_modules/\n"));
        upload(t.page, AssetKind.ASSET, "Übung 1 (Lösung).txt", text("ok"));
        assertEquals(List.of(longest, ".gitignore", "Übung 1 (Lösung).txt"), names(t.page, AssetKind.ASSET));
        assertEquals("text/plain", find(t.page, AssetKind.ASSET, ".gitignore").getMimeType());
    }

    @Test
    void namesAreUniquePerPartAndKindIgnoringCase() {
        Tree t = tree();
        upload(t.part, AssetKind.ASSET, "logo.png", PNG);
        FormErrors same = refused(() -> upload(t.part, AssetKind.ASSET, "logo.png", PNG));
        assertTrue(same.asMap().get("name").contains("already here"), same.asMap().toString());
        FormErrors otherCase = refused(() -> upload(t.part, AssetKind.ASSET, "LOGO.png", PNG));
        assertTrue(otherCase.asMap().get("name").contains("already here"), otherCase.asMap().toString());
        // The same name is fine as a template of the part, and as an asset of another part.
        upload(t.part, AssetKind.TEMPLATE, "logo.png", PNG);
        upload(t.page, AssetKind.ASSET, "logo.png", PNG);
        assertEquals(List.of("logo.png"), names(t.part, AssetKind.ASSET));
        assertEquals(List.of("logo.png"), names(t.part, AssetKind.TEMPLATE));
    }

    @Test
    void lookupsByNameAreExactOnEveryDatabase() {
        Tree t = tree();
        upload(t.part, AssetKind.ASSET, "Café.txt", text("x"));
        assertTrue(byName(t.part, AssetKind.ASSET, "Café.txt").isPresent());
        assertTrue(byName(t.part, AssetKind.ASSET, "café.txt").isEmpty(), "case matters");
        assertTrue(byName(t.part, AssetKind.ASSET, "Cafe.txt").isEmpty(), "accents matter (MariaDB's collation ignores them)");
        assertTrue(byName(t.part, AssetKind.TEMPLATE, "Café.txt").isEmpty(), "the kind matters");
    }

    // ------------------------------------------------------------------ content

    @Test
    void typeComesFromTheNameAndImagesMustMatchTheirContent() {
        Tree t = tree();
        assertEquals("image/png", upload(t.page, AssetKind.ASSET, "a.png", PNG).getMimeType());
        assertEquals("image/jpeg", upload(t.page, AssetKind.ASSET, "b.JPG", JPEG).getMimeType());
        assertEquals("image/gif", upload(t.page, AssetKind.ASSET, "c.gif", GIF).getMimeType());
        assertEquals("image/webp", upload(t.page, AssetKind.ASSET, "d.webp", WEBP).getMimeType());
        assertEquals("application/pdf", upload(t.page, AssetKind.ASSET, "e.pdf", text("%PDF-1.4")).getMimeType());
        assertEquals("text/html", upload(t.page, AssetKind.ASSET, "f.html", text("<p>")).getMimeType());
        assertEquals(FileTypes.UNKNOWN, upload(t.page, AssetKind.ASSET, "g.weird", PNG).getMimeType());

        FormErrors jpegAsPng = refused(() -> upload(t.page, AssetKind.ASSET, "photo.png", JPEG));
        assertTrue(jpegAsPng.asMap().get("file").contains("its content is a JPEG image"), jpegAsPng.asMap().toString());
        assertTrue(jpegAsPng.asMap().get("file").contains(".jpg"), "says how to fix it");
        FormErrors htmlAsGif = refused(() -> upload(t.page, AssetKind.ASSET, "x.gif", text("<script>alert(1)</script>")));
        assertTrue(htmlAsGif.asMap().get("file").contains("not an image of that type"), htmlAsGif.asMap().toString());
        FormErrors pngAsWebp = refused(() -> upload(t.page, AssetKind.ASSET, "y.webp", PNG));
        assertTrue(pngAsWebp.asMap().get("file").contains("PNG"), pngAsWebp.asMap().toString());
        FormErrors notSvg = refused(() -> upload(t.page, AssetKind.ASSET, "z.svg", PNG));
        assertTrue(notSvg.asMap().get("file").contains("not SVG"), notSvg.asMap().toString());
        assertFalse(names(t.page, AssetKind.ASSET).contains("photo.png"));
    }

    @Test
    void filesOverTheLimitAreRefusedAndTheLimitItselfIsAccepted() {
        Tree t = tree();
        byte[] exactly = new byte[(int) LIMIT];
        Asset big = upload(t.page, AssetKind.ASSET, "big.bin", exactly);
        assertEquals(LIMIT, big.getSize());
        AssetService.TooLarge tooLarge = assertThrows(AssetService.TooLarge.class,
                () -> upload(t.page, AssetKind.ASSET, "bigger.bin", new byte[(int) LIMIT + 1]));
        assertTrue(tooLarge.getMessage().contains("64 KB"), tooLarge.getMessage());
        assertThrows(AssetService.TooLarge.class, () -> root.database().run(s ->
                assets.replace(s, s.get(Asset.class, big.getId()), new byte[(int) LIMIT + 1])));
        assertFalse(names(t.page, AssetKind.ASSET).contains("bigger.bin"));
    }

    @Test
    void contentRoundTripsWithItsHashAndReplaceKeepsTheName() {
        Tree t = tree();
        byte[] data = new byte[50_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        Asset a = upload(t.part, AssetKind.TEMPLATE, "data.bin", data);
        assertEquals(AssetService.sha256(data), a.getSha256());
        assertEquals(64, a.getSha256().length());
        assertEquals("\"" + a.getSha256() + "\"", a.etag());
        assertArrayEquals(data, content(a.getId()));

        Asset replaced = root.database().inTransaction(s -> assets.replace(s, s.get(Asset.class, a.getId()), text("new")));
        assertEquals("data.bin", replaced.getFilename());
        assertEquals(3, replaced.getSize());
        assertNotEquals(a.getSha256(), replaced.getSha256());
        assertArrayEquals(text("new"), content(a.getId()));

        Asset png = upload(t.part, AssetKind.ASSET, "pic.png", PNG);
        FormErrors wrong = refused(() -> root.database().run(s -> assets.replace(s, s.get(Asset.class, png.getId()), JPEG)));
        assertTrue(wrong.asMap().get("file").contains("JPEG"), wrong.asMap().toString());
        assertArrayEquals(PNG, content(png.getId()), "a refused replacement changes nothing");
    }

    /**
     * The times are the real instants whatever the JVM's zone (surefire runs Europe/Berlin): an upload or a
     * replacement written an hour early or late would show a wrong "Changed" and a wrong Last-Modified.
     */
    @Test
    void uploadAndReplaceRecordTheRealTimeWhateverTheJvmZone() {
        Tree t = tree();
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Asset a = upload(t.page, AssetKind.ASSET, "when.txt", text("x"));
        Instant after = Instant.now();
        Asset read = root.database().inTransaction(s -> s.get(Asset.class, a.getId()));
        assertBetween(before, read.getCreatedAt(), after, "created_at of an upload");
        assertBetween(before, read.getUpdatedAt(), after, "updated_at of an upload");

        Instant beforeReplace = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        root.database().run(s -> assets.replace(s, s.get(Asset.class, a.getId()), text("y")));
        Instant afterReplace = Instant.now();
        Asset replaced = root.database().inTransaction(s -> s.get(Asset.class, a.getId()));
        assertBetween(beforeReplace, replaced.getUpdatedAt(), afterReplace, "updated_at of a replacement");
        assertEquals(read.getCreatedAt(), replaced.getCreatedAt(), "a replacement keeps created_at");
    }

    static void assertBetween(Instant from, Instant actual, Instant to, String what) {
        assertTrue(!actual.isBefore(from) && !actual.isAfter(to), what + ": " + actual + " is not between " + from
                + " and " + to + " (JVM zone " + java.util.TimeZone.getDefault().getID() + ")");
    }

    @Test
    void listsDoNotMapTheBytes() {
        boolean mapped = root.database().sessionFactory().getMetamodel().entity(Asset.class).getAttributes().stream()
                .anyMatch(attribute -> attribute.getName().equals("data"));
        assertFalse(mapped, "Asset must not map the data column, so that loading assets never reads it");
    }

    @Test
    void textIsEditedInPlaceKeepingLineEndsAndRefusingStaleEdits() {
        Tree t = tree();
        Asset lf = upload(t.part, AssetKind.TEMPLATE, "index.html", text("<p>one</p>\n"));
        edit(lf.getId(), "<p>two</p>\r\n<p>three</p>\r\n", lf.getSha256());
        assertEquals("<p>two</p>\n<p>three</p>\n", new String(content(lf.getId()), StandardCharsets.UTF_8),
                "a file with LF line ends keeps them");
        Asset crlf = upload(t.part, AssetKind.TEMPLATE, "win.txt", text("a\r\nb\r\n"));
        edit(crlf.getId(), "a\r\nc\r\n", crlf.getSha256());
        assertEquals("a\r\nc\r\n", new String(content(crlf.getId()), StandardCharsets.UTF_8));

        // The form was shown with the first content; someone saved since: refused, nothing saved.
        assertThrows(AssetService.Conflict.class, () -> edit(lf.getId(), "<p>mine</p>", lf.getSha256()));
        assertEquals("<p>two</p>\n<p>three</p>\n", new String(content(lf.getId()), StandardCharsets.UTF_8));

        Asset png = upload(t.part, AssetKind.ASSET, "img.png", PNG);
        FormErrors notText = refused(() -> edit(png.getId(), "x", png.getSha256()));
        assertTrue(notText.asMap().get("content").contains("not a text file"));
        Asset svg = upload(t.part, AssetKind.ASSET, "icon.svg", text("<svg xmlns='http://www.w3.org/2000/svg'/>"));
        FormErrors brokenSvg = refused(() -> edit(svg.getId(), "no longer an image", svg.getSha256()));
        assertTrue(brokenSvg.asMap().get("content").contains("not SVG"));
        FormErrors tooLong = refused(() -> edit(lf.getId(), "x".repeat((int) LIMIT + 1), null));
        assertTrue(tooLong.asMap().get("content").contains("64 KB"));
    }

    @Test
    void renameValidatesTheNameAndTheContentForTheNewType() {
        Tree t = tree();
        Asset notes = upload(t.page, AssetKind.ASSET, "notes.txt", text("hello"));
        upload(t.page, AssetKind.ASSET, "other.txt", text("x"));
        assertTrue(refused(() -> rename(notes.getId(), "../notes.txt")).asMap().get("name").contains(".."));
        assertTrue(refused(() -> rename(notes.getId(), "OTHER.txt")).asMap().get("name").contains("already here"));
        assertTrue(refused(() -> rename(notes.getId(), "notes.png")).asMap().get("name").contains("PNG"),
                "text renamed to .png is not a PNG image");
        assertEquals("notes.txt", find(t.page, AssetKind.ASSET, "notes.txt").getFilename());

        Asset renamed = rename(notes.getId(), "Notes.md");
        assertEquals("Notes.md", renamed.getFilename());
        assertEquals("text/markdown", renamed.getMimeType());
        assertEquals("NOTES.md", rename(notes.getId(), "NOTES.md").getFilename(), "a change of case alone is fine");
        assertArrayEquals(text("hello"), content(notes.getId()), "renaming keeps the content");
        assertTrue(byName(t.page, AssetKind.ASSET, "notes.txt").isEmpty());
    }

    @Test
    void filesMoveUpAndDownAndAreReorderedAndDeleted() {
        Tree t = tree();
        long a = upload(t.part, AssetKind.ASSET, "a.txt", text("a")).getId();
        long b = upload(t.part, AssetKind.ASSET, "b.txt", text("b")).getId();
        long c = upload(t.part, AssetKind.ASSET, "c.txt", text("c")).getId();
        assertEquals(List.of("a.txt", "b.txt", "c.txt"), names(t.part, AssetKind.ASSET), "new files go last");
        move(c, -1);
        assertEquals(List.of("a.txt", "c.txt", "b.txt"), names(t.part, AssetKind.ASSET));
        move(a, -1);
        assertEquals(List.of("a.txt", "c.txt", "b.txt"), names(t.part, AssetKind.ASSET), "the first cannot go up");
        move(b, 1);
        assertEquals(List.of("a.txt", "c.txt", "b.txt"), names(t.part, AssetKind.ASSET), "the last cannot go down");
        move(a, 1);
        assertEquals(List.of("c.txt", "a.txt", "b.txt"), names(t.part, AssetKind.ASSET));

        root.database().run(s -> assets.reorder(s, s.get(Part.class, t.part), AssetKind.ASSET, List.of(b, c, a)));
        assertEquals(List.of("b.txt", "c.txt", "a.txt"), names(t.part, AssetKind.ASSET));
        assertTrue(refused(() -> root.database().run(s -> assets.reorder(s, s.get(Part.class, t.part), AssetKind.ASSET,
                List.of(b, c)))).asMap().containsKey("order"), "a list missing a file is refused");

        root.database().run(s -> assets.delete(s, s.get(Asset.class, c)));
        assertEquals(List.of("b.txt", "a.txt"), names(t.part, AssetKind.ASSET));
        long d = upload(t.part, AssetKind.ASSET, "d.txt", text("d")).getId();
        assertEquals(List.of("b.txt", "a.txt", "d.txt"), names(t.part, AssetKind.ASSET));
        move(d, -1);
        assertEquals(List.of("b.txt", "d.txt", "a.txt"), names(t.part, AssetKind.ASSET));
    }

    @Test
    void deletingAPartDeletesItsFiles() {
        Tree t = tree();
        long id = upload(t.page, AssetKind.ASSET, "gone.txt", text("x")).getId();
        upload(t.module, AssetKind.ASSET, "stays.txt", text("x"));
        root.database().run(s -> s.remove(s.get(Part.class, t.part)));
        assertNull(root.database().inTransaction(s -> s.get(Asset.class, id)), "ON DELETE CASCADE");
        assertEquals(List.of("stays.txt"), names(t.module, AssetKind.ASSET));
    }

    // ------------------------------------------------------------------ lookup up the tree

    @Test
    void nearestLooksInThePartThenUpToTheModuleNearestFirst() {
        Tree t = tree();
        long moduleLogo = upload(t.module, AssetKind.ASSET, "logo.png", PNG).getId();
        long partLogo = upload(t.part, AssetKind.ASSET, "logo.png", PNG).getId();
        long moduleOnly = upload(t.module, AssetKind.ASSET, "style.css", text("p{}")).getId();

        assertEquals(Optional.of(partLogo), nearest(t.page, "logo.png"), "the page has none: its part's, not the module's");
        assertEquals(Optional.of(partLogo), nearest(t.part, "logo.png"));
        assertEquals(Optional.of(moduleLogo), nearest(t.module, "logo.png"));
        assertEquals(Optional.of(moduleOnly), nearest(t.page, "style.css"), "two levels up");
        assertEquals(Optional.empty(), nearest(t.page, "missing.png"));
        assertEquals(Optional.empty(), nearest(t.page, "LOGO.png"), "exact names only");

        long pageLogo = upload(t.page, AssetKind.ASSET, "logo.png", PNG).getId();
        assertEquals(Optional.of(pageLogo), nearest(t.page, "logo.png"), "the page's own wins once it has one");

        // At one level an asset wins over a template of the same name; a nearer template wins over a farther asset.
        long template = upload(t.part, AssetKind.TEMPLATE, "index.html", text("<p>")).getId();
        assertEquals(Optional.of(template), nearest(t.page, "index.html"));
        long pageAsset = upload(t.part, AssetKind.ASSET, "index.html", text("<p>")).getId();
        assertEquals(Optional.of(pageAsset), nearest(t.page, "index.html"));
        assertEquals(Optional.of(template), root.database().inTransaction(s -> lookup.nearest(s, s.get(Part.class, t.page),
                "index.html", AssetKind.TEMPLATE).map(Asset::getId)));

        // Another module's files are never found.
        Tree other = tree();
        upload(other.module, AssetKind.ASSET, "foreign.png", PNG);
        assertEquals(Optional.empty(), nearest(t.page, "foreign.png"));
    }

    @Test
    void visibleNamesListEachNameOnceNearestFirstWithItsUrl() {
        Tree t = tree();
        upload(t.module, AssetKind.ASSET, "logo.png", PNG);
        upload(t.module, AssetKind.ASSET, "course.pdf", text("%PDF"));
        long partLogo = upload(t.part, AssetKind.ASSET, "logo.png", PNG).getId();
        upload(t.page, AssetKind.ASSET, "data.csv", text("a,b"));
        upload(t.page, AssetKind.TEMPLATE, "start.html", text("<p>"));

        List<AssetLookup.Visible> visible = root.database().inTransaction(s -> {
            List<AssetLookup.Visible> list = lookup.visibleNames(s, s.get(Part.class, t.page));
            list.forEach(v -> v.from());   // titles read inside the transaction
            return list;
        });
        assertEquals(List.of("data.csv", "start.html", "logo.png", "course.pdf"),
                visible.stream().map(AssetLookup.Visible::name).toList());
        assertEquals(List.of("this part", "this part", "Part of " + t.title, "Module " + t.title),
                visible.stream().map(AssetLookup.Visible::from).toList());
        AssetLookup.Visible logo = visible.get(2);
        assertEquals(partLogo, logo.asset().getId(), "the nearer logo.png hides the module's");
        assertEquals("/parts/" + t.part + "/assets/logo.png", logo.url());
        assertTrue(logo.isImage());
        assertFalse(visible.get(3).isImage());
        assertEquals("/parts/" + t.page + "/templates/start.html", visible.get(1).url());
    }

    @Test
    void urlsEncodeTheNameAsOnePathSegment() {
        assertEquals("/parts/7/assets/a%20b%3Bc%23d%3Fe%25f.txt", AssetUrls.file(7, AssetKind.ASSET, "a b;c#d?e%f.txt"));
        assertEquals("/parts/7/templates/caf%C3%A9.png", AssetUrls.file(7, AssetKind.TEMPLATE, "café.png"));
        assertEquals("/parts/7/assets", AssetUrls.list(7, AssetKind.ASSET));
    }

    // ------------------------------------------------------------------ helpers

    record Tree(long module, long part, long page, String title) {}

    private static int trees;

    Tree tree() {
        String title = "T" + (++trees) + "-" + System.nanoTime();
        return root.database().inTransaction(s -> {
            Instant now = Instant.now();
            Part module = new Part(null, PartType.MODULE, "Module " + title, PartStatus.AVAILABLE, now);
            s.persist(module);
            Part part = new Part(module, PartType.PART, "Part of " + title, PartStatus.AVAILABLE, now);
            s.persist(part);
            Part page = new Part(part, PartType.PAGE, "Page of " + title, PartStatus.AVAILABLE, now);
            s.persist(page);
            return new Tree(module.getId(), part.getId(), page.getId(), title);
        });
    }

    Asset upload(long partId, AssetKind kind, String name, byte[] data) {
        return root.database().inTransaction(s -> assets.upload(s, s.get(Part.class, partId), kind, name, data));
    }

    Asset edit(long assetId, String text, String base) {
        return root.database().inTransaction(s -> assets.editText(s, s.get(Asset.class, assetId), text, base));
    }

    Asset rename(long assetId, String name) {
        return root.database().inTransaction(s -> assets.rename(s, s.get(Asset.class, assetId), name));
    }

    void move(long assetId, int delta) {
        root.database().run(s -> assets.move(s, s.get(Asset.class, assetId), delta));
    }

    byte[] content(long assetId) {
        return root.database().inTransaction(s -> assets.content(s, s.get(Asset.class, assetId)));
    }

    List<String> names(long partId, AssetKind kind) {
        return inPart(partId, (s, p) -> assets.list(s, p, kind).stream().map(Asset::getFilename).toList());
    }

    Asset find(long partId, AssetKind kind, String name) {
        return byName(partId, kind, name).orElseThrow();
    }

    Optional<Asset> byName(long partId, AssetKind kind, String name) {
        return inPart(partId, (s, p) -> assets.byName(s, p, kind, name));
    }

    Optional<Long> nearest(long partId, String name) {
        return inPart(partId, (s, p) -> lookup.nearest(s, p, name).map(Asset::getId));
    }

    <T> T inPart(long partId, java.util.function.BiFunction<Session, Part, T> work) {
        return root.database().inTransaction(s -> work.apply(s, s.get(Part.class, partId)));
    }

    void assertNameRefused(long partId, String name, String messagePart) {
        FormErrors errors = refused(() -> upload(partId, AssetKind.ASSET, name, text("x")));
        String message = errors.asMap().get("name");
        assertTrue(message != null && message.contains(messagePart), "'" + name + "': " + errors.asMap());
    }

    static FormErrors refused(Runnable action) {
        return assertThrows(FormErrors.Invalid.class, action::run).errors();
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
