package org.wte.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wte.testing.Browser;
import org.wte.testing.TestServer;

/**
 * What students and teachers see of progress, through the pages of a running server: the student's bar on
 * the part page, the teachers' summary on the part and module pages, the dashboard with its per-student table,
 * the CSV (quoting, formula injection, UTF-8 without BOM), zero students, and who may see what.
 */
class ProgressDashboardIT {
    static final String EVIL = "=HYPERLINK(\"http://evil.example\",\"x\")";
    static TestServer server;
    static Classroom room;
    static Browser teacher;
    static Browser ann;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("/wte", 0, "");
        room = new Classroom(server, List.of("Ann Archer", "Bob Baker", "Zoë Ünal, Jr.", EVIL));
        teacher = room.login("teacher@example.org");
        ann = room.login("annarcher@example.org");
        String annToken = Classroom.csrf(ann, server);
        for (long page : room.pages) {
            assertEquals(200, ann.get(server.url("/parts/" + page)).status());
            assertEquals(204, room.beacon(ann, annToken, page, "30").status());
        }
        Browser bob = room.login("bobbaker@example.org");
        assertEquals(200, bob.get(server.url("/parts/" + room.pages.get(0))).status());
        assertEquals(200, bob.get(server.url("/parts/" + room.pages.get(0))).status());
        assertEquals(204, room.beacon(bob, Classroom.csrf(bob, server), room.pages.get(0), "45").status());
        Browser evil = room.login("hyperlinkhttpevilexamplex@example.org");
        assertEquals(200, evil.get(server.url("/parts/" + room.pages.get(1))).status());
        // Teachers and tutors reading pages are not counted.
        assertEquals(200, teacher.get(server.url("/parts/" + room.pages.get(2))).status());
        assertEquals(200, room.login("tutor@example.org").get(server.url("/parts/" + room.pages.get(3))).status());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStudentSeesTheirProgressBarAndTimeOnThePartPage() throws Exception {
        Document part = ann.open(server.url("/parts/" + room.part)).doc();
        Element bar = part.selectFirst("section.progress-mine progress.progress-meter");
        assertNotNull(bar, part.outerHtml());
        assertEquals("4", bar.attr("max"));
        assertEquals("4", bar.attr("value"));
        assertEquals("4 of 4 pages visited", part.selectFirst(".progress-count").text());
        assertEquals("Time spent in this part: 2 min 00 s", part.selectFirst(".progress-time").text());
        assertNull(part.selectFirst(".progress-summary"), "a student does not see the class");

        Browser zoe = room.login("zonaljr@example.org");
        Document fresh = zoe.open(server.url("/parts/" + room.part)).doc();
        assertEquals("0", fresh.selectFirst("progress.progress-meter").attr("value"));
        assertEquals("0 of 4 pages visited", fresh.selectFirst(".progress-count").text());
        assertEquals("Time spent in this part: 0 s", fresh.selectFirst(".progress-time").text());
        assertEquals("Start", fresh.selectFirst("main a.button").text());
    }

