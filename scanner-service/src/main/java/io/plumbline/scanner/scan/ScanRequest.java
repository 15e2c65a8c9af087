package io.plumbline.scanner.scan;

import java.util.List;

/** Optional limits for one scan; empty means the configured regions and every enabled rule. */
public record ScanRequest(List<String> regions, List<String> rules) {}
