package org.wte.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;


/**
 * A database of a test's own on the MariaDB at 127.0.0.1:3306 (root, empty password), created fresh and
 * dropped at close. When MariaDB is not reachable the test is skipped with a printed reason, unless
 * -Dwte.requireServices=true (CI), where it fails.
 */
public final class ScratchMariaDb implements AutoCloseable {
    public static final String SERVER = System.getProperty("wte.mariadb.server", "jdbc:mariadb://127.0.0.1:3306/");
    public static final String USER = System.getProperty("wte.mariadb.user", "root");
    public static final String PASSWORD = System.getProperty("wte.mariadb.password", "");

    private final String name;

    private ScratchMariaDb(String name) {
        this.name = name;
    }

    public static ScratchMariaDb create(String testName) {
        String name = "wte_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(SERVER + "?connectTimeout=5000", USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            MissingService.skipOrFail(testName, "MariaDB at " + SERVER + " (user " + USER + ") is not reachable: "
                    + e.getMessage());
        }
        return new ScratchMariaDb(name);
    }

    public String name() {
        return name;
    }

    public String url() {
        return SERVER + name;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }
}
