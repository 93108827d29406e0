package org.wte.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.wte.account.PasswordHasher;
import org.wte.account.User;
import org.wte.account.UserStatus;
import org.wte.content.DisplayMode;
import org.wte.content.Part;
import org.wte.testing.Browser;
import org.wte.testing.Chromium;
import org.wte.testing.TestServer;
import org.wte.testing.TestWorkspaces;

/**
 * Proves in headless Chromium that a student's script in the preview cannot touch the app. A teacher builds,
 * through the pages, a module with a part in workspace mode and two other parts with a page each; a student
 * takes the module and logs in, in Chromium. Their workspace holds an index.html whose attack.js tries
 * everything a hostile page would: read document.cookie (a non-HttpOnly cookie is set to be found), read
 * localStorage, reach the parent's and the top window's DOM, and call the app's pages with the student's
 * session (fetch with and without CORS, XMLHttpRequest). It reports each result by postMessage and in its own
 * page. The student's browser, on the module's page, gets exactly the editor's iframe
 * ({@code sandbox="allow-scripts allow-forms allow-modals"}, a signed link): every attempt fails (the cookie
 * and the storage it reads are the page's own empty stand-ins, never the app's), and the server never saw the
 * student's session (opening a page as a member records a reading position; none is).
 *
 * <p>The positive control runs the same attack.js in a same-origin frame without sandbox: there it reads the
 * cookie, the storage, the parent's DOM and the student's pages, and the server records the visit — so the
 * checks above can fail. Then the signed link opened in a tab of its own (with an opener) is shown to be as
 * closed by its Content-Security-Policy sandbox alone. The student's page can frame their own page but not the
 * app's, its ES module and fetch() of its own files work, and the scroll protocol of preview-frame.js works
 * across the sandbox. Screenshots: target/screenshots/preview-sandbox-*.png.
 */
class PreviewSandboxIT {
    private static final String TEACHER = "tess.teacher@example.org";
    private static final String STUDENT = "sam.student@example.org";
    private static final String PASSWORD = "a long password 1";
    /** What attack.js tries, in the order it reports. */
    private static final List<String> ATTEMPTS = List.of("cookie", "localStorage", "parentDom", "topDom", "openerDom",
            "fetchPage", "fetchProfile", "fetchNoCors", "xhr");
    private static final String ATTACK_JS = """
            (function () {
              'use strict';
              var me = new URL(document.currentScript.src);
              var ctx = me.pathname.split('/preview/')[0];
              var target = ctx + '/parts/' + me.searchParams.get('target');
              var out = document.getElementById('out');
              function report(name, result) {
                var line = document.createElement('li');
                line.id = 'r-' + name;
                line.textContent = name + '=' + result;
                out.appendChild(line);
                window.parent.postMessage({type: 'wte-attack', name: name, result: String(result)}, '*');
              }
              function attempt(name, steal) {
                try {
                  report(name, 'ok:' + steal());
                } catch (e) {
                  report(name, 'threw:' + e.name);
                }
              }
              function who(text) {
                return text.indexOf('Log out') >= 0 ? 'logged-in' : 'anonymous';
              }
              function read(name, url) {
                fetch(url, {credentials: 'include'}).then(function (r) {
                  return r.text().then(function (t) { report(name, 'read:' + r.status + ':' + who(t)); });
                }, function (e) { report(name, 'rejected:' + e.name); });
              }
              attempt('cookie', function () { return document.cookie; });
              attempt('localStorage', function () { return window.localStorage.getItem('wte-secret'); });
              attempt('parentDom', function () {
                return window.parent === window ? 'no parent' : window.parent.document.title;
              });
              attempt('topDom', function () { return window.top === window ? 'no top' : window.top.document.title; });
              attempt('openerDom', function () { return window.opener ? window.opener.document.title : 'no opener'; });
              read('fetchPage', target);
              read('fetchProfile', ctx + '/profile');
              fetch(target, {credentials: 'include', mode: 'no-cors'}).then(function (r) {
                report('fetchNoCors', 'answered:' + r.type);
              }, function (e) { report('fetchNoCors', 'rejected:' + e.name); });
              var xhr = new XMLHttpRequest();
              xhr.open('GET', ctx + '/profile');
              xhr.withCredentials = true;
              xhr.onload = function () { report('xhr', 'read:' + xhr.status + ':' + who(xhr.responseText)); };
              xhr.onerror = function () { report('xhr', 'error'); };
              xhr.send();
            })();
            """;

