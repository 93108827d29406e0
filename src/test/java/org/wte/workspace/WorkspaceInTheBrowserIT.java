package org.wte.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wte.testing.Chromium;
import org.wte.testing.TestWorkspaces;
import org.wte.testing.TestServer;

/**
 * A student in headless Chromium at 1366×768 on a three-pane workspace page: types, waits for the autosave,
 * reloads and finds the text; the preview gets a fresh signed URL after each save; a save while the server
 * is down says so, keeps the text and goes through when the server is back (after logging in again, since
 * the restart ended the session); two tabs of one session produce the conflict dialog, and both choices work.
 * Screenshots: target/screenshots/workspace-*.png.
 */
class WorkspaceInTheBrowserIT {
    private static TestServer server;
    private static WorkspaceSite site;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled(WorkspaceInTheBrowserIT.class.getSimpleName());
        server = TestServer.start("/wte", 0, "");
        site = new WorkspaceSite(server);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStudentTypesWaitsReloadsAndSeesTheirText() throws Exception {
        try (Chromium b = Chromium.start("workspace-student")) {
            openAs(b, "student", site.page);
            Path shot = b.screenshot("workspace-01-page-1366x768");
            assertTrue(shot.toFile().length() > 0);
            assertEquals(List.of("index.html", "style.css"), tabNames(b));
            // The splitter resizes the panes; the panes follow the window.
            double wide = ((Number) b.js("return document.querySelector('.ws-text').getBoundingClientRect().width;")).doubleValue();
            new Actions(b.driver()).dragAndDropBy(b.find("#ws-splitter-v"), -150, 0).perform();
            double narrow = ((Number) b.js("return document.querySelector('.ws-text').getBoundingClientRect().width;")).doubleValue();
            assertTrue(narrow < wide - 100, wide + " → " + narrow);
            // Once a drag in CI moved 6 pixels, the splitter's width: the pointer had not been captured, and the
            // moves over the text pane never reached the splitter. Without capture, the drag still follows.
            b.js("Element.prototype.setPointerCapture = function () {};");
            new Actions(b.driver()).dragAndDropBy(b.find("#ws-splitter-v"), 120, 0).perform();
            double uncaptured = ((Number) b.js("return document.querySelector('.ws-text').getBoundingClientRect().width;")).doubleValue();
            assertTrue(uncaptured > narrow + 80, "without pointer capture: " + narrow + " → " + uncaptured);
            b.driver().manage().window().setSize(new Dimension(1100, 640));
            b.until("the panes to fit the smaller window", d -> Boolean.TRUE.equals(b.js("var r = document.getElementById("
                    + "'ws-layout').getBoundingClientRect(); return r.bottom <= window.innerHeight && r.right <= window.innerWidth"
                    + " && r.height > 300;")) ? true : null);
            b.driver().manage().window().setSize(new Dimension(1366, 768));
            assertEquals("htmlmixed", b.js("return document.querySelector('.CodeMirror').CodeMirror.getOption('mode');"));
            // Plain text: typing a tag would meet closetag's automatic end tags (tested by hand, see the screenshot).
            typeAtEnd(b, "Typed in the browser");
            b.until("the tab to say modified", d -> state(b, "index.html").equals("modified") ? true : null);
            waitLong(b, "the autosave", d -> state(b, "index.html").equals("saved") ? true : null);
            assertTrue(serverText("student", "index.html").contains("Typed in the browser"));
            b.driver().navigate().refresh();
            ready(b);
            assertTrue(editorText(b).contains("Typed in the browser"), editorText(b));
            assertEquals("saved", state(b, "index.html"));
            assertEquals(0L, b.js("return Object.keys(localStorage).filter(function (k) { return k.indexOf('wte-ws:') === 0; }).length;"),
                    "nothing is kept in the browser once the server has it");

            // Soft tabs: Tab inserts spaces; another file gets its own mode.
            b.find(".ws-tab[data-name='style.css']").click();
            b.until("style.css in the editor", d -> editorText(b).startsWith("h1") ? true : null);
            assertEquals("css", b.js("return document.querySelector('.CodeMirror').CodeMirror.getOption('mode');"));
            b.js("var cm = document.querySelector('.CodeMirror').CodeMirror; cm.focus(); cm.setCursor(cm.lineCount(), 0);");
            b.find(".CodeMirror textarea").sendKeys(Keys.TAB, "/* soft tab */");
            b.until("spaces, not a tab", d -> editorText(b).endsWith("\n  /* soft tab */") ? true : null);
            b.find(".CodeMirror textarea").sendKeys(Keys.chord(Keys.CONTROL, "s"));
            waitLong(b, "Ctrl+S to save", d -> state(b, "style.css").equals("saved") ? true : null);
            assertTrue(serverText("student", "style.css").endsWith("\n  /* soft tab */"), serverText("student", "style.css"));
        }
    }

