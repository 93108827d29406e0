package org.wte.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.wte.CompositionRoot;
import org.wte.config.Settings;
import org.wte.content.Part;
import org.wte.exchange.ExchangeService;
import org.wte.exchange.ImportProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `wte export PART_ID FILE [CONFIG]`: a module, part or page as WTE's ZIP, as the Export page writes it. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a module, part or page (with everything in it) to FILE, a ZIP that `wte import` and "
                + "the Import page read.",
                "The INI file comes last, as for run-timed-tasks; without it, the embedded defaults.",
                "Exit codes: 0 exported, 2 bad arguments or settings, 3 database unreachable, 5 no such part or the "
                        + "file cannot be written."})
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PART_ID", description = "the id of the module, part or page")
    long partId;

    @Parameters(index = "1", paramLabel = "FILE", description = "the ZIP to write (replaced if it exists)")
    Path file;

    @Parameters(index = "2", arity = "0..1", paramLabel = "CONFIG", description = "INI file; without it, the embedded "
            + "defaults")
    Path config;

    @Option(names = "--timed-actions", description = "include the timed actions, counted from --reference-date")
    boolean timedActions;

    @Option(names = "--reference-date", paramLabel = "DATE", description = "the date (YYYY-MM-DD) timed actions "
            + "count from (default: the first one due, else today)")
    LocalDate referenceDate;

    @Override
    public Integer call() {
        if (referenceDate != null && !timedActions) {
            System.err.println("wte export: --reference-date needs --timed-actions");
            return Main.CONFIG_ERROR;
        }
        Settings settings = ConfigOption.load(config);
        CompositionRoot root = ExchangeCommands.start("export", settings, config);
        if (root == null) {
            return ExchangeCommands.NO_DATABASE;
        }
        try (root) {
            LocalDate date = null;
            if (timedActions) {
                date = referenceDate != null ? referenceDate : root.database().inTransaction(s -> {
                    Part part = s.get(Part.class, partId);
                    return part == null ? null : root.exchange().exporter().defaultReferenceDate(s, part);
                });
            }
            ExchangeService.Export export = root.exchange().export(partId, date);
            try {
                Files.move(export.file(), file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                try {
                    Files.copy(export.file(), file, StandardCopyOption.REPLACE_EXISTING);
                    Files.deleteIfExists(export.file());
                } catch (IOException again) {
                    System.err.println("wte export: cannot write " + file + ": " + again.getMessage());
                    return ExchangeCommands.CANNOT_IMPORT;
                }
            }
            System.out.println("wte export: #" + partId + " written to " + file + (date == null ? ""
                    : " with its timed actions, counted from " + date));
            return 0;
        } catch (ImportProblem e) {
            System.err.println("wte export: " + e.getMessage());
            return ExchangeCommands.CANNOT_IMPORT;
        }
    }
}