    private static TestServer server;
    private static Ids ids;
    private static long student;

    private record Ids(long module, long workspacePart, long secretPart, long secretPage, long controlPart,
                       long controlPage) {}

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled(PreviewSandboxIT.class.getSimpleName());
        server = TestServer.start("/wte", 0, "");
        String hash = new PasswordHasher().hash(PASSWORD);
        server.root().database().run(s -> {
            User teacher = new User(TEACHER, "Tess Teacher", UserStatus.ACTIVE, Instant.now());
            teacher.setPasswordHash(hash);
            teacher.getGroups().add(server.root().users().group(s, "teacher"));
            s.persist(teacher);
            User sam = new User(STUDENT, "Sam Student", UserStatus.ACTIVE, Instant.now());
            sam.setPasswordHash(hash);
            s.persist(sam);
        });
        student = server.root().database().inTransaction(s -> s.createQuery("select u.id from User u where u.email = :e",
                Long.class).setParameter("e", STUDENT).getSingleResult());
        ids = teach();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStudentsScriptInThePreviewCannotReachTheAppButTheSameScriptUnsandboxedCould() throws Exception {
        server.root().database().run(s -> TestWorkspaces.put(s, student, ids.workspacePart(), Map.of(
                "index.html", """
                        <!DOCTYPE html>
                        <html lang="en">
                        <head><meta charset="utf-8"><title>My page</title>
                        <style>body { font-family: sans-serif; } .tall { height: 3000px; }</style></head>
                        <body>
                        <h1>Student page</h1>
                        <ul id="out"></ul>
                        <iframe id="inner" src="inner.html" title="inner"></iframe>
                        <iframe id="app" src="../../profile" title="app"></iframe>
                        <div class="tall">(room to scroll)</div>
                        <script>document.body.setAttribute('data-inline', 'ran');</script>
                        <script src="attack.js?target=%d"></script>
                        <script type="module" src="mod.js"></script>
                        </body>
                        </html>
                        """.formatted(ids.secretPage()),
                "attack.js", ATTACK_JS, "inner.html", "<p id=\"inner-text\">Inner page</p>",
                // What a lesson on modules and fetch() does with the student's own files: it must work.
                "mod.js", """
                        document.body.setAttribute('data-module', 'ran');
                        fetch('data.json').then(function (r) { return r.json(); })
                            .then(function (d) { document.body.setAttribute('data-json', d.greeting); });
                        fetch('missing.json').then(function (r) {
                          document.body.setAttribute('data-missing', String(r.status));
                        });
                        """,
                "data.json", "{\"greeting\": \"hello\"}")));
        try (Chromium b = Chromium.start("preview-sandbox")) {
            try {
                attack(b);
            } catch (Chromium.Failure failure) {
                throw failure;
            } catch (Throwable t) {
                throw b.fail(String.valueOf(t), t);
            }
        }
    }

