package io.plumbline.scanner.scan;

/** What went wrong in one scope (or for one rule), as shown in the scan result. */
public record ScanError(String accountId, String region, String resourceType, String ruleId, String message) {

    public static ScanError collection(ScopeKey scope, String message) {
        return new ScanError(scope.accountId(), scope.region(), scope.resourceType(), null, message);
    }

    public static ScanError evaluation(String accountId, String region, String resourceType, String ruleId, String message) {
        return new ScanError(accountId, region, resourceType, ruleId, message);
    }
}
