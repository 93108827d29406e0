package org.wte.testing;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping a child process and everything it started (Apache's workers, a launcher script's JVM). */
public final class Processes {
    private Processes() {}

    /** SIGTERM to the process tree, children first; after 15 s, SIGKILL to whatever is left. */
    public static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : tree) {
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }
}