    private void attack(Chromium b) throws Exception {
        logIn(b);
        enrol(b);
        // Something for a thief to find: a cookie scripts may read, and the app's storage.
        b.driver().manage().addCookie(new Cookie("wte-visible", "student-secret", "/wte"));
        b.js("window.localStorage.setItem('wte-secret', 's3cret');");
        assertTrue(String.valueOf(b.js("return document.cookie;")).contains("wte-visible=student-secret"));

        // 1. The editor's frame, exactly: sandboxed, loaded from a signed link made by the running server.
        String index = server.root().previewLinks().url("/wte", student, ids.workspacePart(), "index.html");
        b.js("""
                window.wteReports = {sandboxed: {}, control: {}, other: {}};
                window.wteScrolls = [];
                window.addEventListener('message', function (e) {
                  var preview = document.getElementById('preview');
                  var control = document.getElementById('control');
                  var d = e.data || {};
                  if (d.type === 'wte-attack') {
                    var from = preview && e.source === preview.contentWindow ? 'sandboxed'
                        : control && e.source === control.contentWindow ? 'control' : 'other';
                    window.wteReports[from][d.name] = d.result;
                  } else if (d.type === 'wte-preview-scroll' && preview && e.source === preview.contentWindow) {
                    window.wteScrolls.push(d);
                  }
                });
                var frame = document.createElement('iframe');
                frame.id = 'preview';
                frame.title = 'Preview';
                frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-modals');
                frame.src = arguments[0];
                frame.style.width = '100%';
                frame.style.height = '420px';
                document.querySelector('main').prepend(frame);
                """, index);
        Map<String, String> sandboxed = reports(b, "sandboxed");
        b.screenshot("preview-sandbox-1-sandboxed-frame");
        assertEquals(Map.of(), b.js("return window.wteReports.other;"), "no message from anywhere else");

        // The page has cookies and storage of its own (the frame script's stand-ins for what the opaque
        // origin lacks), empty here: the app's cookie and storage, set above, are out of its reach.
        assertEquals("ok:", sandboxed.get("cookie"), "the page's own cookies, not the app's");
        assertEquals("ok:null", sandboxed.get("localStorage"), "the page's own storage, not the app's");
        assertEquals("threw:SecurityError", sandboxed.get("parentDom"), "the parent's DOM is another origin's");
        assertEquals("threw:SecurityError", sandboxed.get("topDom"));
        assertEquals("ok:no opener", sandboxed.get("openerDom"));
        assertEquals("rejected:TypeError", sandboxed.get("fetchPage"), "no CORS: the answer cannot be read");
        assertEquals("rejected:TypeError", sandboxed.get("fetchProfile"));
        assertEquals("error", sandboxed.get("xhr"));
        assertEquals("answered:opaque", sandboxed.get("fetchNoCors"), "an opaque answer: nothing in it to read");
        // The requests did reach the server; without the student's session (SameSite, opaque origin) they
        // were anonymous: a member opening a page would have recorded their reading position.
        assertEquals(Optional.empty(), position(ids.secretPart()), "the server saw the student open the secret page");
        // The student's own inline script ran (the sandbox allows scripts): the attempts were real.
        WebElement frame = b.find("#preview");
        b.driver().switchTo().frame(frame);
        try {
            assertEquals("ran", b.find("body").getAttribute("data-inline"));
            assertEquals(ATTEMPTS.size(), b.findAll("#out li").size());
            // The student's own module script and fetch() of their own files work across the opaque origin.
            b.until("the student's module to fetch its data", d -> "hello".equals(b.find("body").getAttribute("data-json"))
                    && "404".equals(b.find("body").getAttribute("data-missing")) ? true : null);
            assertEquals("ran", b.find("body").getAttribute("data-module"));
            // The student's page frames their own page (a lesson on iframes works) but not the app's pages.
            b.driver().switchTo().frame(b.find("#inner"));
            assertEquals("Inner page", b.text("#inner-text"));
            b.driver().switchTo().parentFrame();
            b.driver().switchTo().frame(b.find("#app"));
            assertTrue(!b.driver().getPageSource().contains("WTE test"), "an app page in a student's frame");
        } finally {
            b.driver().switchTo().defaultContent();
        }

        // The frame's side of the scroll protocol: the parent asks, the frame scrolls and tells where it is.
        b.js("document.getElementById('preview').contentWindow.postMessage("
                + "{type: 'wte-preview-restore', x: 0, y: 640}, '*');");
        b.until("the preview to report its restored scroll position", d -> b.js(
                "return window.wteScrolls.some(function (s) { return s.y === 640 && s.x === 0; });") == Boolean.TRUE
                ? true : null);
        b.screenshot("preview-sandbox-2-scrolled");

        // 2. The positive control: the same attack.js in a same-origin frame without sandbox.
        String attack = server.root().previewLinks().url("/wte", student, ids.workspacePart(), "attack.js")
                + "?target=" + ids.controlPage();
        b.js("""
                var frame = document.createElement('iframe');
                frame.id = 'control';
                frame.title = 'Control';
                frame.srcdoc = '<!DOCTYPE html><title>Control</title><ul id="out"></ul>'
                    + '<script src="' + arguments[0] + '"><' + '/script>';
                frame.style.width = '100%';
                frame.style.height = '260px';
                document.querySelector('main').prepend(frame);
                """, attack);
        Map<String, String> control = reports(b, "control");
        b.screenshot("preview-sandbox-3-control-frame");
        String parentTitle = (String) b.js("return document.title;");
        assertTrue(control.get("cookie").startsWith("ok:") && control.get("cookie").contains("wte-visible=student-secret"),
                control.get("cookie"));
        assertTrue(!control.get("cookie").contains("WTESESSION"), "the session cookie stays HttpOnly everywhere");
        assertEquals("ok:s3cret", control.get("localStorage"));
        assertEquals("ok:" + parentTitle, control.get("parentDom"));
        assertEquals("ok:" + parentTitle, control.get("topDom"));
        assertEquals("read:200:logged-in", control.get("fetchPage"));
        assertEquals("read:200:logged-in", control.get("fetchProfile"));
        assertEquals("read:200:logged-in", control.get("xhr"));
        assertEquals("answered:basic", control.get("fetchNoCors"));
        assertEquals(Optional.of(ids.controlPage()), position(ids.controlPart()),
                "with the session, the server records the visit: the check above can see one");

        // 3. The signed link opened in a tab of its own, which still has an opener: the CSP sandbox alone.
        String original = b.driver().getWindowHandle();
        b.js("""
                var a = document.createElement('a');
                a.id = 'open-in-tab';
                a.href = arguments[0];
                a.target = '_blank';
                a.rel = 'opener';
                a.textContent = 'Open in a new tab';
                document.querySelector('main').prepend(a);
                """, index);
        b.find("#open-in-tab").click();
        String tab = b.until("the preview's new tab", d -> d.getWindowHandles().stream()
                .filter(h -> !h.equals(original)).findFirst().orElse(null));
        b.driver().switchTo().window(tab);
        try {
            b.until("every attempt reported in the tab", d -> d.findElements(By.cssSelector("#out li")).size()
                    == ATTEMPTS.size() ? true : null);
            Map<String, String> alone = new TreeMap<>();
            for (WebElement li : b.findAll("#out li")) {
                String[] kv = li.getText().split("=", 2);
                alone.put(kv[0], kv[1]);
            }
            b.screenshot("preview-sandbox-4-own-tab");
            assertTrue(b.driver().getCurrentUrl().endsWith(index), b.driver().getCurrentUrl());
            assertEquals("ok:", alone.get("cookie"), "the tab is sandboxed by the CSP header: its own cookies only");
            assertEquals("ok:null", alone.get("localStorage"));
            assertEquals("null", b.js("return window.origin;"), "an opaque origin, as in the frame");
            assertEquals("ok:no parent", alone.get("parentDom"));
            assertEquals("threw:SecurityError", alone.get("openerDom"), "the app's window that opened it is closed to it");
            assertEquals("rejected:TypeError", alone.get("fetchPage"));
            assertEquals("rejected:TypeError", alone.get("fetchProfile"));
            assertEquals("error", alone.get("xhr"));
            assertEquals("ran", b.find("body").getAttribute("data-inline"));
        } finally {
            b.driver().close();
            b.driver().switchTo().window(original);
        }
        assertEquals(Optional.empty(), position(ids.secretPart()), "nor from the tab of its own");
    }

