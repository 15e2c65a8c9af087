package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.QueryLoggingConfig;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ResourceTagSet;
import software.amazon.awssdk.services.route53.model.TagResourceType;

/**
 * Route 53 hosted zones (a global service: collected once per account, region "global").
 *
 * <p>Calls: ListHostedZones and ListQueryLoggingConfigs (both paginated, once); ListTagsForResources for up to
 * 10 zones at a time; and one paginated ListResourceRecordSets per zone, which is unavoidable (Route 53 has no
 * account-wide record listing). Only record sets with a routing policy (those carrying a SetIdentifier:
 * failover, weighted, latency, geolocation, multivalue …) are kept, so a zone with thousands of simple
 * records does not bloat the resource. {@code resource}: HostedZone. {@code related}: queryLoggingConfigs,
 * routedRecordSets.
 */
@ApplicationScoped
public class Route53HostedZoneCollector implements ResourceCollector {

    private static final int TAGS_BATCH = 10;

    @Override
    public String resourceType() {
        return "AWS::Route53::HostedZone";
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        Route53Client route53 = scope.clients().client(scope.account(), "aws-global", Route53Client::builder);
        List<HostedZone> zones = route53.listHostedZonesPaginator(r -> r.maxItems("100")).hostedZones().stream().toList();
        Map<String, List<Map<String, Object>>> logging = new HashMap<>();
        for (QueryLoggingConfig config : route53.listQueryLoggingConfigsPaginator(r -> r.maxResults("100")).queryLoggingConfigs()) {
            logging.computeIfAbsent(config.hostedZoneId(), k -> new ArrayList<>()).add(AwsDocuments.toMap(config));
        }
        Map<String, Map<String, String>> tags = tags(route53, zones);
        List<Resource> out = new ArrayList<>(zones.size());
        for (HostedZone zone : zones) {
            String id = shortId(zone.id());
            List<Map<String, Object>> routed = new ArrayList<>();
            for (ResourceRecordSet record : route53.listResourceRecordSetsPaginator(r -> r.hostedZoneId(id)).resourceRecordSets()) {
                if (record.setIdentifier() != null) {
                    routed.add(AwsDocuments.toMap(record));
                }
            }
            Map<String, Object> related = new HashMap<>();
            related.put("queryLoggingConfigs", logging.getOrDefault(id, List.of()));
            related.put("routedRecordSets", routed);
            out.add(new Resource(resourceType(), scope.accountId(), CollectionScope.GLOBAL, "arn:aws:route53:::hostedzone/" + id,
                    id, zone.name(), tags.getOrDefault(id, Map.of()), AwsDocuments.toMap(zone), related));
        }
        return out;
    }

    private static Map<String, Map<String, String>> tags(Route53Client route53, List<HostedZone> zones) {
        Map<String, Map<String, String>> tags = new HashMap<>();
        List<String> ids = zones.stream().map(z -> shortId(z.id())).toList();
        for (int from = 0; from < ids.size(); from += TAGS_BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + TAGS_BATCH));
            for (ResourceTagSet set : route53.listTagsForResources(r -> r.resourceType(TagResourceType.HOSTEDZONE).resourceIds(batch))
                    .resourceTagSets()) {
                Map<String, String> map = new LinkedHashMap<>();
                set.tags().forEach(tag -> map.put(tag.key(), tag.value() == null ? "" : tag.value()));
                tags.put(shortId(set.resourceId()), map);
            }
        }
        return tags;
    }

    /** Route 53 returns ids as {@code /hostedzone/Z123…} in some places and {@code Z123…} in others. */
    static String shortId(String id) {
        return id == null ? "" : id.substring(id.lastIndexOf('/') + 1);
    }
}
