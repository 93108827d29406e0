package org.wte.help;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Search over the titles and texts of every topic: case-insensitive, every word must occur (AND), results
 * with the best first (words in the title, then how often the words occur), each with a snippet of the text
 * around the first match. Matches are returned as segments for the template to mark, so the page escapes
 * everything itself.
 */
public final class HelpSearch {
    public static final int MAX_QUERY = 200;
    static final int MAX_WORDS = 10;
    private static final int BEFORE = 70;
    private static final int LENGTH = 220;

    private final HelpTopics topics;

    public HelpSearch(HelpTopics topics) {
        this.topics = topics;
    }

    /** A piece of a title or snippet; {@code match} pieces are one of the searched words. */
    public record Segment(String text, boolean match) {}

    public record Result(HelpTopic topic, List<Segment> title, List<Segment> snippet) {}

    /** The query's distinct words, lower-cased, at most {@link #MAX_WORDS}; empty for a blank query. */
    public static List<String> words(String query) {
        Set<String> words = new LinkedHashSet<>();
        if (query != null) {
            for (String w : query.strip().split("\\s+")) {
                if (!w.isEmpty() && words.size() < MAX_WORDS) {
                    words.add(w.toLowerCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(words);
    }

    public List<Result> search(String query) {
        List<String> words = words(query);
        if (words.isEmpty()) {
            return List.of();
        }
        Pattern any = anyOf(words);
        List<Scored> found = new ArrayList<>();
        for (HelpTopic topic : topics.all()) {
            String title = topic.title().toLowerCase(Locale.ROOT);
            String text = topic.text().toLowerCase(Locale.ROOT);
            boolean all = words.stream().allMatch(w -> title.contains(w) || text.contains(w));
            if (!all) {
                continue;
            }
            int score = 0;
            for (String w : words) {
                score += title.contains(w) ? 1000 : 0;
                score += Math.min(occurrences(text, w), 100);
            }
            found.add(new Scored(new Result(topic, segments(topic.title(), any), snippet(topic, any)), score));
        }
        found.sort(Comparator.comparingInt(Scored::score).reversed());
        return found.stream().map(Scored::result).toList();
    }

    private record Scored(Result result, int score) {}

    private static Pattern anyOf(List<String> words) {
        // Longest first, so that "page" does not hide "pages" inside the same match.
        List<String> sorted = new ArrayList<>(words);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder regex = new StringBuilder();
        for (String w : sorted) {
            regex.append(regex.length() == 0 ? "" : "|").append(Pattern.quote(w));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static int occurrences(String text, String word) {
        int n = 0;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length())) {
            n++;
        }
        return n;
    }

    /** About {@link #LENGTH} characters of the text around its first match, cut at spaces. */
    static List<Segment> snippet(HelpTopic topic, Pattern any) {
        String text = topic.text();
        Matcher m = any.matcher(text);
        int first = m.find() ? m.start() : 0;
        int start = Math.max(0, first - BEFORE);
        if (start > 0) {
            int space = text.indexOf(' ', start);
            start = space >= 0 && space < first ? space + 1 : start;
        }
        int end = Math.min(text.length(), start + LENGTH);
        if (end < text.length()) {
            int space = text.lastIndexOf(' ', end);
            end = space > first ? space : end;
        }
        List<Segment> out = new ArrayList<>();
        if (start > 0) {
            out.add(new Segment("… ", false));
        }
        out.addAll(segments(text.substring(start, end), any));
        if (end < text.length()) {
            out.add(new Segment(" …", false));
        }
        return out;
    }

    static List<Segment> segments(String text, Pattern any) {
        List<Segment> out = new ArrayList<>();
        Matcher m = any.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                out.add(new Segment(text.substring(at, m.start()), false));
            }
            out.add(new Segment(m.group(), true));
            at = m.end();
        }
        if (at < text.length()) {
            out.add(new Segment(text.substring(at), false));
        }
        return out;
    }
}
