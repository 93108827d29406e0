package org.wte.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void aHashVerifiesItsPassword() {
        String hash = hasher.hash("correct horse battery staple");
        assertTrue(hasher.verify("correct horse battery staple", hash));
    }

    @Test
    void aWrongPasswordFails() {
        String hash = hasher.hash("correct horse battery staple");
        assertFalse(hasher.verify("correct horse battery stapl", hash));
        assertFalse(hasher.verify("Correct horse battery staple", hash));
        assertFalse(hasher.verify("", hash));
    }

    @Test
    void nonArgonOrMissingHashesNeverVerify() {
        assertFalse(hasher.verify("secret", null));
        assertFalse(hasher.verify("secret", ""));
        assertFalse(hasher.verify("secret", "secret"), "a plain-text 'hash' must not verify");
    }

    @Test
    void theHashIsArgon2idAtOwaspParameters() {
        String hash = hasher.hash("correct horse battery staple");
        assertTrue(hash.startsWith("$argon2id$"), hash);
        assertTrue(hash.contains("m=19456,t=2,p=1"), hash);
        assertFalse(hash.contains("correct horse"), "the hash must not contain the password");
    }

    @Test
    void everyHashHasItsOwnSalt() {
        String a = hasher.hash("same password");
        String b = hasher.hash("same password");
        assertNotEquals(a, b);
        assertTrue(hasher.verify("same password", a));
        assertTrue(hasher.verify("same password", b));
    }

    @Test
    void aHashWithOtherParametersNeedsRehashButStillVerifies() {
        String weaker = new PasswordHasher(12_288, 3, 1).hash("correct horse battery staple");
        assertTrue(weaker.contains("m=12288,t=3,p=1"), weaker);
        assertTrue(hasher.needsRehash(weaker));
        assertTrue(hasher.verify("correct horse battery staple", weaker), "old hashes keep working until rehashed");
        assertFalse(hasher.verify("wrong", weaker));

        assertTrue(hasher.needsRehash(new PasswordHasher(19_456, 1, 1).hash("x")), "other iterations");
        assertTrue(hasher.needsRehash(new PasswordHasher(19_456, 2, 2).hash("x")), "other parallelism");
    }

    @Test
    void todaysHashDoesNotNeedRehash() {
        assertFalse(hasher.needsRehash(hasher.hash("correct horse battery staple")));
    }

    @Test
    void passwordRules() {
        assertEquals("Use at least 8 characters.", PasswordHasher.problem("1234567"));
        assertEquals("Use at least 8 characters.", PasswordHasher.problem(null));
        assertNull(PasswordHasher.problem("12345678"));
        assertNull(PasswordHasher.problem("x".repeat(200)));
        assertEquals("Use at most 200 characters.", PasswordHasher.problem("x".repeat(201)));
    }
}
