package org.wte.asset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.wte.CompositionRoot;
import org.wte.testing.ScratchMariaDb;
import org.wte.testing.TestDatabase;

/**
 * Every {@link AssetServiceTest} on MariaDB (a scratch database of its own): the migration runs there,
 * Hibernate's validation passes, bytes round-trip through LONGBLOB, and MariaDB's case- and
 * accent-insensitive collation does not change what a name finds.
 */
class MariaDbAssetServiceIT extends AssetServiceTest {
    private ScratchMariaDb mariaDb;

    @Override
    CompositionRoot startRoot() throws Exception {
        mariaDb = ScratchMariaDb.create("MariaDbAssetServiceIT");
        return TestDatabase.start("[uploads]\nmax_file_size = 64K\nmax_request_size = 1M", mariaDb);
    }

    @AfterAll
    void dropDatabase() throws Exception {
        if (root != null) {
            root.close();
            root = null;
        }
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    @Test
    void theDataColumnIsALongblob() throws Exception {
        try (Connection c = root.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT DATA_TYPE FROM information_schema.COLUMNS "
                     + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'asset' AND COLUMN_NAME = 'data'")) {
            ps.setString(1, mariaDb.name());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("longblob", rs.getString(1));
            }
            c.rollback();
        }
    }

    @Test
    void namesTheCollationCountsAsTheSameAreRefusedWithAMessage() {
        Tree t = tree();
        upload(t.part(), AssetKind.ASSET, "café.txt", text("x"));
        // Java's check sees two different names; MariaDB's unique key (utf8mb4_unicode_ci) sees one.
        assertTrue(refused(() -> upload(t.part(), AssetKind.ASSET, "cafe.txt", text("y"))).asMap().get("name")
                .contains("already here"));
        assertEquals(java.util.List.of("café.txt"), names(t.part(), AssetKind.ASSET));
    }
}