    @Test
    void theTeacherSeesTheClassOnThePartPageAndTheDashboard() throws Exception {
        Document part = teacher.open(server.url("/parts/" + room.part)).doc();
        Element summary = part.selectFirst("section.progress-summary");
        assertNotNull(summary, part.outerHtml());
        assertNull(part.selectFirst("section.progress-mine"), "no bar of their own");
        assertTrue(summary.text().contains("4 students (not blocked), 4 pages students can see."), summary.text());
        // Completion: Ann completed, Bob and the fourth student in progress, Zoë not started.
        Element completion = summary.selectFirst("#progress-completion svg");
        assertNotNull(completion, summary.outerHtml());
        assertEquals(List.of("Students: Completed (every page) 1", "Students: In progress 2", "Students: Not started 1"),
                completion.select("rect > title").eachText());
        // Quartiles of 120, 45, 0 seconds (the three who started).
        assertEquals(List.of("Minimum: 0 s", "Lower quartile: 23 s", "Median: 45 s", "Upper quartile: 1 min 23 s",
                "Maximum: 2 min 00 s"), summary.select("#progress-time rect > title").eachText());
        assertEquals(List.of("1. Welcome: 3 visits", "2. Headings: 2 visits", "3. Links: 1 visit", "4. Images: 1 visit"),
                summary.select("#progress-visits rect > title").eachText());
        Element link = summary.selectFirst("a[href=/wte/parts/" + room.part + "/progress]");
        assertNotNull(link, summary.outerHtml());

        Browser.Page dashboard = teacher.open(server.url("/parts/" + room.part + "/progress"));
        assertEquals(200, dashboard.status(), dashboard.body());
        Document d = dashboard.doc();
        assertEquals("Progress: HTML", d.selectFirst("h1").text());
        assertNotNull(d.selectFirst("#progress-completion svg"));
        List<String> names = d.select("table.progress-students tbody tr th").eachText();
        assertEquals(List.of(EVIL, "Ann Archer", "Bob Baker", "Zoë Ünal, Jr."), names,
                "students only, not blocked ones, not the teacher or the tutor");
        Element annRow = d.select("table.progress-students tbody tr").get(1);
        List<String> cells = annRow.select("td").eachText();
        assertEquals("annarcher@example.org", cells.get(0));
        assertEquals("4 of 4", cells.get(1));
        assertEquals("Images", cells.get(2), "the page she opened last");
        assertEquals("/wte/parts/" + room.pages.get(3), annRow.selectFirst("td a").attr("href"));
        assertEquals("2 min 00 s", cells.get(3));
        assertTrue(cells.get(4).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(UTC.*\\)"), cells.get(4));
        List<String> zoe = d.select("table.progress-students tbody tr").get(3).select("td").eachText();
        assertEquals(List.of("zonaljr@example.org", "0 of 4", "none", "0 s", "never"), zoe);
    }

    @Test
    void theModulePageAndDashboardShowEachPart() throws Exception {
        Document module = teacher.open(server.url("/parts/" + room.module)).doc();
        Element summary = module.selectFirst("section.progress-summary");
        assertNotNull(summary, module.outerHtml());
        assertEquals(List.of("HTML: Completed (every page) 1", "HTML: In progress 2", "HTML: Not started 1",
                "CSS: Not started 4"), summary.select("#progress-completion rect > title").eachText());
        List<Element> rows = summary.select("table.progress-parts tbody tr");
        assertEquals(2, rows.size());
        assertEquals(List.of("1", "2", "1", "0 s", "23 s", "45 s", "1 min 23 s", "2 min 00 s"),
                rows.get(0).select("td").eachText());
        assertEquals(List.of("0", "0", "4", "nobody started"), rows.get(1).select("td").eachText());
        assertEquals("/wte/parts/" + room.secondPart + "/progress", rows.get(1).selectFirst("a").attr("href"));

        Document d = teacher.open(server.url("/parts/" + room.module + "/progress")).doc();
        assertEquals("Progress: Web Basics", d.selectFirst("h1").text());
        List<String> annCells = d.select("table.progress-students tbody tr").get(1).select("td").eachText();
        assertEquals("4 of 5", annCells.get(1), "every page of the module");
        // The bar is a part's: a student's module page has none, and no class figures.
        Document annModule = ann.open(server.url("/parts/" + room.module)).doc();
        assertNull(annModule.selectFirst("section.progress-mine"));
        assertNull(annModule.selectFirst("section.progress-summary"));
    }

    @Test
    void theCsvIsQuotedNeutralisedAndUtf8WithoutBom() throws Exception {
        Browser.Download csv = teacher.download(server.url("/parts/" + room.part + "/progress.csv"));
        assertEquals(200, csv.status());
        assertEquals("text/csv;charset=UTF-8", csv.header("content-type").replace(" ", ""));
        assertTrue(csv.header("content-disposition").startsWith("attachment; filename=\"progress-" + room.part + ".csv\""),
                csv.header("content-disposition"));
        assertFalse(csv.body()[0] == (byte) 0xEF, "no byte-order mark");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        List<String> lines = List.of(text.split("\r\n"));
        assertEquals("Name,E-mail,Pages visited,Pages,Current page,Active seconds,Time,Last visit (Europe/London)",
                lines.get(0));
        assertEquals(5, lines.size(), text);
        assertTrue(lines.get(1).startsWith("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",hyperlinkhttpevilexamplex@example.org,1,4,Headings,0,0 s,"),
                "the formula is text, quoted: " + lines.get(1));
        assertTrue(lines.get(2).startsWith("Ann Archer,annarcher@example.org,4,4,Images,120,2 min 00 s,"), lines.get(2));
        assertEquals("\"Zoë Ünal, Jr.\",zonaljr@example.org,0,4,,0,0 s,", lines.get(4));
    }

    @Test
    void zeroStudentsRenderGracefully() throws Exception {
        Document module = teacher.open(server.url("/parts/" + room.emptyModule)).doc();
        Element summary = module.selectFirst("section.progress-summary");
        assertNotNull(summary, module.outerHtml());
        assertTrue(summary.text().contains("No students yet"), summary.text());
        assertTrue(summary.text().contains("Nothing to show yet."), summary.text());
        Browser.Page dashboard = teacher.open(server.url("/parts/" + room.emptyPart + "/progress"));
        assertEquals(200, dashboard.status(), dashboard.body());
        assertEquals("No students yet.", dashboard.doc().selectFirst("table.progress-students tbody td").text());
        assertTrue(dashboard.doc().text().contains("Nothing to show yet: no student has started."));
        Browser.Download csv = teacher.download(server.url("/parts/" + room.emptyModule + "/progress.csv"));
        assertEquals(200, csv.status());
        assertEquals(1, new String(csv.body(), StandardCharsets.UTF_8).split("\r\n").length, "the header only");
    }

    @Test
    void onlyTheModulesTeachersSeeTheDashboard() throws Exception {
        Browser tutor = room.login("tutor@example.org");
        String progress = "/parts/" + room.part + "/progress";
        assertEquals(200, tutor.get(server.url(progress)).status(), "a tutor");
        assertEquals(200, tutor.get(server.url(progress + ".csv")).status(), "a tutor");
        Browser.Page student = ann.get(server.url(progress));
        assertEquals(403, student.status());
        assertTrue(student.doc().text().contains("Only the module's teachers and tutors see its students' progress."));
        assertEquals(403, ann.get(server.url(progress + ".csv")).status());
        Browser stranger = room.login("stranger@example.org");
        assertEquals(404, stranger.get(server.url(progress)).status());
        assertEquals(404, teacher.get(server.url("/parts/" + room.pages.get(0) + "/progress")).status(), "a page");
        assertEquals(404, teacher.get(server.url("/parts/nope/progress")).status());
        Browser.Page anonymous = new Browser().get(server.url(progress));
        assertEquals(303, anonymous.status());
        assertTrue(anonymous.location().contains("/account/login"));
    }
}