    /** Text typed and not yet saved (the page reloaded within the autosave's delay) comes back from the browser. */
    @Test
    void unsavedTextSurvivesAReload() throws Exception {
        try (Chromium b = Chromium.start("workspace-reload")) {
            openAs(b, "tutor", site.page);
            // This page's saves fail as on a lost connection: nothing reaches the server before the reload.
            b.js("var realFetch = window.fetch; window.fetch = function (url, options) {"
                    + " if (options && options.method === 'POST') { return Promise.reject(new TypeError('offline')); }"
                    + " return realFetch.apply(this, arguments); };");
            typeAtEnd(b, "Not saved before the reload");
            waitLong(b, "the autosave to fail", d -> state(b, "index.html").equals("not saved") ? true : null);
            assertTrue(!serverText("tutor", "index.html").contains("Not saved before the reload"), "the server never had it");
            assertEquals(1L, b.js("return Object.keys(localStorage).filter(function (k) { return k.indexOf('wte-ws:') === 0"
                    + " && localStorage.getItem(k).indexOf('Not saved before the reload') >= 0; }).length;"), "kept in the browser");
            b.js("window.wteOldPage = true; setTimeout(function () { window.location.reload(); }, 0);");
            try {
                // The page asks whether to leave with unsaved changes: yes (the text is kept in the browser).
                new WebDriverWait(b.driver(), Duration.ofSeconds(3)).until(ExpectedConditions.alertIsPresent()).accept();
            } catch (TimeoutException e) {
                // No question asked: the reload goes ahead.
            }
            b.until("the reloaded page", d -> {
                try {
                    return Boolean.TRUE.equals(b.js("return !window.wteOldPage && document.readyState === 'complete';")) ? true : null;
                } catch (org.openqa.selenium.WebDriverException e) {
                    return null; // between two documents
                }
            });
            ready(b);
            b.until("the kept text back in the editor", d -> editorText(b).contains("Not saved before the reload") ? true : null);
            b.assertText(".ws-restored", "Restored text that was not saved");
            waitLong(b, "the restored text to be saved", d -> state(b, "index.html").equals("saved") ? true : null);
            assertTrue(serverText("tutor", "index.html").contains("Not saved before the reload"));
        }
    }

    /**
     * What this side owns of the preview: after a save the iframe loads a fresh signed URL of the shown HTML
     * file, in the sandbox. (When the preview server is merged, extend this test: the iframe's document shows
     * the saved text, and its scroll position survives the reload.)
     */
    @Test
    void afterASaveThePreviewReloadsWithAFreshSignedUrl() throws Exception {
        try (Chromium b = Chromium.start("workspace-preview")) {
            openAs(b, "classmate", site.page);
            String before = b.find("iframe#preview").getAttribute("src");
            assertEquals("allow-scripts allow-forms allow-modals", b.find("iframe#preview").getAttribute("sandbox"));
            Thread.sleep(1100); // signed URLs carry their expiry in seconds: let the clock move past this one's
            typeAtEnd(b, "Preview me");
            waitLong(b, "the autosave", d -> state(b, "index.html").equals("saved") ? true : null);
            String after = (String) b.until("a new preview URL", d -> {
                String src = b.find("iframe#preview").getAttribute("src");
                return src.equals(before) ? null : src;
            });
            assertNotEquals(before, after);
            String path = after.replaceFirst("^https?://[^/]+", "");
            assertTrue(path.matches("/wte/preview/[^/]+/index\\.html"), path);
            String token = path.split("/")[3];
            assertEquals(new PreviewLinks.Target(site.users.get("classmate"), site.part),
                    server.root().previewLinks().verify(token).orElseThrow());
            assertEquals(after, b.find("#ws-preview-open").getAttribute("href"), "Open in a new tab follows");
            // The preview server answers the fresh link with the saved text, inside the sandbox.
            b.driver().switchTo().frame(b.find("iframe#preview"));
            b.until("the preview to show the saved text", d -> b.text("body").contains("Preview me") ? true : null);
            assertEquals("null", b.js("return window.origin;"), "the preview runs in an opaque origin");
            b.driver().switchTo().defaultContent();
            b.screenshot("workspace-preview-shows-the-save");

            // The scroll protocol, parent side: a position the preview's own window reports is sent back after
            // the next reload; one posted by another window (here the page itself) is ignored.
            b.driver().switchTo().frame(b.find("iframe#preview"));
            b.js("parent.postMessage({ type: 'wte-preview-scroll', x: 0, y: 321 }, '*');");
            b.driver().switchTo().defaultContent();
            b.js("window.postMessage({ type: 'wte-preview-scroll', x: 5, y: 999 }, '*');");
            Thread.sleep(1100);
            typeAtEnd(b, " again");
            waitLong(b, "the preview to reload after the save", d -> "0,321".equals(
                    b.find("iframe#preview").getAttribute("data-restored")) ? true : null);
            assertEquals("allow-scripts allow-forms allow-modals", b.find("iframe#preview").getAttribute("sandbox"));
        }
    }

