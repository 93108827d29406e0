package org.wte.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import org.wte.CompositionRoot;
import org.wte.account.Emails;
import org.wte.account.User;
import org.wte.config.Settings;
import org.wte.exchange.ImportProblem;
import org.wte.exchange.ImportReport;
import org.wte.exchange.Importer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `wte import FILE [--parent ID] --owner EMAIL [CONFIG]`: a WTE export (or the original WTE's) as a new module, or
 * into a module or part, in one transaction, with a progress line and the import report.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import FILE, a ZIP exported from WTE (or from the original Python WTE): a module as a new "
                + "module, a part into the module --parent, a page into the part --parent. Everything imported "
                + "belongs to --owner and is unavailable until made available.",
                "The INI file comes last, as for run-timed-tasks; without it, the embedded defaults.",
                "Exit codes: 0 imported, 2 bad arguments or settings, 3 database unreachable, 5 the file cannot be "
                        + "imported (the message says why; nothing was changed)."})
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the ZIP to import")
    Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "CONFIG", description = "INI file; without it, the "
            + "embedded defaults")
    Path config;

    @Option(names = "--parent", paramLabel = "ID", description = "the module (for a part) or part (for a page) to "
            + "import into; without it, a module file becomes a new module")
    Long parent;

    @Option(names = "--owner", required = true, paramLabel = "EMAIL", description = "the user who owns what is "
            + "imported (owner of a new module)")
    String owner;

    @Option(names = "--reference-date", paramLabel = "DATE", description = "the new date (YYYY-MM-DD) the file's "
            + "timed actions count from; without it they are left out")
    LocalDate referenceDate;

    @Override
    public Integer call() {
        if (!Emails.isValid(owner)) {
            System.err.println("wte import: --owner '" + owner + "' is not an e-mail address");
            return Main.CONFIG_ERROR;
        }
        if (!Files.isRegularFile(file)) {
            System.err.println("wte import: " + file + " is not a file");
            return Main.CONFIG_ERROR;
        }
        Settings settings = ConfigOption.load(config);
        CompositionRoot root = ExchangeCommands.start("import", settings, config);
        if (root == null) {
            return ExchangeCommands.NO_DATABASE;
        }
        try (root) {
            Long ownerId = root.database().inTransaction(s -> root.users().byEmail(s, Emails.normalise(owner))
                    .map(User::getId).orElse(null));
            if (ownerId == null) {
                System.err.println("wte import: there is no user " + Emails.normalise(owner) + " (--owner)");
                return Main.CONFIG_ERROR;
            }
            ProgressLine progress = new ProgressLine(System.out, System.console() != null);
            ImportReport report;
            try (InputStream in = Files.newInputStream(file)) {
                report = root.exchange().importFile(in, ownerId, parent, referenceDate, progress);
            } catch (NoSuchFileException e) {
                System.err.println("wte import: " + file + " is not a file");
                return Main.CONFIG_ERROR;
            } catch (IOException e) {
                System.err.println("wte import: cannot read " + file + ": " + e.getMessage());
                return ExchangeCommands.CANNOT_IMPORT;
            } finally {
                progress.end();
            }
            print(report);
            return 0;
        } catch (ImportProblem e) {
            System.err.println("wte import: " + file.getFileName() + " cannot be imported: " + e.getMessage());
            return ExchangeCommands.CANNOT_IMPORT;
        }
    }

    private static void print(ImportReport r) {
        System.out.println("wte import: imported the " + r.rootType() + " \u201c" + r.rootTitle() + "\u201d as #"
                + r.rootId() + ": " + count(r.parts(), "item", "items") + " (the " + r.rootType() + " and everything in it), "
                + count(r.files(), "file", "files") + ", " + count(r.quizzes(), "quiz", "quizzes") + ", "
                + count(r.timedActions(), "timed action", "timed actions")
                + "; everything is unavailable until made available");
        for (List<String> section : List.of(r.brokenReferences(), r.fileChanges(), r.actions(), r.markup(),
                r.converted(), r.unavailable())) {
            section.forEach(line -> System.out.println("  - " + line));
        }
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** "importing: 120/300 entries", rewritten in place on a terminal, a line per tenth otherwise. */
    static final class ProgressLine implements Importer.Progress {
        private final PrintStream out;
        private final boolean terminal;
        private int lastTenth = -1;
        private boolean written;

        ProgressLine(PrintStream out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public void update(int done, int total) {
            String line = "importing: " + done + "/" + total + " entries";
            if (terminal) {
                out.print("\r" + line);
                out.flush();
                written = true;
                return;
            }
            int tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth != lastTenth) {
                lastTenth = tenth;
                out.println(line);
            }
        }

        void end() {
            if (terminal && written) {
                out.println();
            }
        }
    }
}
