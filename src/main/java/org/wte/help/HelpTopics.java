package org.wte.help;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.wte.content.MarkupContent;
import org.wte.markup.MarkupContext;
import org.wte.markup.MarkupError;
import org.wte.markup.MarkupRenderer;
import org.wte.markup.Rendered;

/**
 * Every help topic, read from {@code help/<id>.md} on the class path and rendered once at start (topics do
 * not change while WTE runs). A topic's title is its first {@code # } line; its summary is its first paragraph.
 */
public final class HelpTopics {
    /** The topics in the index's order. Adding a topic: one line here and one Markdown file. */
    static final List<Entry> CATALOGUE = List.of(
            new Entry("start", Audience.STUDENTS),
            new Entry("account", Audience.STUDENTS),
            new Entry("modules", Audience.STUDENTS),
            new Entry("reading", Audience.STUDENTS),
            new Entry("workspace", Audience.STUDENTS),
            new Entry("quizzes", Audience.STUDENTS),
            new Entry("progress", Audience.STUDENTS),
            new Entry("download", Audience.STUDENTS),
            new Entry("teaching", Audience.TEACHERS),
            new Entry("editing", Audience.TEACHERS),
            new Entry("markup", Audience.TEACHERS),
            new Entry("assets", Audience.TEACHERS),
            new Entry("enrolment", Audience.TEACHERS),
            new Entry("timed-actions", Audience.TEACHERS),
            new Entry("exchange", Audience.TEACHERS),
            new Entry("dashboards", Audience.TEACHERS),
            new Entry("installation", Audience.ADMINISTRATORS),
            new Entry("configuration", Audience.ADMINISTRATORS),
            new Entry("cron", Audience.ADMINISTRATORS),
            new Entry("upgrades", Audience.ADMINISTRATORS),
            new Entry("administration", Audience.ADMINISTRATORS));

    record Entry(String id, Audience audience) {}

    /** A topic's Markdown could not be rendered cleanly: a broken help file is a build error, not a page. */
    public static final class BrokenTopic extends RuntimeException {
        BrokenTopic(String message) {
            super(message);
        }
    }

    private final Map<String, HelpTopic> topics = new LinkedHashMap<>();

    public HelpTopics(MarkupRenderer renderer) {
        for (Entry entry : CATALOGUE) {
            topics.put(entry.id(), render(renderer, entry, markdown(entry.id())));
        }
    }

    public Optional<HelpTopic> byId(String id) {
        return Optional.ofNullable(id == null ? null : topics.get(id));
    }

    public List<HelpTopic> all() {
        return List.copyOf(topics.values());
    }

    /** The index: topics grouped by audience, in catalogue order. */
    public List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        for (Audience audience : Audience.values()) {
            List<HelpTopic> of = topics.values().stream().filter(t -> t.audience() == audience).toList();
            if (!of.isEmpty()) {
                groups.add(new Group(audience.heading(), of));
            }
        }
        return groups;
    }

    public record Group(String heading, List<HelpTopic> topics) {}

    /** The Markdown of {@code help/<id>.md}. */
    static String markdown(String id) {
        String resource = "/help/" + id + ".md";
        try (InputStream in = HelpTopics.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new BrokenTopic(resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HelpTopic render(MarkupRenderer renderer, Entry entry, String markdown) {
        String source = markdown.replace("\r\n", "\n");
        if (!source.startsWith("# ")) {
            throw new BrokenTopic("help/" + entry.id() + ".md must start with its title: # Title");
        }
        int end = source.indexOf('\n');
        String title = (end < 0 ? source.substring(2) : source.substring(2, end)).strip();
        // The title becomes the page's heading; blank lines keep the renderer's line numbers meaningful.
        String body = end < 0 ? "" : "\n" + source.substring(end + 1);
        Rendered rendered = renderer.render(body, MarkupContext.NONE);
        if (rendered.hasErrors()) {
            StringBuilder problems = new StringBuilder();
            for (MarkupError e : rendered.errors()) {
                problems.append("; line ").append(e.line()).append(": ").append(e.message());
            }
            throw new BrokenTopic("help/" + entry.id() + ".md" + problems);
        }
        Document doc = Jsoup.parseBodyFragment(rendered.html());
        doc.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8).escapeMode(Entities.EscapeMode.base);
        // Topics link each other relatively ("cron", "../help"); pages carry no relative URL, so these become
        // app-internal links that HelpTopic.at completes with the context path.
        for (Element a : doc.select("a[href]")) {
            String href = a.attr("href");
            if (!href.isEmpty() && !href.startsWith("#") && !href.startsWith("/") && !href.contains(":")) {
                a.attr("href", href.equals("../help") ? MarkupContent.ROOT + "/help"
                        : MarkupContent.ROOT + "/help/" + href);
            }
        }
        Element first = doc.selectFirst("p");
        String summary = first == null ? "" : first.text();
        return new HelpTopic(entry.id(), title, entry.audience(), summary, doc.body().html(), doc.text());
    }
}
