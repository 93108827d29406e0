package org.wte.bench;

import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load side of bench/classroom: a class of students on the server started by {@link ClassroomServer}.
 * Each student logs in, opens a page of the part (then the next one every 60 s), saves a 5 KB file every
 * 10 s and sends a time-on-page beacon every minute, all on their own schedule (open loop: a slow server
 * does not slow the class down); a teacher reloads the part's progress statistics every 2 s. Then, in the
 * same Tomcat, a trivial servlet is driven flat out as the ceiling. Prints the figures.
 * Arguments: base URL of WTE (…/wte), seed file, students, seconds.
 */
public final class ClassroomLoad {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(16)).build();
    private final String base;
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());

    private ClassroomLoad(String base) {
        this.base = base;
    }

    /** A logged-in browser: its session cookie and CSRF token, and the version of its file. */
    private static final class Student {
        final String email;
        String cookie = "";
        String csrf = "";
        volatile int version;
        int page;

        Student(String email) {
            this.email = email;
        }
    }

    public static void main(String[] args) throws Exception {
        Properties seed = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]))) {
            seed.load(in);
        }
        new ClassroomLoad(args[0]).run(seed, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        System.exit(0);
    }

    private void run(Properties seed, int students, int seconds) throws Exception {
        String password = seed.getProperty("password");
        long part = Long.parseLong(seed.getProperty("part"));
        long[] pages = java.util.Arrays.stream(seed.getProperty("pages").split(",")).mapToLong(Long::parseLong).toArray();

        long t0 = System.nanoTime();
        List<Student> class_ = new ArrayList<>();
        ExecutorService logins = Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Student>> pending = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            String email = "student" + i + "@bench.example";
            pending.add(logins.submit(() -> login(email, password)));
        }
        Student teacher = login(seed.getProperty("teacher"), password);
        for (var f : pending) {
            class_.add(f.get());
        }
        logins.shutdown();
        System.out.printf("logged in %d students and a teacher in %.1f s%n", students, (System.nanoTime() - t0) / 1e9);

        // Warm-up: every student opens the part's first page once (their workspace is created from the
        // template then) and reads their file's version; not measured.
        for (Student s : class_) {
            String html = get(s, "/parts/" + pages[0]).body();
            s.csrf = csrf(html, s.csrf);
            s.version = fileVersion(s, part);
        }
        latencies.clear();
        errors.clear();
        get(teacher, "/../bench/memory?reset=1");

        ScheduledExecutorService clock = Executors.newScheduledThreadPool(4);
        Random random = new Random(42);
        String fiveKb = "<!doctype html>\n<html><head><title>Exercise</title><style>p { color: navy; }</style></head>\n<body>\n"
                + "<p>Some text the student wrote, line after line, to make a file of five kilobytes.</p>\n".repeat(57)
                + "</body></html>\n";
        CountDownLatch done = new CountDownLatch(1);
        long startNanos = System.nanoTime();
        for (Student s : class_) {
            long phase = random.nextInt(10_000);
            clock.scheduleAtFixedRate(() -> save(s, part, fiveKb + "<!-- " + System.nanoTime() + " -->"), phase, 10_000,
                    TimeUnit.MILLISECONDS);
            clock.scheduleAtFixedRate(() -> {
                s.page = (s.page + 1) % pages.length;
                timed("page view", () -> get(s, "/parts/" + pages[s.page]), 200);
            }, random.nextInt(60_000), 60_000, TimeUnit.MILLISECONDS);
            clock.scheduleAtFixedRate(() -> beacon(s, pages[s.page]), random.nextInt(60_000), 60_000, TimeUnit.MILLISECONDS);
        }
        clock.scheduleAtFixedRate(() -> timed("statistics", () -> get(teacher, statisticsPath(part)), 200), 0, 2_000,
                TimeUnit.MILLISECONDS);
        clock.schedule(done::countDown, seconds, TimeUnit.SECONDS);
        done.await();
        clock.shutdown(); // no new requests; those in flight finish (shutdownNow would interrupt them)
        clock.awaitTermination(60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        String memory = get(teacher, "/../bench/memory").body();

        System.out.printf("%nclass of %d students, %.0f s, open loop%n", students, elapsed);
        System.out.printf("%-12s %8s %8s %8s %8s %8s %8s%n", "request", "count", "per s", "p50 ms", "p95 ms", "p99 ms", "max ms");
        long total = 0;
        for (String kind : List.of("page view", "save", "beacon", "statistics")) {
            List<Long> l = new ArrayList<>(latencies.getOrDefault(kind, List.of()));
            Collections.sort(l);
            total += l.size();
            System.out.printf("%-12s %8d %8.1f %8.1f %8.1f %8.1f %8.1f%n", kind, l.size(), l.size() / elapsed, pct(l, 50),
                    pct(l, 95), pct(l, 99), l.isEmpty() ? 0 : l.get(l.size() - 1) / 1e6);
        }
        long errorCount = errors.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("all requests %d (%.1f/s), errors %d %s%n", total, total / elapsed, errorCount, errors);
        errorSamples.stream().limit(5).forEach(e -> System.out.println("  error: " + e));
        for (String line : memory.split("\n")) {
            String[] kv = line.split("=");
            if (kv.length == 2 && !kv[0].equals("rss_peak_kb")) {
                System.out.printf("server %s: %d MB%n", kv[0], Long.parseLong(kv[1]) >> 20);
            } else if (kv.length == 2) {
                System.out.printf("server rss_peak: %d MB%n", Long.parseLong(kv[1]) >> 10);
            }
        }
        ceiling(16, 10);
    }

    /** The trivial servlet in the same Tomcat, driven by 16 connections back to back: what the server can do at most. */
    private void ceiling(int connections, int seconds) throws Exception {
        URI uri = URI.create(base + "/../bench/hello").normalize();
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        for (int i = 0; i < 2000; i++) { // warm-up
            http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        AtomicLong count = new AtomicLong();
        List<Long> l = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        for (int c = 0; c < connections; c++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        count.incrementAndGet();
                        l.add(System.nanoTime() - t);
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
        List<Long> sorted = new ArrayList<>(l);
        Collections.sort(sorted);
        System.out.printf("ceiling: trivial servlet in the same Tomcat, %d connections: %.0f requests/s, p50 %.2f ms, p99 %.2f ms%n",
                connections, count.get() / (double) seconds, pct(sorted, 50), pct(sorted, 99));
    }

    private Student login(String email, String password) throws Exception {
        Student s = new Student(email);
        HttpResponse<String> form = get(s, "/account/login");
        s.csrf = csrf(form.body(), "");
        HttpResponse<String> r = post(s, "/account/login", Map.of("email", email, "password", password, "_csrf", s.csrf));
        if (r.statusCode() != 303 && r.statusCode() != 302) {
            throw new IllegalStateException("login of " + email + " failed: HTTP " + r.statusCode());
        }
        s.csrf = csrf(get(s, "/modules").body(), s.csrf);
        return s;
    }

    private void save(Student s, long part, String content) {
        timed("save", () -> {
            HttpResponse<String> r = post(s, savePath(part), Map.of("content", content, "version",
                    String.valueOf(s.version), "_csrf", s.csrf));
            Matcher m = VERSION.matcher(r.body());
            if (r.statusCode() == 200 && m.find()) {
                s.version = Integer.parseInt(m.group(1));
            }
            return r;
        }, 200);
    }

    private void beacon(Student s, long page) {
        timed("beacon", () -> post(s, beaconPath(page), Map.of("seconds", "60", "_csrf", s.csrf)), 204);
    }

    private int fileVersion(Student s, long part) throws Exception {
        Matcher m = VERSION.matcher(get(s, filesPath(part)).body());
        if (!m.find()) {
            throw new IllegalStateException("no file in the workspace of " + s.email);
        }
        return Integer.parseInt(m.group(1));
    }

    // The routes of the features measured.
    private static String savePath(long part) {
        return "/parts/" + part + "/workspace/files/index.html";
    }

    private static String filesPath(long part) {
        return "/parts/" + part + "/workspace/files";
    }

    private static String beaconPath(long page) {
        return "/parts/" + page + "/time";
    }

    private static String statisticsPath(long part) {
        return "/parts/" + part + "/progress";
    }

    @FunctionalInterface
    private interface Call {
        HttpResponse<String> call() throws Exception;
    }

    private void timed(String kind, Call call, int expected) {
        long t = System.nanoTime();
        try {
            HttpResponse<String> r = call.call();
            long nanos = System.nanoTime() - t;
            latencies.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
            if (r.statusCode() != expected) {
                errors.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                errorSamples.add(kind + " HTTP " + r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length())));
            }
        } catch (Exception e) {
            errors.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
            errorSamples.add(kind + " " + e);
        }
    }

    private HttpResponse<String> get(Student s, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path).normalize()).timeout(Duration.ofSeconds(30));
        if (!s.cookie.isEmpty()) {
            b.header("Cookie", s.cookie);
        }
        return remember(s, http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> post(Student s, String path, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Requested-With", "fetch")
                .header("X-CSRF-Token", s.csrf);
        if (!s.cookie.isEmpty()) {
            b.header("Cookie", s.cookie);
        }
        return remember(s, http.send(b.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private static HttpResponse<String> remember(Student s, HttpResponse<String> r) {
        for (String c : r.headers().allValues("Set-Cookie")) {
            if (c.startsWith("WTESESSION=")) {
                s.cookie = c.substring(0, c.indexOf(';'));
            }
        }
        return r;
    }

    private static String csrf(String html, String fallback) {
        Matcher m = CSRF.matcher(html);
        return m.find() ? m.group(1) : fallback;
    }

    private static double pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}
