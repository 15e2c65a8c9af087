package io.plumbline.ticketing.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Checks of inbound webhook credentials, all in constant time. */
final class Secrets {

    private Secrets() {}

    /** {@code X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>}, as Jira sends it. */
    static boolean hubSignatureMatches(Optional<String> secret, String header, byte[] body) {
        if (secret.isEmpty() || secret.get().isEmpty() || header == null || !header.startsWith("sha256=")) {
            return false;
        }
        byte[] expected = hmacSha256(secret.get(), body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring("sha256=".length()).trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    /** A shared secret sent in a header, or as the password of basic auth (what OpsGenie and ServiceNow can send). */
    static boolean sharedSecretMatches(Optional<String> secret, String tokenHeader, String authorization) {
        if (secret.isEmpty() || secret.get().isEmpty()) {
            return false;
        }
        String given = tokenHeader;
        if (given == null && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                given = decoded.substring(decoded.indexOf(':') + 1);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return given != null && MessageDigest.isEqual(secret.get().getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
