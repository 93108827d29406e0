package org.wte.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import jakarta.ws.rs.ForbiddenException;
import org.hibernate.Session;
import org.wte.account.Permission;
import org.wte.content.Part;
import org.wte.content.PartService;
import org.wte.db.Database;
import org.wte.web.CurrentUser;

/**
 * Export and import as the pages and the CLI use them: who may do what, and the transactions. An import file
 * is read and checked before the transaction starts, and imported in one transaction: a refused file or any
 * failure leaves the database as it was.
 */
public final class ExchangeService {
    private final Database db;
    private final PartService partService;
    private final Exporter exporter;
    private final Importer importer;
    private final long maxImportSize;

    public ExchangeService(Database db, PartService partService, Exporter exporter, Importer importer,
                           long maxImportSize) {
        this.db = db;
        this.partService = partService;
        this.exporter = exporter;
        this.importer = importer;
        this.maxImportSize = maxImportSize;
    }

    public Exporter exporter() {
        return exporter;
    }

    public long maxImportSize() {
        return maxImportSize;
    }

    /**
     * Writes the export of a node the user may edit to a temporary file (the caller sends and deletes it):
     * the database is read in one transaction, and the response is written after it has ended.
     */
    public Export export(CurrentUser user, long partId, LocalDate referenceDate) {
        return db.inTransaction(s -> {
            Part part = partService.editable(s, user, partId);
            return write(s, part, referenceDate);
        });
    }

    /** The CLI's export: any node, by id (the console's user administers the installation). */
    public Export export(long partId, LocalDate referenceDate) {
        return db.inTransaction(s -> {
            Part part = s.get(Part.class, partId);
            if (part == null) {
                throw new ImportProblem("There is no part #" + partId + ".");
            }
            return write(s, part, referenceDate);
        });
    }

    /** An export written to a temporary file, and the file name to offer. */
    public record Export(Path file, String fileName) {}

    private Export write(Session s, Part part, LocalDate referenceDate) {
        try {
            Path file = Files.createTempFile("wte-export-", ".zip");
            try (OutputStream out = Files.newOutputStream(file)) {
                exporter.write(s, part, referenceDate, out);
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return new Export(file, Exporter.fileName(part));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A page's import: as a new module ({@code parentId} null; the user must be allowed to create modules) or
     * into a module or part the user may edit; everything belongs to the user.
     */
    public ImportReport importFile(InputStream in, CurrentUser user, Long parentId, LocalDate referenceDate) {
        try (ImportSource source = ImportSource.open(in, SafeZip.Limits.of(maxImportSize))) {
            return db.inTransaction(s -> {
                Part parent = null;
                if (parentId == null) {
                    if (!user.can(Permission.MODULES_CREATE)) {
                        throw new ForbiddenException("Only teachers may create modules.");
                    }
                } else {
                    parent = partService.editable(s, user, parentId);
                }
                return importer.run(s, source, parent, user.id(), referenceDate, Importer.Progress.NONE);
            });
        }
    }

    /** The CLI's import: owned by {@code ownerId}, into any part (or as a new module). */
    public ImportReport importFile(InputStream in, long ownerId, Long parentId, LocalDate referenceDate,
                                   Importer.Progress progress) {
        try (ImportSource source = ImportSource.open(in, SafeZip.Limits.of(maxImportSize))) {
            return db.inTransaction(s -> {
                Part parent = null;
                if (parentId != null) {
                    parent = s.get(Part.class, parentId);
                    if (parent == null) {
                        throw new ImportProblem("There is no part #" + parentId + " to import into.");
                    }
                }
                return importer.run(s, source, parent, ownerId, referenceDate, progress);
            });
        }
    }
}
