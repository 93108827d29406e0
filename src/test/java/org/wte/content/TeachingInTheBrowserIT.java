package org.wte.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.wte.account.PasswordHasher;
import org.wte.account.PermissionGroup;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.testing.Chromium;
import org.wte.testing.TestServer;

/**
 * The scenario in headless Chromium, through the real pages only: a teacher creates a module with a
 * part and two pages, makes them available, sets the module's password, drops an image file on the editor
 * of page 1 (uploaded and referenced), sees it in the live preview, saves with Ctrl+S and with the button;
 * a student takes the module with its password (a wrong one first) and reads both pages, the image loaded,
 * and the part then offers to continue where they left off. The database is only touched to create the two
 * accounts. Screenshots of each main step are kept in target/screenshots/ (teaching-NN-*.png; a failure adds
 * teaching-teacher-FAILED.png or teaching-student-FAILED.png, and the page source to the error).
 */
class TeachingInTheBrowserIT {
    private static final String TEACHER = "tess.teacher@example.org";
    private static final String STUDENT = "sam.student@example.org";
    private static final String PASSWORD = "a long password 1";
    private static final String MODULE_PASSWORD = "open sesame 42";
    private static final int IMAGE_WIDTH = 96;
    private static final int IMAGE_HEIGHT = 64;

    private static TestServer server;

