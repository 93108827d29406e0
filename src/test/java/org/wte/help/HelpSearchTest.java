package org.wte.help;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.wte.markup.MarkupRenderer;

/** Search over all topics: case-insensitive, words ANDed, best first, snippets with the words marked. */
class HelpSearchTest {
    private static final HelpTopics TOPICS = new HelpTopics(new MarkupRenderer());
    private final HelpSearch search = new HelpSearch(TOPICS);

    @Test
    void aWordFromATopicFindsIt() {
        List<HelpSearch.Result> results = search.search("superseded");
        assertFalse(results.isEmpty());
        assertEquals("timed-actions", results.get(0).topic().id());
        assertTrue(marked(results.get(0).snippet()).contains("superseded"), results.get(0).snippet().toString());
    }

    @Test
    void caseDoesNotMatterAndWordsAreAnded() {
        List<String> upper = ids(search.search("SUPERSEDED"));
        assertEquals(ids(search.search("superseded")), upper);
        // Each word alone is found in many topics; together only where both occur.
        List<String> both = ids(search.search("backoff_seconds max_attempts"));
        assertTrue(both.contains("configuration") && both.contains("cron"), both.toString());
        for (String id : both) {
            String text = TOPICS.byId(id).orElseThrow().text();
            assertTrue(text.contains("backoff_seconds") && text.contains("max_attempts"), id);
        }
        assertEquals(List.of(), search.search("superseded xyzzyplugh"));
    }

    @Test
    void nonsenseFindsNothingAndBlankIsNoSearch() {
        assertEquals(List.of(), search.search("qwxzvbnjk"));
        assertEquals(List.of(), search.search("   "));
        assertEquals(List.of(), search.search(null));
    }

    @Test
    void titleMatchesComeFirst() {
        List<HelpSearch.Result> results = search.search("workspace");
        assertEquals("workspace", results.get(0).topic().id());
        assertTrue(results.get(0).title().stream().anyMatch(HelpSearch.Segment::match));
    }

    @Test
    void segmentsCoverTheTextExactly() {
        List<HelpSearch.Result> results = search.search("cron");
        for (HelpSearch.Result r : results) {
            StringBuilder title = new StringBuilder();
            r.title().forEach(s -> title.append(s.text()));
            assertEquals(r.topic().title(), title.toString());
            StringBuilder snippet = new StringBuilder();
            r.snippet().forEach(s -> snippet.append(s.text()));
            String core = snippet.toString().replace("… ", "").replace(" …", "");
            assertTrue(r.topic().text().contains(core), r.topic().id() + ": " + core);
            assertTrue(core.length() <= 230, core);
        }
    }

    @Test
    void wordsAreDistinctLowerCaseAndBounded() {
        assertEquals(List.of("cron", "mail"), HelpSearch.words("  Cron   MAIL cron "));
        assertEquals(HelpSearch.MAX_WORDS, HelpSearch.words("a b c d e f g h i j k l m").size());
    }

    private static List<String> ids(List<HelpSearch.Result> results) {
        return results.stream().map(r -> r.topic().id()).toList();
    }

    private static String marked(List<HelpSearch.Segment> segments) {
        StringBuilder out = new StringBuilder();
        segments.stream().filter(HelpSearch.Segment::match).forEach(s -> out.append(s.text().toLowerCase()).append(' '));
        return out.toString();
    }
}