    /** Waits until every attempt of one frame has reported, and returns the results by name. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> reports(Chromium b, String frame) {
        return b.until("all " + ATTEMPTS.size() + " reports of the " + frame + " frame", d -> {
            Map<String, String> got = (Map<String, String>) b.js("return window.wteReports[arguments[0]];", frame);
            return got != null && got.keySet().containsAll(ATTEMPTS) ? new LinkedHashMap<>(got) : null;
        });
    }

    /** The page the student last opened in a part, as the server recorded it. */
    private static Optional<Long> position(long part) {
        return server.root().database().inTransaction(s -> s.createNativeQuery(
                "SELECT page_id FROM reading_position WHERE user_id = :u AND part_id = :p", Long.class)
                .setParameter("u", student).setParameter("p", part).uniqueResultOptional());
    }

    // ------------------------------------------------------------------ the teacher, through the pages

    private static Ids teach() throws Exception {
        Browser t = new Browser();
        assertEquals(303, t.submit(t.open(server.url("/account/login")), "form[action$=/account/login]",
                Map.of("email", TEACHER, "password", PASSWORD)).status());
        Browser.Page created = t.submit(t.open(server.url("/modules/new")), "form[action$=/modules]",
                Map.of("title", "Web basics", "label", ""));
        assertEquals(303, created.status(), created.body());
        long module = Long.parseLong(created.location().replaceAll(".*/parts/(\\d+).*", "$1"));
        long workspace = child(t, module, "Your first web page");
        Browser.Page edit = t.open(server.url("/parts/" + workspace + "/edit"));
        assertEquals(303, t.submit(edit, "#editor-form", Map.of("content", "Write *index.html*.",
                "display_mode", "workspace")).status());
        assertEquals(DisplayMode.WORKSPACE, server.root().database().inTransaction(s -> s.get(Part.class, workspace)
                .getDisplayMode()));
        long secretPart = child(t, module, "Secrets");
        long secretPage = child(t, secretPart, "Secret page");
        long controlPart = child(t, module, "Control");
        long controlPage = child(t, controlPart, "Control page");
        for (long id : List.of(module, workspace, secretPart, secretPage, controlPart, controlPage)) {
            Browser.Page status = t.submit(t.open(server.url("/parts/" + id)), "form.status-form",
                    Map.of("status", "available"));
            assertEquals(303, status.status(), status.body());
        }
        assertEquals(303, t.submit(t.open(server.url("/modules/" + module + "/access")), "form.access-form",
                Map.of("open", "1", "password", "", "domains", "")).status());
        return new Ids(module, workspace, secretPart, secretPage, controlPart, controlPage);
    }

