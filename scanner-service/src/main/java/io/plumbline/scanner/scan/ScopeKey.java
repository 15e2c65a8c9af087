package io.plumbline.scanner.scan;

/** (account, region, resource type): the unit that is collected — and that fails — as a whole. */
public record ScopeKey(String accountId, String region, String resourceType) {

    /** Region of a global collector's scope: it covers every region's resources of its type. */
    public static final String ANY_REGION = "*";
}
