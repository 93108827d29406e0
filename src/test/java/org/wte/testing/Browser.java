package org.wte.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A minimal HTTP "browser" for full-stack tests: keeps cookies, does not follow redirects by itself,
 * parses pages with jsoup and submits their forms (with the CSRF field the page carries).
 */
public final class Browser {
    private final HttpClient client;
    private final CookieManager cookies = new CookieManager();

    public Browser() {
        client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public record Page(int status, String url, String body, Map<String, java.util.List<String>> headers) {
        public Document doc() {
            return Jsoup.parse(body, url);
        }

        public String location() {
            return headers.getOrDefault("location", java.util.List.of("")).get(0);
        }

        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), java.util.List.of("")).get(0);
        }
    }

    /** The value of a cookie the browser holds, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    public Page get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** GET, following redirects (303/302) up to 5 times. */
    public Page open(String url) throws IOException, InterruptedException {
        Page page = get(url);
        for (int i = 0; i < 5 && page.status() / 100 == 3; i++) {
            page = get(URI.create(page.url()).resolve(page.location()).toString());
        }
        return page;
    }

    public Page post(String url, Map<String, String> fields) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields))));
    }

    /** Fills the form matched by the CSS selector on the page with these values and submits it. */
    public Page submit(Page page, String formSelector, Map<String, String> values) throws IOException, InterruptedException {
        Element form = page.doc().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("no form " + formSelector + " on " + page.url() + ":\n" + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            String type = input.attr("type");
            if ((type.equals("checkbox") || type.equals("radio")) && !input.hasAttr("checked")) {
                continue;
            }
            fields.put(input.attr("name"), input.val());
        }
        fields.putAll(values);
        return post(form.absUrl("action"), fields);
    }

    public Page send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Page(response.statusCode(), response.uri().toString(), response.body(), response.headers().map());
    }

    /** A response kept as bytes (files), not decoded as text. */
    public record Download(int status, byte[] body, Map<String, java.util.List<String>> headers) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), java.util.List.of("")).get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public Download download(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Download(response.statusCode(), response.body(), response.headers().map());
    }

    public Download download(String url) throws IOException, InterruptedException {
        return download(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
