package io.plumbline.scanner.scan;

import io.plumbline.scanner.aws.AwsAccount;
import io.plumbline.scanner.catalog.ActiveRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What one scan covers, resolved from the request and the configuration.
 *
 * @param regions   per account, the regions to collect
 * @param targetArn a targeted rescan: only this resource is evaluated and only its findings can change
 * @param fullScope every enabled rule (that has a collector) in every configured region: the scan speaks for the
 *                  whole estate, so its health score becomes the current one
 */
public record ScanPlan(UUID scanId, Map<AwsAccount, List<String>> regions, List<ActiveRule> rules, Optional<String> targetArn,
        boolean fullScope) {}