    @Test
    void aStudentRenamesFilesAndKeepsTheirTextAndThePreviewFollows() throws Exception {
        try (Chromium b = Chromium.start("workspace-rename")) {
            openAs(b, "renamer", site.page);
            b.find(".ws-tab[data-name='style.css']").click();
            typeAtEnd(b, "p { margin: 0; }");
            waitLong(b, "the autosave", d -> state(b, "style.css").equals("saved") ? true : null);
            rename(b, "main.css");
            b.until("the renamed tab", d -> tabNames(b).equals(List.of("index.html", "main.css")) ? true : null);
            assertTrue(b.text("#ws-status").contains("renamed from “style.css”"), b.text("#ws-status"));
            assertTrue(editorText(b).endsWith("p { margin: 0; }"), "the text stays in the editor");
            assertTrue(serverText("renamer", "main.css").endsWith("p { margin: 0; }"), "and on the server");
            b.until("the template of the old name offered", d -> b.findAll(".ws-template-new").stream()
                    .anyMatch(n -> n.getText().contains("style.css")) ? true : null);
            // Edits after the rename go to the new name.
            typeAtEnd(b, " a { color: red; }");
            waitLong(b, "the autosave under the new name", d -> state(b, "main.css").equals("saved") ? true : null);
            assertTrue(serverText("renamer", "main.css").endsWith("a { color: red; }"));

            // The previewed HTML file renamed: the preview shows it under its new name.
            b.find(".ws-tab[data-name='index.html']").click();
            rename(b, "start.html");
            b.until("the preview of the new name", d -> b.text("#ws-preview-name").equals("start.html")
                    && b.find("iframe#preview").getAttribute("src").endsWith("/start.html") ? true : null);
            // A name that is taken is refused with the reason, and nothing changes.
            rename(b, "MAIN.css");
            b.until("the refusal", d -> b.text("#ws-status").contains("already a file named “main.css”") ? true : null);
            assertEquals(List.of("start.html", "main.css"), tabNames(b));
            b.screenshot("workspace-08-renamed");
            b.driver().navigate().refresh();
            ready(b);
            assertEquals(List.of("start.html", "main.css"), tabNames(b), "as the server has them");
        }
    }

    private static void rename(Chromium b, String to) {
        b.js("document.querySelector('.ws-more').open = true;");
        b.find("#ws-rename-file").click();
        org.openqa.selenium.Alert prompt = new WebDriverWait(b.driver(), Duration.ofSeconds(10))
                .until(ExpectedConditions.alertIsPresent());
        prompt.sendKeys(to);
        prompt.accept();
    }

    /** A visit counter as students write them: localStorage, sessionStorage and a cookie. */
    private static final String COUNTER = """
            <!DOCTYPE html>
            <html>
            <head><title>Counter</title></head>
            <body>
            <p id="out"></p>
            <script>
              var n = Number(localStorage.getItem('visits') || 0) + 1;
              localStorage.setItem('visits', n);
              localStorage.note = 'kept';
              sessionStorage.setItem('tab', 'visit ' + n);
              document.cookie = 'name=Sam; path=/';
              document.cookie = 'gone=1';
              document.cookie = 'gone=; max-age=0';
              document.getElementById('out').textContent = 'visits=' + n + ' cookie=' + document.cookie
                  + ' keys=' + Object.keys(localStorage).sort().join(',') + ' note=' + localStorage.note
                  + ' session=' + sessionStorage.getItem('tab') + ' length=' + localStorage.length;
            </script>
            </body>
            </html>
            """;

