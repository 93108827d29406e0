package org.wte.workspace;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring links to a student's workspace preview. The sandboxed preview has an opaque origin and
 * sends no cookie, so the link itself says whose files of which part it shows, and until when:
 * {@code <userId>.<partId>.<expiry epoch seconds>.<HMAC-SHA256>}, keyed from {@code [app] secret}.
 */
public final class PreviewLinks {
    /** Whose workspace in which part a valid token opens. */
    public record Target(long userId, long partId) {}

    private final SecretKeySpec key;
    private final Duration validity;
    private final Clock clock;

    public PreviewLinks(String appSecret, Duration validity, Clock clock) {
        // A key of its own, derived from the app's secret, so a preview signature is good for nothing else.
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                "wte-preview-links"), "HmacSHA256");
        this.validity = validity;
        this.clock = clock;
    }

    public String token(long userId, long partId) {
        String payload = userId + "." + partId + "." + clock.instant().plus(validity).getEpochSecond();
        return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, payload));
    }

    /** The target of a token whose signature is right and which has not expired; empty otherwise. */
    public Optional<Target> verify(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            String payload = parts[0] + "." + parts[1] + "." + parts[2];
            byte[] given = Base64.getUrlDecoder().decode(parts[3]);
            if (!MessageDigest.isEqual(given, hmac(key, payload))) {
                return Optional.empty();
            }
            if (Long.parseLong(parts[2]) < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new Target(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
        } catch (IllegalArgumentException e) { // bad Base64 or number: not a token of ours
            return Optional.empty();
        }
    }

    /** The preview URL of one file, under the context path: {@code /preview/<token>/<file name>}. */
    public String url(String contextPath, long userId, long partId, String filename) {
        return contextPath + "/preview/" + token(userId, partId) + "/"
                + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
