package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudtrail.model.ResourceTag;

/**
 * CloudTrail trails this account owns whose home region is scanned, each once (a multi-region trail is not
 * repeated per region), in its home region. Data and calls come from {@link CloudTrailTrails}; tags add one
 * ListTags per home region for up to 20 trails at a time. {@code related}: status (GetTrailStatus),
 * eventSelectors (GetEventSelectors; only when the trail has custom event selectors).
 */
@ApplicationScoped
public class CloudTrailTrailCollector implements ResourceCollector {

    private static final int TAGS_BATCH = 20;

    @Override
    public String resourceType() {
        return "AWS::CloudTrail::Trail";
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        List<CloudTrailTrails.State> trails = CloudTrailTrails.of(scope).trails().stream()
                .filter(CloudTrailTrails.State::ownedByScannedAccount)
                .filter(t -> scope.regions().contains(t.trail().homeRegion()))
                .toList();
        Map<String, Map<String, String>> tags = tags(scope, trails);
        List<Resource> out = new ArrayList<>(trails.size());
        for (CloudTrailTrails.State state : trails) {
            Map<String, Object> data = AwsDocuments.toMap(state.trail());
            Map<String, Object> related = new HashMap<>();
            related.put("status", AwsDocuments.toMap(state.status()));
            if (state.selectors() != null) {
                related.put("eventSelectors", AwsDocuments.toMap(state.selectors()));
            }
            String arn = state.trail().trailARN();
            out.add(new Resource(resourceType(), scope.accountId(), state.trail().homeRegion(), arn, state.trail().name(),
                    state.trail().name(), tags.getOrDefault(arn, Map.of()), data, related));
        }
        return out;
    }

    private static Map<String, Map<String, String>> tags(CollectionScope scope, List<CloudTrailTrails.State> trails) {
        Map<String, List<String>> arnsByRegion = new LinkedHashMap<>();
        trails.forEach(t -> arnsByRegion.computeIfAbsent(t.trail().homeRegion(), k -> new ArrayList<>()).add(t.trail().trailARN()));
        Map<String, Map<String, String>> tags = new HashMap<>();
        arnsByRegion.forEach((region, arns) -> {
            for (int from = 0; from < arns.size(); from += TAGS_BATCH) {
                List<String> batch = arns.subList(from, Math.min(arns.size(), from + TAGS_BATCH));
                for (ResourceTag resource : CloudTrailTrails.client(scope, region).listTagsPaginator(r -> r.resourceIdList(batch))
                        .resourceTagList()) {
                    Map<String, String> map = new LinkedHashMap<>();
                    resource.tagsList().forEach(tag -> map.put(tag.key(), tag.value() == null ? "" : tag.value()));
                    tags.put(resource.resourceId(), map);
                }
            }
        });
        return tags;
    }
}
