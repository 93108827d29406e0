package org.wte.help;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.wte.content.Access;
import org.wte.content.PartView;
import org.wte.markup.MarkupRenderer;

/**
 * Every page template has a help topic that exists: a new page without help fails here. A page is a
 * template that renders the site's layout ({@code <@layout.page}); includes and macro libraries are not.
 */
class PageHelpTest {
    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final HelpTopics TOPICS = new HelpTopics(new MarkupRenderer());

    static List<String> pages() throws IOException {
        List<String> pages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                // The layout itself is the library every page calls, not a page.
                if (!p.endsWith("layout.ftlh") && Files.readString(p).contains("<@layout.page")) {
                    pages.add(TEMPLATES.relativize(p).toString().replace('\\', '/'));
                }
            }
        }
        return pages;
    }

    @Test
    void everyPageTemplateHasAnExistingTopic() throws IOException {
        List<String> pages = pages();
        assertTrue(pages.size() > 40 && pages.contains("content/part.ftlh") && pages.contains("help/topic.ftlh"),
                "the walk finds the pages: " + pages);
        List<String> missing = new ArrayList<>();
        for (String page : pages) {
            Optional<String> topic = PageHelp.topicFor(page, Map.of());
            if (topic.isEmpty() || TOPICS.byId(topic.get()).isEmpty()) {
                missing.add(page + " → " + topic.orElse("(none)"));
            }
        }
        assertEquals(List.of(), missing, "pages without help: add them to PageHelp");
    }

    @Test
    void pagesLeadToTheTopicThatDescribesThem() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("home.ftlh", "start"),
                Map.entry("content/edit.ftlh", "editing"),
                Map.entry("content/modules.ftlh", "modules"),
                Map.entry("content/new-module.ftlh", "teaching"),
                Map.entry("enrolment/enrol.ftlh", "modules"),
                Map.entry("enrolment/access.ftlh", "enrolment"),
                Map.entry("timedtask/list.ftlh", "timed-actions"),
                Map.entry("timedtask/form.ftlh", "timed-actions"),
                Map.entry("asset/list.ftlh", "assets"),
                Map.entry("admin/users.ftlh", "administration"),
                Map.entry("admin/timed-actions.ftlh", "cron"),
                Map.entry("account/login.ftlh", "account"),
                // Pages other branches are building, mapped by their directory.
                Map.entry("workspace/editor.ftlh", "workspace"),
                Map.entry("progress/dashboard.ftlh", "progress"),
                Map.entry("quiz/statistics.ftlh", "quizzes"),
                Map.entry("exchange/import.ftlh", "exchange"));
        expected.forEach((template, topic) -> assertEquals(Optional.of(topic), PageHelp.topicFor(template, Map.of()),
                template));
        assertEquals(Optional.empty(), PageHelp.topicFor("nowhere.ftlh", Map.of()));
        assertEquals(Optional.empty(), PageHelp.topicFor(null, Map.of()));
    }

    @Test
    void thePartPageHelpsReadersAndEditorsDifferently() {
        assertEquals(Optional.of("reading"), PageHelp.topicFor("content/part.ftlh", Map.of("part", part(false))));
        assertEquals(Optional.of("teaching"), PageHelp.topicFor("content/part.ftlh", Map.of("part", part(true))));
        assertEquals(Optional.of("reading"), PageHelp.topicFor("content/part.ftlh", Map.of()));
    }

    private static PartView part(boolean edit) {
        return new PartView(4, "part", "Part", "", "available", "text", "", List.of(), List.of(),
                new Access(true, edit, edit, edit, edit, true), null, null, List.of(), 1, 1, true, null);
    }
}
