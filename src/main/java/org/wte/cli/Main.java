package org.wte.cli;

import org.wte.config.SettingsException;
import org.wte.web.StartupProblem;
import org.wte.web.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `wte <command>`: one class per command; settings problems exit 2, other failures 1, one line each. */
@Command(name = "wte", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "WTE, the Web Teaching Environment.",
        subcommands = {ServeCommand.class, RunTimedTasksCommand.class, GenerateConfigCommand.class,
                CheckConfigCommand.class, InitialiseDatabaseCommand.class, CreateAdminCommand.class,
                ExportCommand.class, ImportCommand.class})
public final class Main implements Runnable {
    public static final int CONFIG_ERROR = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof SettingsException) {
                commandLine.getErr().println("wte: " + e.getMessage());
                return CONFIG_ERROR;
            }
            if (e instanceof CommandFailure) {
                commandLine.getErr().println("wte: " + e.getMessage());
                return 1;
            }
            commandLine.getErr().println("wte " + commandLine.getCommandName() + ": " + StartupProblem.describe(e));
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** A command's own failure: its message is the one line the user sees. */
    public static final class CommandFailure extends RuntimeException {
        public CommandFailure(String message) {
            super(message);
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"WTE " + Version.current()};
        }
    }
}
