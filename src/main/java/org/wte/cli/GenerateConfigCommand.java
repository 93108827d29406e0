package org.wte.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;

import org.wte.config.PrivateFiles;
import org.wte.config.SettingsLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "generate-config", mixinStandardHelpOptions = true,
        description = "Write a fully commented production INI with a fresh app.secret (to FILE, or standard output).")
final class GenerateConfigCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "FILE", description = "where to write it; an existing file is never overwritten")
    Path file;

    @Override
    public Integer call() throws IOException {
        String text;
        try (InputStream in = GenerateConfigCommand.class.getResourceAsStream("/org/wte/config/production.ini.example")) {
            if (in == null) {
                throw new Main.CommandFailure("this build has no production.ini.example inside");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        text = text.replaceFirst("(?m)^secret = .*$", "secret = " + SettingsLoader.newSecret())
                .replaceFirst("(?m)^timezone = .*$", "timezone = " + ZoneId.systemDefault().getId());
        if (file == null) {
            System.out.print(text);
            return 0;
        }
        if (Files.exists(file)) {
            throw new Main.CommandFailure(file + ": exists already; not overwritten (remove it or choose another name)");
        }
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            throw new Main.CommandFailure(file + ": the directory " + directory + " does not exist; create it first "
                    + "(for example: install -d -m 750 " + directory + ")");
        }
        // Readable by the owner and the group (e.g. root:tomcat), never by others: it holds secrets.
        PrivateFiles.create(file, text, "rw-r-----");
        System.out.println("Wrote " + file + ". Edit [app] url, [database] and [email], then run: wte check-config " + file);
        return 0;
    }
}
