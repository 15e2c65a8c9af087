package io.plumbline.scanner.collect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * The CloudTrail trails visible from the scanned regions, with their status, fetched once per scan and shared
 * by the trail and account collectors through {@link CollectionScope#memo}.
 *
 * <p>Calls: one DescribeTrails (shadow trails included, so multi-region trails homed elsewhere are seen) per
 * scanned region; then, for each distinct trail this account owns, one GetTrailStatus in its home region and,
 * only when {@code HasCustomEventSelectors} is true, one GetEventSelectors. Both are per-trail calls because
 * CloudTrail has no batch form of them; an account has at most a handful of trails (5 per region).
 * Organization trails owned by the management account are listed but not queried: a member account cannot
 * manage them.
 */
record CloudTrailTrails(List<State> trails) {

    record State(Trail trail, boolean ownedByScannedAccount, GetTrailStatusResponse status, GetEventSelectorsResponse selectors) {}

    private static final String MEMO_KEY = "cloudtrail:trails";

    static CloudTrailTrails of(CollectionScope scope) {
        return scope.memo(MEMO_KEY, () -> fetch(scope));
    }

    static CloudTrailClient client(CollectionScope scope, String region) {
        return scope.clients().client(scope.account(), region, CloudTrailClient::builder);
    }

    private static CloudTrailTrails fetch(CollectionScope scope) {
        Map<String, Trail> byArn = new LinkedHashMap<>();
        for (String region : scope.regions()) {
            for (Trail trail : client(scope, region).describeTrails(r -> r.includeShadowTrails(true)).trailList()) {
                byArn.putIfAbsent(trail.trailARN(), trail);
            }
        }
        List<State> states = new ArrayList<>(byArn.size());
        for (Trail trail : byArn.values()) {
            boolean owned = scope.accountId().equals(accountOf(trail.trailARN()));
            if (!owned) {
                states.add(new State(trail, false, null, null));
                continue;
            }
            CloudTrailClient home = client(scope, trail.homeRegion());
            GetTrailStatusResponse status = home.getTrailStatus(r -> r.name(trail.trailARN()));
            GetEventSelectorsResponse selectors = Boolean.TRUE.equals(trail.hasCustomEventSelectors())
                    ? home.getEventSelectors(r -> r.trailName(trail.trailARN()))
                    : null;
            states.add(new State(trail, true, status, selectors));
        }
        return new CloudTrailTrails(List.copyOf(states));
    }

    static String accountOf(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        return parts.length > 4 ? parts[4] : "";
    }
}
