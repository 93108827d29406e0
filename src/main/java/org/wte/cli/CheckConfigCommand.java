package org.wte.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.wte.config.Settings;
import org.wte.config.SettingsLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate an INI file and print what WTE would use (secrets masked). Exit 2 if it is wrong.")
final class CheckConfigCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        Settings s = SettingsLoader.load(file);
        System.out.println(file + " is valid. WTE would use:");
        System.out.println("[app]");
        line("url", s.app().url());
        line("secret", mask(s.app().secret()));
        line("timezone", s.app().timezone().getId());
        line("title", s.app().title());
        line("admin_email", s.app().adminEmail());
        System.out.println("[server]  (wte serve only)");
        line("host", s.server().host());
        line("http_port", s.server().httpPort());
        line("ajp_port", s.server().ajpPort() == 0 ? "0 (off)" : s.server().ajpPort());
        line("ajp_secret", mask(s.server().ajpSecret()));
        line("context_path", s.server().contextPath().isEmpty() ? "/" : s.server().contextPath());
        line("jvm_route", s.server().jvmRoute());
        System.out.println("[database]");
        line("url", s.database().url());
        line("user", s.database().user());
        line("password", mask(s.database().password()));
        line("pool_size", s.database().poolSize());
        System.out.println("[registration]");
        line("enabled", s.registration().enabled());
        line("domains", s.registration().domains().isEmpty() ? "(any)" : String.join(", ", s.registration().domains()));
        line("token_hours", s.registration().tokenHours());
        System.out.println("[uploads]");
        line("max_file_size", s.uploads().maxFileSize() + " bytes");
        line("max_request_size", s.uploads().maxRequestSize() + " bytes");
        line("max_import_size", s.uploads().maxImportSize() + " bytes");
        System.out.println("[email]");
        line("host", s.email().configured() ? s.email().host() : "(none: mails stay in the outbox)");
        line("port", s.email().port());
        line("security", s.email().security());
        line("user", s.email().user());
        line("password", mask(s.email().password()));
        line("from", s.email().from());
        System.out.println("[timed_tasks]");
        line("batch_size", s.timedTasks().batchSize());
        line("max_attempts", s.timedTasks().maxAttempts());
        line("lease_seconds", s.timedTasks().leaseSeconds());
        line("backoff_seconds", s.timedTasks().backoffSeconds());
        line("max_seconds", s.timedTasks().maxSeconds());
        System.out.println("[logging]");
        line("level", s.logging().level());
        line("file", s.logging().file().isEmpty() ? "(console)" : s.logging().file());
        return 0;
    }

    private static void line(String key, Object value) {
        System.out.println("  " + key + " = " + value);
    }

    static String mask(String secret) {
        return secret.isEmpty() ? "(empty)" : "******** (" + secret.length() + " characters)";
    }
}
