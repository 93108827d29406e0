package org.wte.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import freemarker.template.Template;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.wte.account.AccountService;
import org.wte.account.PermissionGroup;
import org.wte.admin.ModuleAdministration;
import org.wte.admin.OutboxResource;
import org.wte.admin.UserAdministration;
import org.wte.enrolment.EnrolmentService;
import org.wte.enrolment.ModuleAccessSettings;
import org.wte.enrolment.ModuleMembers;
import org.wte.enrolment.ModuleSummary;
import org.wte.timedtask.PartTimedTasks;
import org.wte.timedtask.RunnerHealth;
import org.wte.timedtask.TimedTaskOverview;
import org.wte.timedtask.TimedTaskViews;

/**
 * Every page template, rendered with a model in which every string is a script, shows the script as
 * text: auto-escaping is on everywhere and no template opts out (?no_esc) on data.
 */
class TemplateEscapingTest {
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String ESCAPED = "&lt;script&gt;";
    /** A value that tries to leave an attribute instead of opening a tag. */
    static final String ATTRIBUTE_BREAKOUT = "x\" onmouseover=\"alert(1)\" data-x='";

    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    /**
     * Libraries of macros (rendered through every page that uses them: charts.ftlh through quiz/results.ftlh)
     * and fragments included by a page (the part page's hooks, rendered through content/part.ftlh).
     */
    static final Set<String> SKIPPED = Set.of("forms.ftlh", "layout.ftlh", "charts.ftlh", "content/page-extras.ftlh",
            "content/part-extras.ftlh", "workspace/panes.ftlh");
    /** Pages that exist only for a logged-in user: they are not also rendered for an anonymous visitor. */
    static final Set<String> NEED_A_USER = Set.of("account/delete.ftlh", "account/password.ftlh",
            "account/profile.ftlh");

    private final Templates templates = new Templates();

