package org.wte.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.wte.CompositionRoot;
import org.wte.account.Administrators;
import org.wte.account.Emails;
import org.wte.account.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "create-admin", mixinStandardHelpOptions = true,
        description = "Make EMAIL an administrator (creating the account if needed) and print a one-time password, "
                + "or take the password from standard input with --password-stdin.")
final class CreateAdminCommand implements Callable<Integer> {
    @Parameters(paramLabel = "EMAIL")
    String email;

    @Option(names = {"-c", "--config"}, paramLabel = "CONFIG", description = "INI file; without it, the embedded defaults")
    Path config;

    @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
    boolean passwordStdin;

    @Override
    public Integer call() throws IOException {
        if (!Emails.isValid(email)) {
            throw new Main.CommandFailure("'" + email + "' is not an e-mail address");
        }
        String password;
        if (passwordStdin) {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            String problem = PasswordHasher.problem(password);
            if (problem != null) {
                throw new Main.CommandFailure("the password from standard input is not acceptable: " + problem);
            }
        } else {
            password = Administrators.generatePassword();
        }
        try (CompositionRoot root = CompositionRoot.start(ConfigOption.load(config), CompositionRoot.Schema.REQUIRE_CURRENT)) {
            root.administrators().create(email, password, !passwordStdin);
        }
        System.out.println("Administrator: " + Emails.normalise(email));
        if (!passwordStdin) {
            System.out.println("One-time password: " + password + "   (must be changed at the first login)");
        }
        return 0;
    }
}