    @Test
    void aStudentsScriptKeepsItsStorageAndCookiesInThePreviewAcrossSavesButNeverTouchesTheApps() throws Exception {
        long me = site.users.get("tinkerer");
        server.root().database().run(s -> TestWorkspaces.put(s, me, site.part, Map.of("index.html", COUNTER,
                "style.css", WorkspaceSite.STYLE)));
        try (Chromium b = Chromium.start("workspace-storage")) {
            openAs(b, "tinkerer", site.page);
            assertEquals("visits=1 cookie=name=Sam keys=note,visits note=kept session=visit 1 length=2",
                    previewText(b, "visits=1"));
            Thread.sleep(1100); // a new signed URL, as after any save
            typeAtEnd(b, "Saved again");
            waitLong(b, "the autosave", d -> state(b, "index.html").equals("saved") ? true : null);
            assertEquals("visits=2 cookie=name=Sam keys=note,visits note=kept session=visit 2 length=2",
                    previewText(b, "visits=2"), "kept across the reload that follows a save");
            // The page's storage was its own: the app's window has none of it.
            assertEquals(null, b.js("return localStorage.getItem('visits');"));
            assertFalse(String.valueOf(b.js("return document.cookie;")).contains("name=Sam"));
            b.screenshot("workspace-07-storage-in-the-preview");
        }
    }

    private static String previewText(Chromium b, String expected) {
        b.driver().switchTo().frame(b.find("iframe#preview"));
        try {
            return waitLong(b, "the preview to say " + expected, d -> {
                String text = b.text("#out");
                return text.startsWith(expected + " ") ? text : null;
            });
        } finally {
            b.driver().switchTo().defaultContent();
        }
    }

    @Test
    void aSaveWhileTheServerIsDownSaysSoKeepsTheTextAndSavesWhenItIsBack() throws Exception {
        boolean down = false;
        try (Chromium b = Chromium.start("workspace-offline")) {
            openAs(b, "leaver", site.page);
            server.close();
            down = true;
            typeAtEnd(b, "Written offline");
            waitLong(b, "the failed save to show", d -> state(b, "index.html").equals("not saved")
                    && b.text("#ws-status").contains("no connection") ? true : null);
            assertTrue(b.text("#ws-status").contains("your text is kept"), b.text("#ws-status"));
            assertEquals(1L, b.js("return Object.keys(localStorage).filter(function (k) { "
                    + "return k.indexOf('wte-ws:') === 0 && localStorage.getItem(k).indexOf('Written offline') >= 0; }).length;"));
            b.screenshot("workspace-02-offline");
            assertTrue(editorText(b).contains("Written offline"), "the text stays in the editor");

            server = server.restart();
            down = false;
            // The restart ended the session: the next retry is sent to log in, and the page says what to do.
            waitLong(b, "the request to log in again", d -> !b.findAll(".ws-session a[target=_blank]").isEmpty() ? true : null);
            b.screenshot("workspace-03-log-in-again");
            String workspaceWindow = b.driver().getWindowHandle();
            b.driver().switchTo().newWindow(WindowType.TAB);
            logIn(b, "leaver");
            b.driver().close();
            b.driver().switchTo().window(workspaceWindow);
            waitLong(b, "the save after logging in", d -> state(b, "index.html").equals("saved") ? true : null);
            assertTrue(b.findAll(".ws-session").isEmpty(), "the notice is gone");
            assertTrue(serverText("leaver", "index.html").contains("Written offline"));
        } finally {
            if (down) {
                server = server.restart(); // the other tests need it
            }
        }
    }

