package org.wte.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id at OWASP's parameters (19 MiB, 2 iterations, parallelism 1), with rehash when they change. */
public final class PasswordHasher {
    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int OUTPUT_LENGTH = 32;
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 200;

    private final Argon2Function function;

    public PasswordHasher() {
        this(MEMORY_KIB, ITERATIONS, PARALLELISM);
    }

    PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this.function = Argon2Function.getInstance(memoryKib, iterations, parallelism, OUTPUT_LENGTH, Argon2.ID);
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(function).getResult();
    }

    public boolean verify(String password, String hash) {
        if (hash == null || !hash.startsWith("$argon2")) {
            return false;
        }
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** True when the stored hash was made with other parameters than today's. */
    public boolean needsRehash(String hash) {
        Argon2Function stored = Argon2Function.getInstanceFromHash(hash);
        return stored.getMemory() != function.getMemory() || stored.getIterations() != function.getIterations()
                || stored.getParallelism() != function.getParallelism() || stored.getVariant() != Argon2.ID;
    }

    /** The password rules, as one message, or null when the password is acceptable. */
    public static String problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "Use at least " + MIN_LENGTH + " characters.";
        }
        if (password.length() > MAX_LENGTH) {
            return "Use at most " + MAX_LENGTH + " characters.";
        }
        return null;
    }
}
