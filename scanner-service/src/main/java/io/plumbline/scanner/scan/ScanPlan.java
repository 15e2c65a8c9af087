package io.plumbline.scanner.scan;

import io.plumbline.scanner.catalog.ActiveRule;
import java.util.List;
import java.util.UUID;

/** What one scan covers: regions and rules, resolved from the request and the configuration. */
public record ScanPlan(UUID scanId, List<String> regions, List<ActiveRule> rules) {}