    @Test
    void twoTabsOfOneSessionGetTheConflictDialogAndBothChoicesWork() throws Exception {
        try (Chromium b = Chromium.start("workspace-conflict")) {
            openAs(b, "owner", site.page2);
            String first = b.driver().getWindowHandle();
            b.driver().switchTo().newWindow(WindowType.WINDOW);
            String second = b.driver().getWindowHandle();
            b.open(server.url("/parts/" + site.page2));
            ready(b);
            typeAtEnd(b, "From the second window");
            waitLong(b, "the second window's save", d -> state(b, "index.html").equals("saved") ? true : null);

            b.driver().switchTo().window(first);
            typeAtEnd(b, "From the first window");
            waitLong(b, "the conflict dialog", d -> Boolean.TRUE.equals(b.js("return document.getElementById('ws-conflict').open;")) ? true : null);
            assertTrue(b.find("#ws-conflict-mine").getAttribute("value").contains("From the first window"));
            assertTrue(b.find("#ws-conflict-theirs").getAttribute("value").contains("From the second window"));
            assertEquals("conflict", state(b, "index.html"));
            b.screenshot("workspace-04-conflict");
            assertTrue(serverText("owner", "index.html").contains("From the second window"), "nothing overwritten yet");
            b.find("#ws-keep-mine").click();
            waitLong(b, "keep mine to save", d -> state(b, "index.html").equals("saved") ? true : null);
            String kept = serverText("owner", "index.html");
            assertTrue(kept.contains("From the first window") && !kept.contains("From the second window"), kept);

            b.driver().switchTo().window(second);
            typeAtEnd(b, "Second again");
            waitLong(b, "the second conflict", d -> Boolean.TRUE.equals(b.js("return document.getElementById('ws-conflict').open;")) ? true : null);
            b.find("#ws-take-theirs").click();
            b.until("the saved text in the editor", d -> editorText(b).equals(kept) ? true : null);
            assertEquals("saved", state(b, "index.html"));
            assertEquals(kept, serverText("owner", "index.html"), "taking theirs changes nothing on the server");
            assertEquals(Boolean.FALSE, b.js("return document.getElementById('ws-conflict').open;"));
        }
    }