    private static long child(Browser t, long parent, String title) throws Exception {
        Browser.Page created = t.submit(t.open(server.url("/parts/" + parent + "/new")), "form[action$=/new]",
                Map.of("title", title, "label", ""));
        assertEquals(303, created.status(), created.body());
        return Long.parseLong(created.location().replaceAll(".*/parts/(\\d+)/edit", "$1"));
    }

    // ------------------------------------------------------------------ the student, in Chromium

    private static void logIn(Chromium b) {
        b.open(server.url("/account/login"));
        b.type("#f-email", STUDENT);
        b.type("#f-password", PASSWORD);
        b.go(b.button("main form", "Log in"));
        b.until("the login to finish", d -> d.getCurrentUrl().contains("/account/login") ? null : true);
        b.assertText(".main-nav", "Log out");
    }

    private static void enrol(Chromium b) {
        b.open(server.url("/parts/" + ids.module()));
        b.go(b.find(".enrol-box a.button"));
        b.untilPath("/wte/modules/" + ids.module() + "/enrol");
        b.go(b.button("form.enrol-form", "Take this module"));
        b.untilPath("/wte/parts/" + ids.module());
        b.assertText(".flash-success", "You are registered to Web basics.");
        assertNotNull(b.find(".child-list"));
    }
}
