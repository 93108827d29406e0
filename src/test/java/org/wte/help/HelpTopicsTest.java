package org.wte.help;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.wte.markup.MarkupContext;
import org.wte.markup.MarkupRenderer;
import org.wte.markup.Rendered;

/** Every help topic renders through the markup pipeline without a problem, and the topics hang together. */
class HelpTopicsTest {
    static final Path HELP = Path.of("src/main/resources/help");
    private final MarkupRenderer renderer = new MarkupRenderer();
    private final HelpTopics topics = new HelpTopics(renderer);

    @Test
    void everyTopicRendersWithoutMarkupErrors() {
        for (HelpTopics.Entry entry : HelpTopics.CATALOGUE) {
            Rendered rendered = renderer.render(HelpTopics.markdown(entry.id()), MarkupContext.NONE);
            assertEquals(List.of(), rendered.errors(), entry.id());
            HelpTopic topic = topics.byId(entry.id()).orElseThrow();
            assertFalse(topic.title().isBlank(), entry.id());
            assertFalse(topic.summary().isBlank(), entry.id() + " has no first paragraph to summarise it");
            assertTrue(Jsoup.parseBodyFragment(topic.html()).select("h2").size() >= 1 || topic.text().length() < 1500,
                    entry.id() + ": a long topic needs headings");
            assertFalse(topic.html().contains("wte-markup-problem"), entry.id());
        }
    }

    @Test
    void everyMarkdownFileIsATopicAndEveryTopicHasAFile() throws IOException {
        Set<String> files = new HashSet<>();
        try (Stream<Path> list = Files.list(HELP)) {
            list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .forEach(n -> files.add(n.substring(0, n.length() - 3)));
        }
        Set<String> catalogue = new HashSet<>();
        HelpTopics.CATALOGUE.forEach(e -> catalogue.add(e.id()));
        assertEquals(catalogue, files);
        assertEquals(HelpTopics.CATALOGUE.size(), catalogue.size(), "no topic is listed twice");
        Set<String> titles = new HashSet<>();
        topics.all().forEach(t -> assertTrue(titles.add(t.title()), "two topics are titled " + t.title()));
    }

    @Test
    void theMarkdownGuideIsTheTeachersMarkupTopic() {
        HelpTopic markup = topics.byId("markup").orElseThrow();
        assertEquals("Writing pages in Markdown", markup.title());
        assertEquals(Audience.TEACHERS, markup.audience());
        Document html = Jsoup.parseBodyFragment(markup.html());
        assertFalse(html.select("div.wte-showhide").isEmpty());
        assertFalse(html.select("figure.wte-code").isEmpty());
        assertTrue(html.select("h1").isEmpty(), "the title is the page's heading, not repeated in the text");
    }

    @Test
    void linksBetweenTopicsLeadToTopics() {
        List<String> broken = new ArrayList<>();
        for (HelpTopic topic : topics.all()) {
            for (Element a : Jsoup.parseBodyFragment(topic.html()).select("a[href]")) {
                String href = a.attr("href");
                if (href.startsWith("http") || href.startsWith("mailto:") || href.startsWith("#")) {
                    continue;
                }
                // Written relative in the Markdown ("cron", "../help"), stored app-internal for the context path.
                String prefix = org.wte.content.MarkupContent.ROOT + "/help";
                String target = href.split("#")[0];
                if (!target.equals(prefix) && !(target.startsWith(prefix + "/")
                        && topics.byId(target.substring(prefix.length() + 1)).isPresent())) {
                    broken.add(topic.id() + " → " + href);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void linksAreCompletedWithTheContextPath() {
        HelpTopic start = topics.byId("start").orElseThrow().at("/teaching/web");
        Document html = Jsoup.parseBodyFragment(start.html());
        assertFalse(html.select("a[href=/teaching/web/help/account]").isEmpty(), start.html());
        assertFalse(html.select("a[href=/teaching/web/help]").isEmpty(), start.html());
        assertFalse(start.html().contains(org.wte.content.MarkupContent.ROOT));
        assertFalse(topics.byId("start").orElseThrow().at("").html().contains("=\"/~wte~"));
    }

    @Test
    void theIndexGroupsTopicsByAudienceInOrder() {
        List<HelpTopics.Group> groups = topics.groups();
        assertEquals(List.of("For students", "For teachers", "For administrators"),
                groups.stream().map(HelpTopics.Group::heading).toList());
        assertEquals("start", groups.get(0).topics().get(0).id());
        assertTrue(groups.get(2).topics().stream().anyMatch(t -> t.id().equals("configuration")));
    }

    @Test
    void aBrokenTopicIsRefusedNotShown() {
        HelpTopics.Entry entry = new HelpTopics.Entry("probe", Audience.STUDENTS);
        assertThrows(HelpTopics.BrokenTopic.class, () -> HelpTopics.render(renderer, entry, "No title line\n"));
        HelpTopics.BrokenTopic e = assertThrows(HelpTopics.BrokenTopic.class,
                () -> HelpTopics.render(renderer, entry, "# Probe\n\nText\n\n![x](asset:gone.png)\n"));
        assertTrue(e.getMessage().contains("line 5"), e.getMessage());
        HelpTopic ok = HelpTopics.render(renderer, entry, "# Probe\n\nFirst *paragraph*.\n\n## More\n\nText.");
        assertEquals("Probe", ok.title());
        assertEquals("First paragraph.", ok.summary());
        assertTrue(ok.text().contains("More Text."), ok.text());
    }
}