    @Test
    void aChangedTemplateAndANewOneAreOfferedAndTakenAfterAConfirmation() throws Exception {
        try (Chromium b = Chromium.start("workspace-templates")) {
            openAs(b, "classmate", site.page);
            server.root().database().run(s -> {
                org.wte.content.Part part = s.get(org.wte.content.Part.class, site.part);
                server.root().assets().replace(s, server.root().assets().byName(s, part,
                        org.wte.asset.AssetKind.TEMPLATE, "style.css").orElseThrow(),
                        "h1 { color: teal; }\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                server.root().assets().upload(s, part, org.wte.asset.AssetKind.TEMPLATE, "extra.js",
                        "// extra\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            });
            b.driver().navigate().refresh();
            ready(b);
            b.assertText(".ws-template-new", "“extra.js”");
            b.find(".ws-tab[data-name='style.css']").click();
            b.assertText(".ws-template-changed", "The template of “style.css” has changed");
            assertTrue(editorText(b).contains("navy"), "not forced: " + editorText(b));
            b.screenshot("workspace-06-template-changed");
            b.button(".ws-template-changed", "Update from template…").click();
            acceptConfirmation(b);
            b.until("the template's text in the editor", d -> editorText(b).contains("teal") ? true : null);
            assertEquals("saved", state(b, "style.css"));
            b.assertNoElement(".ws-template-changed", "the offer is gone once taken");
            b.button(".ws-template-new", "Add it…").click();
            acceptConfirmation(b);
            b.until("the new file's tab", d -> tabNames(b).contains("extra.js") ? true : null);
            assertEquals("// extra\n", serverText("classmate", "extra.js"));
            assertTrue(serverText("classmate", "style.css").contains("teal"));
        } finally {
            server.root().database().run(s -> {
                org.wte.content.Part part = s.get(org.wte.content.Part.class, site.part);
                server.root().assets().byName(s, part, org.wte.asset.AssetKind.TEMPLATE, "extra.js")
                        .ifPresent(a -> server.root().assets().delete(s, a));
                server.root().assets().replace(s, server.root().assets().byName(s, part,
                        org.wte.asset.AssetKind.TEMPLATE, "style.css").orElseThrow(),
                        WorkspaceSite.STYLE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            });
        }
    }

    @Test
    void anOwnerOpensAStudentsWorkspaceReadOnlyFromTheUsersPage() throws Exception {
        long student = site.users.get("student");
        server.root().workspaceService().open(student, site.part);
        try (Chromium b = Chromium.start("workspace-reader")) {
            logIn(b, "owner");
            b.open(server.url("/modules/" + site.module + "/users"));
            b.go(b.find("a.workspace-link[href$='/workspace/users/" + student + "']"));
            b.untilPath("/wte/parts/" + site.module + "/workspace/users/" + student);
            b.go(b.link("HTML basics"));
            b.untilPath("/wte/parts/" + site.part + "/workspace/users/" + student);
            ready(b);
            assertEquals(List.of("index.html", "style.css"), tabNames(b));
            assertEquals(Boolean.TRUE, b.js("return document.querySelector('#ws-editor .CodeMirror').CodeMirror.getOption('readOnly');"));
            b.assertNoElement("#ws-save", "a reader saves nothing");
            String src = b.find("iframe#preview").getAttribute("src").replaceFirst("^https?://[^/]+", "");
            assertEquals(new PreviewLinks.Target(student, site.part),
                    server.root().previewLinks().verify(src.split("/")[3]).orElseThrow(), "the student's preview");
            assertEquals("allow-scripts allow-forms allow-modals", b.find("iframe#preview").getAttribute("sandbox"));
            b.screenshot("workspace-05-tutor-view");
        }
    }

    @Test
    void anEditorSeesTheScheduledChangeAboveThePanesAndThePanesStillFitTheScreen() throws Exception {
        long task = server.root().database().inTransaction(s -> {
            org.wte.timedtask.TimedTask t = new org.wte.timedtask.TimedTask(s.get(org.wte.content.Part.class, site.page2),
                    "change-status", "{\"status\":\"unavailable\"}", org.wte.timedtask.TimedTaskStatus.SCHEDULED,
                    java.time.Instant.now().plus(Duration.ofDays(3)), null, java.time.Instant.now());
            s.persist(t);
            return t.getId();
        });
        try (Chromium b = Chromium.start("workspace-editor")) {
            openAs(b, "owner", site.page2);
            assertTrue(b.find(".scheduled-changes li").getText().startsWith("Scheduled: becomes unavailable on "),
                    b.find(".scheduled-changes li").getText());
            b.until("the panes to fit below the notice", d -> Boolean.TRUE.equals(b.js("var r = document.getElementById("
                    + "'ws-layout').getBoundingClientRect(); var n = document.querySelector('.scheduled-changes')"
                    + ".getBoundingClientRect(); return r.top >= n.bottom && r.bottom <= window.innerHeight && r.height > 300;"))
                    ? true : null);
            b.screenshot("workspace-06-editor-with-scheduled-change");
        } finally {
            server.root().database().run(s -> s.remove(s.get(org.wte.timedtask.TimedTask.class, task)));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Logs in as {@code who} and opens the page's three panes, ready to type. */
    private static void openAs(Chromium b, String who, long page) {
        logIn(b, who);
        b.open(server.url("/parts/" + page));
        ready(b);
    }

    private static void logIn(Chromium b, String who) {
        b.open(server.url("/account/login"));
        b.type("#f-email", who + "@example.org");
        b.type("#f-password", WorkspaceSite.PASSWORD);
        b.go(b.button("main form", "Log in"));
        b.until("the login to finish", d -> d.getCurrentUrl().contains("/account/login") ? null : true);
    }

    private static void acceptConfirmation(Chromium b) {
        new WebDriverWait(b.driver(), Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
    }

    /** CodeMirror is up and the files are listed in tabs. */
    private static void ready(Chromium b) {
        b.until("the workspace's files in tabs", d -> Boolean.TRUE.equals(b.js(
                "return !!document.querySelector('#ws-editor .CodeMirror') && document.querySelectorAll('.ws-tab').length > 0"
                        + " && document.querySelector('.ws-tab.active') !== null;")) ? true : null);
    }

    private static List<String> tabNames(Chromium b) {
        return b.findAll(".ws-tab").stream().map(t -> t.getAttribute("data-name")).toList();
    }

    private static String state(Chromium b, String file) {
        return b.find(".ws-tab[data-name='" + file + "'] .ws-tab-state").getText();
    }

    private static void typeAtEnd(Chromium b, String text) {
        b.js("var cm = document.querySelector('#ws-editor .CodeMirror').CodeMirror; cm.focus();"
                + " cm.setCursor(cm.lineCount(), 0);");
        b.find("#ws-editor .CodeMirror textarea").sendKeys(text);
        b.until("the typed text in the editor", d -> editorText(b).contains(text) ? true : null);
    }

    private static String editorText(Chromium b) {
        return (String) b.js("return document.querySelector('#ws-editor .CodeMirror').CodeMirror.getValue();");
    }

    private static String serverText(String who, String file) {
        long user = site.users.get(who);
        return server.root().database().inTransaction(s -> s.createQuery("select f.content from WorkspaceFile f "
                        + "where f.workspace.userId = :u and f.workspace.partId = :p and f.filename = :n", String.class)
                .setParameter("u", user).setParameter("p", site.part).setParameter("n", file).getSingleResult());
    }

    /** A wait longer than the fixture's 20 s, for what includes an autosave delay and retries with backoff. */
    private static <T> T waitLong(Chromium b, String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(b.driver(), Duration.ofSeconds(90), Duration.ofMillis(200)).until(condition);
        } catch (TimeoutException e) {
            throw b.fail("waited 90 s for " + what, e);
        }
    }
}
