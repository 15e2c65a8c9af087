package io.plumbline.scanner.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The identity of a finding: sha-256 of rule, account, region and resource ARN — never of volatile fields. */
public final class Fingerprint {

    private Fingerprint() {}

    public static String of(String ruleId, String accountId, String region, String resourceArn) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest(String.join("|", ruleId, accountId, region, resourceArn).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
