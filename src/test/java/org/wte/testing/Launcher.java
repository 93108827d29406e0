package org.wte.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The distribution's real launcher (target/wte/bin/wte, built by `mvn package`), run as cron or an admin runs
 * it: a separate process with its own JVM, in a working directory of the test's.
 */
public final class Launcher {
    private Launcher() {}

    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    public static Path path() {
        Path launcher = Path.of(System.getProperty("wte.dist", "target/wte")).resolve("bin/wte").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            fail(launcher + " does not exist (or is not executable): run `mvn package` first "
                    + "(the ITs run in `mvn verify`, after package)");
        }
        return launcher;
    }

    /** `bin/wte args…` in {@code work}, with this JVM's java and no stray WTE_CONFIG or JAVA_OPTS. */
    public static ProcessBuilder command(Path work, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(path().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().remove("WTE_CONFIG");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("WTE_TEST_PAUSE_AFTER_ACT");
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return pb;
    }

    /** A started process whose output goes to files, read by {@link #finish}. */
    public record Running(Process process, Path out, Path err) {
        public Result finish(Duration timeout) throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail("wte did not finish within " + timeout + ":\n" + Files.readString(out) + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }

    public static Running start(ProcessBuilder pb) throws IOException {
        Path out = Files.createTempFile("wte-out", ".txt");
        Path err = Files.createTempFile("wte-err", ".txt");
        out.toFile().deleteOnExit();
        err.toFile().deleteOnExit();
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        return new Running(p, out, err);
    }

    public static Result run(Path work, Duration timeout, String... args) throws IOException, InterruptedException {
        return start(command(work, args)).finish(timeout);
    }
}