    private int shot;
    private final List<Path> screenshots = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled(TeachingInTheBrowserIT.class.getSimpleName());
        server = TestServer.start("/wte", 0, "");
        String hash = new PasswordHasher().hash(PASSWORD);
        server.root().database().run(s -> {
            User teacher = new User(TEACHER, "Tess Teacher", UserStatus.ACTIVE, Instant.now());
            teacher.setPasswordHash(hash);
            teacher.getGroups().add(server.root().users().group(s, "teacher"));
            s.persist(teacher);
            User student = new User(STUDENT, "Sam Student", UserStatus.ACTIVE, Instant.now());
            student.setPasswordHash(hash);
            s.persist(student);
        });
        Path screenshots = Chromium.SCREENSHOTS;
        if (Files.isDirectory(screenshots)) {
            try (var old = Files.newDirectoryStream(screenshots, "teaching-*.png")) {
                for (Path p : old) {
                    Files.delete(p);
                }
            }
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTeacherWritesAModuleWithAnImageAndAStudentReadsIt() throws Exception {
        Ids ids;
        try (Chromium teacher = Chromium.start("teaching-teacher")) {
            ids = in(teacher, () -> teach(teacher));
        }
        try (Chromium student = Chromium.start("teaching-student")) {
            in(student, () -> learn(student, ids));
        }
        System.out.println("Screenshots of " + getClass().getSimpleName() + ":");
        screenshots.forEach(p -> System.out.println("  " + p));
    }

    interface Scenario<T> {
        T run() throws Exception;
    }

    /** Runs a scenario in a browser; any failure tells that browser's address, console and page source. */
    private static <T> T in(Chromium browser, Scenario<T> scenario) {
        try {
            return scenario.run();
        } catch (Chromium.Failure failure) {
            throw failure;
        } catch (Throwable t) {
            throw browser.fail(String.valueOf(t), t);
        }
    }

    private record Ids(long module, long part, long page1, long page2) {}

    // ------------------------------------------------------------------------------------------ teacher

    private Ids teach(Chromium b) throws IOException {
        logIn(b, TEACHER);
        b.go(b.link("Modules"));
        b.untilPath("/wte/modules");
        b.assertText("main .cards", "You have no modules yet.");
        snap(b, "teacher-my-modules");

        // A module…
        b.go(b.link("New module"));
        b.untilPath("/wte/modules/new");
        b.type("#f-title", "Web basics");
        b.type("#f-label", "Course");
        snap(b, "teacher-new-module-form");
        b.go(b.button("main form", "Create module"));
        long module = id(b.untilPath("/wte/parts/\\d+"), "/parts/(\\d+)");
        b.assertText(".flash-success", "Module created. It is unavailable to students until you make it available.");
        b.assertText("h1", "Web basics");
        b.assertText(".part-meta .badge-unavailable", "unavailable");
        b.assertText("main", "Nothing here yet: add a part.");
        snap(b, "teacher-module-created");

        // …with a part…
        b.go(b.link("Add part"));
        b.untilPath("/wte/parts/" + module + "/new");
        b.assertText("h1", "New part in Web basics");
        b.type("#f-title", "Getting started");
        b.type("#f-label", "Tutorial");
        b.go(b.button("main form", "Create part"));
        long part = id(b.untilPath("/wte/parts/\\d+/edit"), "/parts/(\\d+)/edit");
        b.assertText(".flash-success", "Created. It is unavailable to students until you make it available.");
        editorReady(b);

        // …and two pages: "Add page" in the part, twice; each opens the new page's editor.
        long page1 = addPage(b, part, "Getting started", "Your first page");
        snap(b, "teacher-page-1-editor");
        long page2 = addPage(b, part, "Getting started", "Your second page");
        typeInEditor(b, "# Styling\n\nCSS gives the page its colours. You made it to the second page.");
        waitForPreview(b, "You made it to the second page.");
        b.go(b.button("#editor-form", "Save"));
        b.untilPath("/wte/parts/" + page2);
        b.assertText(".flash-success", "Saved.");
        b.assertText("article.content", "CSS gives the page its colours.");
        snap(b, "teacher-page-2-saved");

        // Everything made available with the status forms.
        makeAvailable(b, page1, "Your first page");
        makeAvailable(b, page2, "Your second page");
        makeAvailable(b, part, "Getting started");
        makeAvailable(b, module, "Web basics");
        b.assertText(".child-list", "Getting started");
        b.assertNoElement(".child-list .badge", "the part is available: it shows no status badge");
        snap(b, "teacher-module-available");
        b.go(b.link("Getting started"));
        b.untilPath("/wte/parts/" + part);
        List<WebElement> pages = b.findAll(".child-list li a");
        assertEquals(List.of("Your first page", "Your second page"), pages.stream().map(WebElement::getText).toList());
        b.assertNoElement(".child-list .badge", "both pages are available: no status badge");

        // The module's password, on its Access page.
        b.go(b.link("Web basics"));
        b.untilPath("/wte/parts/" + module);
        b.go(b.link("Access"));
        b.untilPath("/wte/modules/" + module + "/access");
        b.assertText("#password-state", "No password is set.");
        assertTrue(b.find("#f-open").isSelected(), "a module is open to registrations by default");
        b.type("#f-password", MODULE_PASSWORD);
        b.go(b.button("form.access-form", "Save"));
        b.until("the access settings to be saved", d -> b.text("#password-state").contains("A password is set")
                ? true : null);
        b.assertText("#password-state", "A password is set: students must enter it to register.");
        assertTrue(b.find("#f-open").isSelected(), "still open");
        snap(b, "teacher-access-password-set");

        // Page 1: text, then an image dropped on the editor (uploaded, referenced at the cursor), previewed.
        b.go(b.link("Back to the module"));
        b.untilPath("/wte/parts/" + module);
        b.go(b.link("Getting started"));
        b.untilPath("/wte/parts/" + part);
        b.go(b.link("Your first page"));
        b.untilPath("/wte/parts/" + page1);
        b.go(b.link("Edit"));
        b.untilPath("/wte/parts/" + page1 + "/edit");
        editorReady(b);
        typeInEditor(b, "# Welcome to Web basics\n\nThis is our logo:\n\n");
        waitForPreview(b, "This is our logo:");
        dropFile(b, ".CodeMirror .CodeMirror-lines", "logo.png", png());
        String source = b.until("the dropped file's reference in the editor",
                d -> editorText(b).contains("asset:") ? editorText(b) : null);
        assertTrue(source.contains("This is our logo:\n\n![logo.png](asset:logo.png)"),
                "the reference is inserted at the cursor:\n" + source);
        assertEquals(1, source.split("asset:", -1).length - 1, "one reference, not one per drag event:\n" + source);
        assertFalse(source.contains("PNG") || source.contains("IHDR") || source.contains("\uFFFD"),
                "CodeMirror must not paste the file's bytes as text:\n" + source);
        long width = imageLoaded(b, "#preview img");
        assertEquals(IMAGE_WIDTH, width, "the preview shows the uploaded image itself");
        snap(b, "teacher-image-dropped-and-previewed");

        typeInEditor(b, "\n\nThe picture above was dropped onto the editor.");
        waitForPreview(b, "The picture above was dropped onto the editor.");
        imageLoaded(b, "#preview img");
        b.find(".CodeMirror textarea").sendKeys(Keys.chord(Keys.CONTROL, "s"));
        String status = b.until("“Saved” after Ctrl+S", d -> {
            String s = b.text("#editor-status");
            return s.startsWith("Saved") || s.startsWith("Not saved") ? s : null;
        });
        assertTrue(status.startsWith("Saved at "), "Ctrl+S saves without problems: " + status);
        b.untilPath("/wte/parts/" + page1 + "/edit");
        snap(b, "teacher-saved-with-ctrl-s");
        b.go(b.button("#editor-form", "Save"));
        b.untilPath("/wte/parts/" + page1);
        b.assertText(".flash-success", "Saved.");
        b.assertText("article.content h1", "Welcome to Web basics");
        b.assertText("article.content", "The picture above was dropped onto the editor.");
        assertEquals(IMAGE_WIDTH, imageLoaded(b, "article.content img"));
        snap(b, "teacher-page-1-saved");

        // The dropped file is one of the page's assets.
        b.go(b.link("Assets"));
        b.untilPath("/wte/parts/" + page1 + "/assets");
        b.assertText("main", "logo.png");
        snap(b, "teacher-page-1-assets");
        return new Ids(module, part, page1, page2);
    }

    // ------------------------------------------------------------------------------------------ student

    private Ids learn(Chromium b, Ids ids) throws IOException {
        logIn(b, STUDENT);
        b.go(b.link("Modules"));
        b.untilPath("/wte/modules");
        b.go(b.link("All modules"));
        b.until("the list of all modules", d -> d.getCurrentUrl().contains("/modules") && !d.getCurrentUrl().contains("mine")
                ? true : null);
        b.go(b.link("Web basics"));
        b.untilPath("/wte/parts/" + ids.module());
        b.assertText(".enrol-box h2", "Take this module");
        b.assertNoElement(".child-list", "a visitor who has not registered sees no parts");
        snap(b, "student-module-before-registering");

        b.go(b.find(".enrol-box a.button"));
        b.untilPath("/wte/modules/" + ids.module() + "/enrol");
        b.assertText("main label[for=f-password]", "The module's password");
        b.type("#f-password", "not the password");
        b.go(b.button("form.enrol-form", "Take this module"));
        b.untilPath("/wte/modules/" + ids.module() + "/enrol");
        b.assertText(".error-summary", "That is not the module's password.");
        b.assertText("#f-password-error", "That is not the module's password.");
        snap(b, "student-wrong-module-password", "/enrol - Failed to load resource: .*status of 400");

        b.type("#f-password", MODULE_PASSWORD);
        b.go(b.button("form.enrol-form", "Take this module"));
        b.untilPath("/wte/parts/" + ids.module());
        b.assertText(".flash-success", "You are registered to Web basics.");
        b.assertNoElement(".enrol-box", "a member is not asked to take the module again");
        b.assertText(".child-list", "Getting started");
        snap(b, "student-registered");

        b.go(b.link("Getting started"));
        b.untilPath("/wte/parts/" + ids.part());
        b.assertNoElement(".editor-bar", "a student gets no editing tools");
        b.assertText(".child-list", "Your second page");
        b.go(b.link("Start"));
        b.untilPath("/wte/parts/" + ids.page1());
        b.assertText("h1", "Your first page");
        b.assertText("article.content h1", "Welcome to Web basics");
        b.assertText("article.content", "The picture above was dropped onto the editor.");
        assertEquals(IMAGE_WIDTH, imageLoaded(b, "article.content img"), "the student sees the image");
        snap(b, "student-page-1-with-image");

        b.go(b.find(".page-nav a[rel=next]"));
        b.untilPath("/wte/parts/" + ids.page2());
        b.assertText("h1", "Your second page");
        b.assertText("article.content", "You made it to the second page.");
        b.assertNoElement(".page-nav a[rel=next]", "the last page has no next page");
        snap(b, "student-page-2");

        b.go(b.link("Getting started"));
        b.untilPath("/wte/parts/" + ids.part());
        b.assertText("main a.button", "Continue where you left off: Your second page");
        snap(b, "student-continue-where-left-off");
        return ids;
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void logIn(Chromium b, String email) {
        b.open(server.url("/account/login"));
        b.type("#f-email", email);
        b.type("#f-password", PASSWORD);
        b.go(b.button("main form", "Log in"));
        b.until("the login to finish", d -> d.getCurrentUrl().contains("/account/login") ? null : true);
        b.assertText(".main-nav", "Log out");
    }

    /** On the part's page: "Add page", a title, "Create page"; returns the new page's id (its editor is open). */
    private long addPage(Chromium b, long part, String partTitle, String title) {
        b.go(b.link(partTitle)); // the breadcrumb back to the part
        b.untilPath("/wte/parts/" + part);
        b.go(b.link("Add page"));
        b.untilPath("/wte/parts/" + part + "/new");
        b.type("#f-title", title);
        b.go(b.button("main form", "Create page"));
        long page = id(b.untilPath("/wte/parts/\\d+/edit"), "/parts/(\\d+)/edit");
        b.assertText(".flash-success", "Created.");
        assertEquals(title, b.find("#f-title").getAttribute("value"));
        editorReady(b);
        return page;
    }

    private void makeAvailable(Chromium b, long id, String title) {
        b.open(server.url("/parts/" + id));
        b.assertText("h1", title);
        b.assertText(".part-meta .badge", "unavailable");
        new Select(b.find("#status-select")).selectByValue("available");
        b.go(b.button("form.status-form", "Set status"));
        b.untilPath("/wte/parts/" + id);
        b.assertText(".flash-success", "The status is now available.");
        b.assertNoElement(".part-meta .badge", title + " is available: no status badge");
        assertEquals("available", new Select(b.find("#status-select")).getFirstSelectedOption().getAttribute("value"));
    }

    private void editorReady(Chromium b) {
        b.until("CodeMirror and the first preview", d -> b.js(
                "return !!document.querySelector('.CodeMirror') && !!document.querySelector('.CodeMirror').CodeMirror"
                        + " && !document.querySelector('#preview p.muted')") == Boolean.TRUE ? true : null);
    }

    /** Puts the cursor at the end of the text and types there, key by key, as an author would. */
    private void typeInEditor(Chromium b, String text) {
        b.js("var cm = document.querySelector('.CodeMirror').CodeMirror; cm.focus(); cm.setCursor(cm.lineCount(), 0);");
        b.find(".CodeMirror textarea").sendKeys(text);
        b.until("the typed text in the editor", d -> editorText(b).endsWith(text) ? true : null);
    }

    private String editorText(Chromium b) {
        return (String) b.js("return document.querySelector('.CodeMirror').CodeMirror.getValue();");
    }

    private void waitForPreview(Chromium b, String text) {
        b.until("“" + text + "” in the preview", d -> b.text("#preview").contains(text) ? true : null);
    }

    /** Drops a file on the element as a user dragging it from the desktop would: dragenter, dragover, drop. */
    private void dropFile(Chromium b, String css, String name, byte[] bytes) {
        WebElement target = b.find(css);
        Object result = b.js("""
                const [target, base64, name] = arguments;
                const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
                const file = new File([bytes], name, { type: 'image/png' });
                const data = new DataTransfer();
                data.items.add(file);
                const r = target.getBoundingClientRect();
                const at = { bubbles: true, cancelable: true, composed: true, dataTransfer: data,
                             clientX: r.left + r.width / 2, clientY: r.top + Math.min(r.height / 2, 40) };
                const answers = [];
                for (const type of ['dragenter', 'dragover', 'drop']) {
                  const event = new DragEvent(type, at);
                  target.dispatchEvent(event);
                  answers.push(type + (event.defaultPrevented ? ':handled' : ':not handled'));
                }
                return answers.join(' ');
                """, target, Base64.getEncoder().encodeToString(bytes), name);
        assertTrue(String.valueOf(result).contains("drop:handled"), "the editor takes the dropped file: " + result);
    }

    /** Waits until the image has loaded (naturalWidth > 0) and returns its natural width. */
    private long imageLoaded(Chromium b, String css) {
        Object width = b.until("a loaded image " + css, d -> {
            Object w = b.js("const i = document.querySelector(arguments[0]);"
                    + " return i && i.complete && i.naturalWidth > 0 ? i.naturalWidth : null;", css);
            return w;
        });
        return ((Number) width).longValue();
    }

    /** A small PNG with a visible pattern (so the screenshots show it). */
    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(IMAGE_WIDTH, IMAGE_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Color[] colours = {new Color(0x1d4ed8), new Color(0xf59e0b), new Color(0x16a34a), new Color(0xdc2626)};
        for (int i = 0; i < colours.length; i++) {
            g.setColor(colours[i]);
            g.fillRect(i * IMAGE_WIDTH / colours.length, 0, IMAGE_WIDTH / colours.length, IMAGE_HEIGHT);
        }
        g.setColor(Color.WHITE);
        g.fillOval(IMAGE_WIDTH / 2 - 16, IMAGE_HEIGHT / 2 - 16, 32, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private void snap(Chromium b, String what) {
        snap(b, what, null);
    }

    /**
     * A screenshot, after checking the browser's console since the last one: no script error, no refused
     * resource (CSP), no failed load, except the expected one (a regular expression; null: none expected).
     */
    private void snap(Chromium b, String what, String expectedError) {
        screenshots.add(b.screenshot(String.format("teaching-%02d-%s", ++shot, what)));
        List<String> errors = b.console().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue())
                .map(e -> e.getLevel() + " " + e.getMessage())
                .filter(m -> expectedError == null || !Pattern.compile(expectedError).matcher(m).find())
                .toList();
        if (!errors.isEmpty()) {
            throw b.fail("the browser's console has errors at “" + what + "”:\n  " + String.join("\n  ", errors), null);
        }
    }

    private static long id(String url, String regex) {
        Matcher m = Pattern.compile(regex).matcher(url);
        assertTrue(m.find(), url + " does not match " + regex);
        return Long.parseLong(m.group(1));
    }
}
