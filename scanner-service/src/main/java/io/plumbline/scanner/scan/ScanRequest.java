package io.plumbline.scanner.scan;

import java.util.List;

/**
 * Optional limits for one scan; empty means every configured account and region and every enabled rule.
 *
 * @param resourceArn rescan just this resource (e.g. to verify a fix); its region and account come from the ARN
 */
public record ScanRequest(List<String> regions, List<String> rules, String resourceArn) {}
