package io.plumbline.scanner.scan;

import io.plumbline.scanner.catalog.ActiveRule;
import java.util.List;
import java.util.UUID;

/**
 * What one scan covers: regions and rules, resolved from the request and the configuration.
 *
 * @param fullScope every enabled rule (that has a collector) in every configured region: the scan speaks for the
 *                  whole account, so its health score becomes the current one
 */
public record ScanPlan(UUID scanId, List<String> regions, List<ActiveRule> rules, boolean fullScope) {}
