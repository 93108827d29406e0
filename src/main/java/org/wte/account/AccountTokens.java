package org.wte.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.hibernate.Session;

/** Issues and looks up e-mailed tokens: random, single-use, expiring, stored only as SHA-256. */
public final class AccountTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Duration lifetime;

    public AccountTokens(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** Creates a token and returns its clear text (only ever sent by mail). Older unused tokens of the purpose die. */
    public String issue(Session session, User user, TokenPurpose purpose, String newEmail) {
        Instant now = Instant.now();
        session.createMutationQuery("update AccountToken t set t.usedAt = :now where t.user = :u and t.purpose = :p "
                        + "and t.usedAt is null")
                .setParameter("now", now).setParameter("u", user).setParameter("p", purpose).executeUpdate();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.persist(new AccountToken(user, purpose, sha256(token), newEmail, now, now.plus(lifetime)));
        return token;
    }

    /** The token if it exists, has this purpose, is unused and unexpired; locked for update when consuming. */
    public Optional<AccountToken> find(Session session, String token, TokenPurpose purpose, boolean forUpdate) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        var query = session.createQuery("from AccountToken t join fetch t.user where t.tokenHash = :h and t.purpose = :p",
                AccountToken.class).setParameter("h", sha256(token)).setParameter("p", purpose);
        if (forUpdate) {
            query.setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        }
        return query.uniqueResultOptional().filter(t -> t.usableAt(Instant.now()));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
