package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account's CloudTrail coverage as one resource, for rules about the account as a whole (is there a
 * multi-region trail logging?). {@code resource.trailList}: every trail visible from the scanned regions, shadow
 * trails included, each once (DescribeTrails' shape); {@code related.status} and {@code related.eventSelectors}:
 * trail ARN → GetTrailStatus / GetEventSelectors (the latter only for trails with custom event selectors;
 * neither for organization trails owned by another account). Calls: see {@link CloudTrailTrails}, shared with
 * the trail collector.
 */
@ApplicationScoped
public class CloudTrailAccountCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::CloudTrail::Account";
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        List<Map<String, Object>> trailList = new ArrayList<>();
        Map<String, Object> status = new LinkedHashMap<>();
        Map<String, Object> selectors = new LinkedHashMap<>();
        for (CloudTrailTrails.State state : CloudTrailTrails.of(scope).trails()) {
            trailList.add(AwsDocuments.toMap(state.trail()));
            if (state.status() != null) {
                status.put(state.trail().trailARN(), AwsDocuments.toMap(state.status()));
            }
            if (state.selectors() != null) {
                selectors.put(state.trail().trailARN(), AwsDocuments.toMap(state.selectors()));
            }
        }
        String accountId = scope.accountId();
        return List.of(new Resource(resourceType(), accountId, CollectionScope.GLOBAL, "arn:aws:iam::" + accountId + ":root",
                accountId, "account " + accountId, Map.of(), Map.of("trailList", trailList),
                Map.of("status", status, "eventSelectors", selectors)));
    }
}
