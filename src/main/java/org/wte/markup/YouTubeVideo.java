package org.wte.markup;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YouTube video and its start time, read from any common form of YouTube link (watch?v=, youtu.be,
 * embed, shorts, live, m.youtube.com, with a start time as t=90, t=1m30s or start=90), embedded from
 * the privacy-enhanced domain.
 */
record YouTubeVideo(String id, int start) {
    static final String EMBED_PREFIX = "https://www.youtube-nocookie.com/embed/";
    /** The only iframe source the sanitiser lets through. */
    static final Pattern EMBED_URL = Pattern.compile(
            Pattern.quote(EMBED_PREFIX) + "[A-Za-z0-9_-]{11}(?:\\?start=[0-9]{1,6})?");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{11}");
    private static final Pattern SECONDS = Pattern.compile("([0-9]{1,6})s?");
    private static final Pattern HMS = Pattern.compile("(?:([0-9]{1,3})h)?(?:([0-9]{1,4})m)?(?:([0-9]{1,6})s)?");
    private static final Set<String> YOUTUBE_HOSTS = Set.of("youtube.com", "www.youtube.com", "m.youtube.com",
            "music.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com");
    private static final Set<String> SHORT_HOSTS = Set.of("youtu.be", "www.youtu.be");
    private static final Set<String> ID_PATHS = Set.of("embed", "shorts", "live", "v", "e");
    private static final int MAX_START = 999_999;

    /** Thrown for anything that is not a YouTube video link; the message is for the author. */
    static final class NotAVideo extends Exception {
        NotAVideo(String message) {
            super(message, null, false, false);
        }
    }

    String embedUrl() {
        return EMBED_PREFIX + id + (start > 0 ? "?start=" + start : "");
    }

    static YouTubeVideo parse(String link) throws NotAVideo {
        String text = link == null ? "" : link.strip();
        if (text.isEmpty()) {
            throw new NotAVideo("the video block has no YouTube link");
        }
        if (!text.contains("://") && !text.contains(":")) {
            text = "https://" + text; // "youtu.be/ID" as people paste it
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw notYouTube(link);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getRawUserInfo() != null
                || uri.getPort() != -1) {
            throw notYouTube(link);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        Map<String, String> query = parameters(uri.getRawQuery());
        Map<String, String> fragment = parameters(uri.getRawFragment());
        String id;
        if (SHORT_HOSTS.contains(host)) {
            id = segment(path, 0);
        } else if (YOUTUBE_HOSTS.contains(host)) {
            String first = segment(path, 0);
            if (first.equals("watch")) {
                id = query.getOrDefault("v", "");
            } else if (ID_PATHS.contains(first)) {
                id = segment(path, 1);
            } else {
                throw new NotAVideo("a YouTube link without a video: " + BlockOptions.shown(link)
                        + " (use the link of one video, such as https://youtu.be/ID)");
            }
        } else {
            throw notYouTube(link);
        }
        if (id.isEmpty()) {
            throw new NotAVideo("the YouTube link has no video id: " + BlockOptions.shown(link));
        }
        if (!ID.matcher(id).matches()) {
            throw new NotAVideo("not a YouTube video id: " + BlockOptions.shown(id)
                    + " (an id has 11 letters, digits, - or _)");
        }
        String time = query.getOrDefault("t", query.getOrDefault("start",
                fragment.getOrDefault("t", fragment.getOrDefault("start", ""))));
        return new YouTubeVideo(id, seconds(time, link));
    }

    private static NotAVideo notYouTube(String link) {
        return new NotAVideo("not a YouTube link: " + BlockOptions.shown(link)
                + " (only YouTube videos can be embedded)");
    }

    private static int seconds(String time, String link) throws NotAVideo {
        if (time.isEmpty()) {
            return 0;
        }
        Matcher plain = SECONDS.matcher(time);
        long total;
        if (plain.matches()) {
            total = Long.parseLong(plain.group(1));
        } else {
            Matcher hms = HMS.matcher(time);
            if (!hms.matches()) {
                throw new NotAVideo("cannot read the start time " + BlockOptions.shown(time) + " in "
                        + BlockOptions.shown(link) + " (write t=90 or t=1m30s)");
            }
            total = number(hms.group(1)) * 3600 + number(hms.group(2)) * 60 + number(hms.group(3));
        }
        if (total > MAX_START) {
            throw new NotAVideo("the start time " + BlockOptions.shown(time) + " is too large");
        }
        return (int) total;
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static String segment(String path, int index) {
        String[] parts = path.replaceFirst("^/+", "").split("/");
        return index < parts.length ? decode(parts[index]) : "";
    }

    private static Map<String, String> parameters(String raw) {
        Map<String, String> map = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return map;
        }
        for (String pair : raw.split("[&;]")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            map.putIfAbsent(name, value);
        }
        return map;
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