    static List<String> pageTemplates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            List<String> names = files.filter(Files::isRegularFile)
                    .map(p -> TEMPLATES.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.startsWith("mail/"))
                    .filter(n -> !SKIPPED.contains(n))
                    .sorted().toList();
            return names;
        }
    }

    @Test
    void theWalkFindsThePages() throws IOException {
        List<String> names = pageTemplates();
        for (String expected : List.of("error.ftlh", "home.ftlh", "account/register.ftlh", "account/login.ftlh",
                "account/profile.ftlh", "admin/users.ftlh", "admin/user.ftlh", "admin/outbox.ftlh", "admin/mail.ftlh",
                "admin/modules.ftlh", "enrolment/enrol.ftlh", "enrolment/leave.ftlh", "enrolment/access.ftlh",
                "enrolment/users.ftlh", "enrolment/candidates.ftlh", "enrolment/remove.ftlh", "timedtask/list.ftlh",
                "timedtask/form.ftlh", "timedtask/cancel.ftlh", "timedtask/delete.ftlh",
                "timedtask/types/change-status.ftlh", "timedtask/types/email-members.ftlh", "content/status.ftlh",
                "admin/timed-actions.ftlh", "progress/dashboard.ftlh", "progress/summary.ftlh", "quiz/results.ftlh",
                "workspace/page.ftlh", "workspace/student.ftlh", "workspace/parts.ftlh",
                "exchange/export.ftlh", "exchange/import.ftlh", "exchange/report.ftlh")) {
            assertTrue(names.contains(expected), "the walk misses " + expected + ": " + names);
        }
        assertTrue(names.stream().allMatch(n -> n.endsWith(".ftlh")),
                "every page template is .ftlh (HTML output format, auto-escaped): " + names);
    }

    @TestFactory
    Stream<DynamicTest> everyPageEscapesEveryStringItShows() throws IOException {
        return pageTemplates().stream().flatMap(name -> {
            DynamicTest loggedIn = DynamicTest.dynamicTest(name + " (logged in)",
                    () -> assertEscaped(name, render(name, model(name, SCRIPT, context(SCRIPT, true)))));
            if (NEED_A_USER.contains(name) || name.startsWith("admin/")) {
                return Stream.of(loggedIn);
            }
            DynamicTest anonymous = DynamicTest.dynamicTest(name + " (anonymous)",
                    () -> assertEscaped(name, render(name, model(name, SCRIPT, context(SCRIPT, false)))));
            return Stream.of(loggedIn, anonymous);
        });
    }

    @TestFactory
    Stream<DynamicTest> noStringLeavesItsAttribute() throws IOException {
        return pageTemplates().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            String html = render(name, model(name, ATTRIBUTE_BREAKOUT, context(ATTRIBUTE_BREAKOUT, true)));
            assertTrue(html.contains("&quot;"), name + " shows none of the model's strings");
            Document doc = Jsoup.parse(html);
            for (Element e : doc.getAllElements()) {
                assertFalse(e.hasAttr("onmouseover"), name + ": a value broke out of its attribute: " + e.outerHtml());
                assertFalse(e.hasAttr("data-x"), name + ": a value broke out of its attribute: " + e.outerHtml());
            }
        }));
    }

    /** A page (not a part) seen by a tutor: its hooks (page-extras.ftlh, the quiz links and data) escape too. */
    @Test
    void aPageWithItsExtrasEscapesEveryString() throws IOException {
        Map<String, Object> m = model("content/part.ftlh", SCRIPT, context(SCRIPT, true));
        org.wte.content.PartView.Link link = new org.wte.content.PartView.Link(10, SCRIPT, SCRIPT);
        m.put("part", new org.wte.content.PartView(4, "page", SCRIPT, SCRIPT, SCRIPT, "text", "<p>sanitised</p>",
                List.of(Map.of("label", SCRIPT)), List.of(), new org.wte.content.Access(true, false, false, false, true, true),
                link, link, List.of(link), 1, 1, true, null));
        String html = render("content/part.ftlh", m);
        assertEscaped("content/part.ftlh (page)", html);
        Document doc = Jsoup.parse(html);
        // The base path is the script too: escaped in the attribute, read back as it was.
        assertEquals(SCRIPT + "/parts/4/quizzes", doc.selectFirst("#wte-quiz-data").attr("data-quiz-url"));
        assertTrue(doc.selectFirst(".quiz-results-link a") != null, "a tutor is linked to the quiz results: " + html);
    }

    /** The test's power: a template that opts out of escaping is caught by the same assertion. */
    @Test
    void aTemplateUsingNoEscOnDataWouldBeCaught() throws Exception {
        Template unsafe = new Template("probe.ftlh", "${x?no_esc}", templates.configuration());
        StringWriter out = new StringWriter();
        unsafe.process(Map.of("x", SCRIPT), out);
        assertEquals(SCRIPT, out.toString(), "?no_esc prints the raw script");
        assertThrows(AssertionError.class, () -> assertEscaped("probe.ftlh", out.toString()));

        Template safe = new Template("probe.ftlh", "${x}", templates.configuration());
        StringWriter escaped = new StringWriter();
        safe.process(Map.of("x", SCRIPT), escaped);
        assertTrue(escaped.toString().contains(ESCAPED), escaped.toString());
        assertEscaped("probe.ftlh", escaped.toString());

        // Even a template without the .ftlh extension escapes (HTML is the default output format).
        Template plainName = new Template("probe.ftl", "${x}", templates.configuration());
        StringWriter plain = new StringWriter();
        plainName.process(Map.of("x", SCRIPT), plain);
        assertEscaped("probe.ftl", plain.toString());
    }

    /** A template whose model lacks a value fails loudly (so a new page must get a model here). */
    @Test
    void aMissingValueIsAnErrorNotAnEmptyString() {
        assertThrows(IOException.class, () -> render("account/link-invalid.ftlh",
                Map.of("ctx", context(SCRIPT, false))));
    }

    // ---------------------------------------------------------------- rendering

    private String render(String name, Map<String, Object> model) throws IOException {
        StringWriter out = new StringWriter();
        templates.render(name, model, out);
        return out.toString();
    }

    static void assertEscaped(String name, String html) {
        if (html.contains(SCRIPT)) {
            int at = html.indexOf(SCRIPT);
            fail(name + " prints a model string unescaped near: "
                    + html.substring(Math.max(0, at - 200), Math.min(html.length(), at + 60)));
        }
        // The only scripts a page may have are WTE's own static files: no inline script, no other source.
        for (org.jsoup.nodes.Element script : Jsoup.parse(html).select("script")) {
            assertTrue(script.data().isBlank() && script.attr("src").matches(".*/(static/js|webjars/codemirror/[0-9.]+/(lib|mode/[a-z]+|addon/[a-z]+))/[a-z0-9-]+\\.js"),
                    name + " has a script that is not one of WTE's static files: " + script);
        }
        assertTrue(html.contains(ESCAPED), name + " shows none of the model's strings (escaped):\n" + html);
    }

    // ---------------------------------------------------------------- the models

    /** What the layout reads, with every string (the base path and the site title too) set to s. */
    static PageContext context(String s, boolean loggedIn) {
        CurrentUser user = loggedIn
                ? new CurrentUser(1, s, s, Set.of("admin.users", "admin.outbox", "admin.system"), true, true, false)
                : null;
        // An administrator sees the banner of stalled runners (here on every page, to check it escapes too).
        return new PageContext(s, s, s, user, s, List.of(new Flash.Message("error", s), new Flash.Message(s, s)),
                s, loggedIn, ZoneId.of("Europe/London"),
                loggedIn ? new RunnerHealth.Stall(7L, Instant.parse("2026-03-29T00:30:00Z")) : null);
    }

    /**
     * One model for every page: each key any page template reads, each string set to s. A new page that
     * reads a new key fails {@link #everyPageEscapesEveryStringItShows} until the key is added here.
     */
    /** The shared model, with the asset pages' own (their "part" is the entity, not a PartView). */
    static Map<String, Object> model(String template, String s, PageContext ctx) {
        Map<String, Object> m = model(s, ctx);
        if (template.startsWith("timedtask/")) {
            timedTaskModel(m, s);
        }
        if (template.startsWith("workspace/")) {
            // The workspace's pages: the editor's endpoints and preview URL, a student's name, their parts.
            m.put("workspace", new org.wte.workspace.WorkspacePages.Editor(4, 7, "/" + s, "/" + s, "/" + s, "/" + s, s,
                    template.equals("workspace/student.ftlh"), s));
            m.put("student", s);
            m.put("studentId", 7L);
            m.put("exists", true);
            m.put("rows", List.of(Map.of("id", 4L, "title", s, "files", 3L), Map.of("id", 5L, "title", s, "files", -1L)));
        }
        if (template.startsWith("exchange/")) {
            exchangeModel(m, s);
        }
        if (template.startsWith("asset/")) {
            try {
                Instant now = Instant.parse("2026-03-29T00:30:00Z");
                org.wte.content.Part part = new org.wte.content.Part(null, org.wte.content.PartType.PART, s,
                        org.wte.content.PartStatus.AVAILABLE, now);
                set(part, "id", 4L);
                org.wte.asset.Asset asset = asset(part, s, now);
                m.put("part", part);
                m.put("asset", asset);
                m.put("kind", org.wte.asset.AssetKind.ASSET);
                m.put("other", org.wte.asset.AssetKind.TEMPLATE);
                m.put("rows", List.of(new org.wte.asset.AssetResource.Row(asset, "/" + s, s, true, true, false),
                        new org.wte.asset.AssetResource.Row(asset, "/" + s, s, false, false, true)));
                m.put("crumbs", List.of(Map.of("label", s, "url", "/" + s), Map.of("label", s)));
                for (String key : List.of("url", "listUrl", "otherUrl")) {
                    m.put(key, "/" + s);
                }
                for (String key : List.of("maxSize", "name", "size", "content", "base")) {
                    m.put(key, s);
                }
                m.put("errors", Map.of("file", s, "content", s, "name", s));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        return m;
    }

    /** The export form, the import form and the import report (org.wte.exchange). */
    static void exchangeModel(Map<String, Object> m, String s) {
        m.put("target", Map.of("id", 4L, "title", s, "type", s, "accepts", s));
        m.put("actions", 3L);
        m.put("action", "/" + s);
        m.put("maxSize", s);
        m.put("values", Map.of("reference_date", s, "include_actions", "yes"));
        m.put("errors", Map.of("file", s, "reference_date", s));
        List<String> lines = List.of(s, s);
        m.put("report", new org.wte.exchange.ImportReport(4, s, s, 3, 2, 1, 1, lines, lines, lines, lines, lines,
                lines));
    }

    static Map<String, Object> model(String s, PageContext ctx) {
        Map<String, Object> m = new HashMap<>();
        m.put("ctx", ctx);

        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : List.of("email", "display_name", "password", "repeat", "current", "new_email",
                "email_current", "ids", "groups", "return_to", "domains", "file", "name", "content", "date", "time",
                "offset", "status", "roles", "subject", "body")) {
            errors.put(field, s);
        }
        errors.put(s, s);
        m.put("errors", errors);
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : List.of("email", "display_name", "new_email", "return_to", "title", "label", "content",
                "domains", "role")) {
            values.put(field, s);
        }
        m.put("values", values);
        m.put("unconfirmed", true);

        // Account pages.
        m.put("account", new AccountService.AccountView(7, s, s, s));
        m.put("token", s);
        m.put("email", s);
        m.put("smtp", false);
        m.put("purpose", "confirm");

        // The error page and link-invalid.
        m.put("title", s);
        m.put("message", s);

        // Admin: users.
        Instant now = Instant.parse("2026-03-29T00:30:00Z");
        UserAdministration.UserRow row = new UserAdministration.UserRow(7, s, s, s, List.of(s, s), now, now);
        UserAdministration.UserRow never = new UserAdministration.UserRow(8, s, s, "unconfirmed", List.of(s), now, null);
        m.put("result", new UserAdministration.UserPage(List.of(row, never), 60, 2, 3));
        m.put("q", s);
        m.put("status", s);
        m.put("detail", new UserAdministration.UserDetail(row, List.of(group(1, s, s), group(2, "teacher", s)),
                Set.of(1L)));

        // Admin: outbox.
        OutboxResource.MailRow mail = new OutboxResource.MailRow(5, s, s, s, 2, now, now, s, s);
        OutboxResource.MailRow waiting = new OutboxResource.MailRow(6, s, s, "pending", 1, now, null, null, s);
        m.put("mail", mail);
        m.put("mails", List.of(mail, waiting));
        m.put("page", 2);
        m.put("pages", 3);
        m.put("total", 120L);

        // Content: the modules list, a part page, the editor, new child, delete.
        PartTimedTasks.Badge badge = new PartTimedTasks.Badge(2, 1, s, s);
        m.put("moduleRows", List.of(new org.wte.content.ModulesResource.ModuleRow(3, s, s, s, badge),
                new org.wte.content.ModulesResource.ModuleRow(4, s, s, "available", null)));
        m.put("mine", true);
        m.put("breadcrumbs", List.of(Map.of("label", s, "url", "/" + s), Map.of("label", s)));
        m.put("parent", Map.of("id", 4, "title", s, "childType", s));
        m.put("before", s);
        m.put("after", s);
        m.put("below", 3L);
        m.put("problems", List.of(new org.wte.markup.MarkupError(3, s), new org.wte.markup.MarkupError(0, s)));
        m.put("html", "<p>sanitiser output</p>");
        org.wte.content.PartView.Child child = new org.wte.content.PartView.Child(9, s, s, s, s, badge);
        org.wte.content.PartView.Link link = new org.wte.content.PartView.Link(10, s, s);
        m.put("part", new org.wte.content.PartView(4, "part", s, s, s, "text", "<p>stored, sanitised HTML</p>",
                List.of(Map.of("label", s)), org.wte.content.PartView.group(List.of(child)),
                new org.wte.content.Access(true, false, false, false, false, true), link, link, List.of(link), 1, 1, true, link));
        // The part page's timed-action notices (failed, scheduled status changes), the status confirmation,
        // the count of actions a deletion cancels.
        PartTimedTasks.Notice notice = new PartTimedTasks.Notice(12, 4, s, s, s, s);
        PartTimedTasks.StatusChange change = new PartTimedTasks.StatusChange(notice, org.wte.content.PartStatus.UNAVAILABLE);
        m.put("timed", new PartTimedTasks.Notices(List.of(notice), List.of(change)));
        m.put("newStatus", s);
        m.put("undoing", List.of(change, change));
        m.put("cancelledActions", 2L);
        // Progress: a student's bar, teachers' summary (of a part and of a module) and dashboard.
        m.put("progress", new org.wte.progress.PartProgress.Panel(
                new org.wte.progress.ProgressReports.StudentProgress(2, 3, 125), progressReport(s, false, now)));
        m.put("report", progressReport(s, true, now));
        // Enrolment: take / leave a module, its access settings, its users.
        ModuleSummary module = new ModuleSummary(3, s, s);
        m.put("enrol", new EnrolmentService.EnrolPage(module,
                new EnrolmentService.Eligibility(EnrolmentService.Reason.OPEN, true, List.of(s, s), s)));
        m.put("leave", new EnrolmentService.LeavePage(module, s, false));
        m.put("problem", s);
        m.put("access", new ModuleAccessSettings.AccessForm(module, true, true, s));
        m.put("open", true);
        ModuleMembers.MemberRow member = new ModuleMembers.MemberRow(11, 7, s, s, s, true, now, false, true);
        ModuleMembers.MemberRow lastOwner = new ModuleMembers.MemberRow(12, 8, s, s, "owner", false, now, true, false);
        m.put("members", new ModuleMembers.MemberPage(module, List.of(member, lastOwner), 60, 2, 3, 1));
        m.put("roleFilter", s);
        m.put("back", s);
        m.put("candidates", new ModuleMembers.CandidatePage(module, s, List.of(
                new ModuleMembers.Candidate(7, s, s, s, null), new ModuleMembers.Candidate(8, s, s, s, s)), true, false));
        m.put("removal", new ModuleMembers.RemovePage(module, member));

        // Quizzes: the link to the results on part pages, the results page (a drawn chart and an empty one).
        m.put("quizCount", 2L);
        m.put("quizResults", new org.wte.quiz.QuizResults.ResultsPage(4, s, s, 3, List.of(
                new org.wte.quiz.QuizResults.PageBlock(5, s, "page", List.of(new org.wte.quiz.QuizResults.QuizBlock(s,
                        "quiz-chart-7", List.of(new org.wte.quiz.QuizResults.QuestionRow(1, s, 1, 2, 0, 0),
                        new org.wte.quiz.QuizResults.QuestionRow(2, s, 0, 0, 1, 2))))),
                new org.wte.quiz.QuizResults.PageBlock(6, s, s, List.of(new org.wte.quiz.QuizResults.QuizBlock(s,
                        "quiz-chart-8", List.of(new org.wte.quiz.QuizResults.QuestionRow(1, s, 0, 0, 0, 0))))))));

        // Help: the header's "?", the index, a topic (its html is the sanitiser's), search results.
        m.put("helpTopic", s);
        org.wte.help.HelpTopic topic = new org.wte.help.HelpTopic(s, s, org.wte.help.Audience.TEACHERS, s,
                "<p>sanitiser output</p>", s);
        m.put("topic", topic);
        m.put("related", List.of(topic, topic));
        m.put("groups", List.of(new org.wte.help.HelpTopics.Group(s, List.of(topic))));
        List<org.wte.help.HelpSearch.Segment> segments = List.of(new org.wte.help.HelpSearch.Segment(s, false),
                new org.wte.help.HelpSearch.Segment(s, true));
        m.put("results", List.of(new org.wte.help.HelpSearch.Result(topic, segments, segments)));

        // Admin: all modules.
        m.put("modules", new ModuleAdministration.ModulePage(List.of(
                new ModuleAdministration.ModuleRow(3, s, s, List.of(s, s), 5, 2, now, badge),
                new ModuleAdministration.ModuleRow(4, s, "available", List.of(), 0, 0, now, null)), 60, 2, 3));

        // Admin: timed actions across modules.
        TimedTaskOverview.RunRow run = new TimedTaskOverview.RunRow(42, now, now, s, 1, 2, 3, 4, 5, 6, s);
        TimedTaskOverview.RunRow unfinished = new TimedTaskOverview.RunRow(43, now, null, s, 0, 0, 0, 0, 0, 0, "");
        TimedTaskOverview.ActionRow due = new TimedTaskOverview.ActionRow(5, s, s, now, null, s, 4L, s, s, 3L, s);
        TimedTaskOverview.ActionRow orphan = new TimedTaskOverview.ActionRow(6, s, s, now, now, s, null, s, "", null, "");
        m.put("overview", new TimedTaskOverview.Overview(now, new RunnerHealth.Stall(null, now),
                List.of(new TimedTaskOverview.HostRow(s, run, run), new TimedTaskOverview.HostRow(s, unfinished, null)),
                40, List.of(due, orphan), 70, List.of(due, orphan)));
        return m;
    }

    /** A progress report whose every string is s: one student who started, one who did not. */
    static org.wte.progress.ProgressReport progressReport(String s, boolean module, Instant now) {
        var page = new org.wte.progress.ProgressReport.Ref(20, s);
        var part = new org.wte.progress.ProgressReport.PartPages(new org.wte.progress.ProgressReport.Ref(10, s),
                List.of(page, new org.wte.progress.ProgressReport.Ref(21, s)));
        return org.wte.progress.ProgressReport.build(new org.wte.progress.ProgressReport.Ref(module ? 1 : 10, s),
                module, List.of(part),
                List.of(new org.wte.progress.ProgressReport.Student(7, s, s), new org.wte.progress.ProgressReport.Student(8, s, s)),
                List.of(new org.wte.progress.PageVisits.Visit(7, 20, 3, 125, now, now)),
                List.of(new org.wte.progress.ProgressReport.Position(7, 10, 20, now)), java.util.Map.of(20L, page));
    }

    /** The Timed actions pages' own model: their "part" is a reference, not a PartView. */
    static void timedTaskModel(Map<String, Object> m, String s) {
        Instant now = Instant.parse("2026-10-25T00:30:00Z");
        m.put("part", new TimedTaskViews.PartRef(4, s, s));
        TimedTaskViews.RunRow ended = new TimedTaskViews.RunRow(1, s, 123, now, now, s, s, s);
        TimedTaskViews.RunRow running = new TimedTaskViews.RunRow(2, s, 124, now, null, s, "", "");
        TimedTaskViews.ActionRow action = new TimedTaskViews.ActionRow(7, 3, s, s, s, s, s, 6L, 8L, true, true, true,
                true, List.of(ended, running));
        TimedTaskViews.ActionRow draft = new TimedTaskViews.ActionRow(8, 0, s, "draft", "", "", "", null, null, true,
                false, true, true, List.of());
        m.put("actions", List.of(action, draft));
        m.put("action", action);
        m.put("types", List.of(new TimedTaskViews.TypeChoice(s, s)));
        m.put("zone", s);
        Map<String, String> options = Map.of("status", s, "roles", s + ",student", "subject", s, "body", s);
        m.put("options", options);
        m.put("partType", "module");
        m.put("form", new TimedTaskViews.ActionForm("/" + s, s, "/timedtask/types/email-members.ftlh", s, s, s,
                List.of(new org.wte.web.LocalTimes.Choice(s, s), new org.wte.web.LocalTimes.Choice("+00:00", s)), 3, s,
                options));
    }

    /** An asset as the database would give it, every string set to s. */
    static org.wte.asset.Asset asset(org.wte.content.Part part, String s, Instant now) {
        try {
            Constructor<org.wte.asset.Asset> c = org.wte.asset.Asset.class.getDeclaredConstructor();
            c.setAccessible(true);
            org.wte.asset.Asset a = c.newInstance();
            set(a, "id", 9L);
            set(a, "part", part);
            set(a, "kind", org.wte.asset.AssetKind.ASSET);
            set(a, "filename", s);
            set(a, "mimeType", s);
            set(a, "size", 12L);
            set(a, "sha256", s);
            set(a, "createdAt", now);
            set(a, "updatedAt", now);
            return a;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A permission group as the database would give it (the entity has no public constructor). */
    static PermissionGroup group(long id, String name, String title) {
        try {
            Constructor<PermissionGroup> c = PermissionGroup.class.getDeclaredConstructor();
            c.setAccessible(true);
            PermissionGroup g = c.newInstance();
            set(g, "id", id);
            set(g, "name", name);
            set(g, "title", title);
            return g;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
