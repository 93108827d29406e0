package org.wte.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.wte.CompositionRoot;
import org.wte.account.PasswordHasher;
import org.wte.config.Settings;
import org.wte.config.SettingsLoader;
import org.wte.server.EmbeddedServer;
import org.wte.web.WebContext;

/**
 * The server side of bench/classroom: WTE on embedded Tomcat (the INI names MariaDB), a class seeded into its
 * database, and beside WTE in the same Tomcat a trivial servlet (/bench/hello, the ceiling) and the server's
 * memory figures (/bench/memory; ?reset=1 starts a new peak). Arguments: INI, seed file to write, students.
 */
public final class ClassroomServer {
    private ClassroomServer() {}

    public static void main(String[] args) throws Exception {
        Settings settings = SettingsLoader.load(Path.of(args[0]));
        int students = Integer.parseInt(args[2]);
        EmbeddedServer server = new EmbeddedServer(settings, EmbeddedServer.locateWebapp());
        server.start();
        server.addServletContext("/bench", "/*", new BenchServlet());
        CompositionRoot root = server.servletContextAttribute(WebContext.ROOT, CompositionRoot.class);
        Properties seed = seed(root, students);
        try (var out = Files.newBufferedWriter(Path.of(args[1]))) {
            seed.store(out, "bench/classroom seed");
        }
        System.out.println("READY pid " + ProcessHandle.current().pid());
        server.await();
    }

    /** A module with a part in the three-pane mode (5 pages, an index.html template), one teacher, n students. */
    private static Properties seed(CompositionRoot root, int students) throws Exception {
        String password = "classroom-bench-password";
        String hash = new PasswordHasher().hash(password);
        Timestamp now = Timestamp.from(Instant.now());
        Properties seed = new Properties();
        try (Connection c = root.dataSource().getConnection()) {
            c.setAutoCommit(false);
            long teacher = user(c, "teacher@bench.example", "Teacher", hash, now);
            long module = part(c, null, "MODULE", "Web development", 0, "TEXT", "<p>The module.</p>", now);
            long part = part(c, module, "PART", "Week 1: HTML and CSS", 0, "WORKSPACE", "<p>This week.</p>", now);
            List<Long> pages = new ArrayList<>();
            String text = "<h2>Exercise</h2>" + "<p>Write a page with a heading, a list and a styled paragraph. "
                    .repeat(40) + "</p><pre><code>&lt;h1&gt;Hello&lt;/h1&gt;</code></pre>";
            for (int i = 1; i <= 5; i++) {
                pages.add(part(c, part, "PAGE", "Step " + i, i, "TEXT", text, now));
            }
            byte[] template = "<!doctype html>\n<html><head><title>Exercise</title></head>\n<body>\n<h1>Hello</h1>\n</body></html>\n"
                    .getBytes(StandardCharsets.UTF_8);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO asset (part_id, kind, filename, mime_type, size, "
                    + "sha256, data, sort_order, created_at, updated_at) VALUES (?, 'TEMPLATE', 'index.html', 'text/html', ?, ?, ?, 0, ?, ?)")) {
                ps.setLong(1, part);
                ps.setLong(2, template.length);
                ps.setString(3, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(template)));
                ps.setBytes(4, template);
                ps.setTimestamp(5, now);
                ps.setTimestamp(6, now);
                ps.executeUpdate();
            }
            role(c, module, teacher, "OWNER", now);
            for (int i = 0; i < students; i++) {
                role(c, module, user(c, "student" + i + "@bench.example", "Student " + i, hash, now), "STUDENT", now);
            }
            c.commit();
            seed.setProperty("password", password);
            seed.setProperty("teacher", "teacher@bench.example");
            seed.setProperty("module", String.valueOf(module));
            seed.setProperty("part", String.valueOf(part));
            seed.setProperty("pages", String.join(",", pages.stream().map(String::valueOf).toList()));
        }
        return seed;
    }

    private static long user(Connection c, String email, String name, String hash, Timestamp now) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_user (email, display_name, password_hash, status, "
                + "created_at) VALUES (?, ?, ?, 'ACTIVE', ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, email);
            ps.setString(2, name);
            ps.setString(3, hash);
            ps.setTimestamp(4, now);
            ps.executeUpdate();
            return key(ps);
        }
    }

    private static long part(Connection c, Long parent, String type, String title, int order, String mode, String html,
                             Timestamp now) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO part (parent_id, type, title, sort_order, status, "
                + "display_mode, content, compiled, created_at, updated_at) VALUES (?, ?, ?, ?, 'AVAILABLE', ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setObject(1, parent);
            ps.setString(2, type);
            ps.setString(3, title);
            ps.setInt(4, order);
            ps.setString(5, mode);
            ps.setString(6, title);
            ps.setString(7, html);
            ps.setTimestamp(8, now);
            ps.setTimestamp(9, now);
            ps.executeUpdate();
            return key(ps);
        }
    }

    private static void role(Connection c, long module, long user, String role, Timestamp now) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO module_role (module_id, user_id, role, created_at) "
                + "VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, module);
            ps.setLong(2, user);
            ps.setString(3, role);
            ps.setTimestamp(4, now);
            ps.executeUpdate();
        }
    }

    private static long key(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.getGeneratedKeys()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** /bench/hello: the ceiling; /bench/memory: peak heap since the last reset and the process's peak RSS. */
    private static final class BenchServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain;charset=UTF-8");
            if (req.getPathInfo() != null && req.getPathInfo().startsWith("/memory")) {
                List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP).toList();
                if (req.getParameter("reset") != null) {
                    System.gc();
                    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                }
                long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                resp.getWriter().print("heap_peak=" + peak + "\nheap_used=" + used + "\nrss_peak_kb=" + rssPeakKb()
                        + "\nheap_max=" + Runtime.getRuntime().maxMemory() + "\n");
                return;
            }
            resp.getWriter().print("ok");
        }

        private static long rssPeakKb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        }
    }
}
