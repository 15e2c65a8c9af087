package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerDescription;
import software.amazon.awssdk.services.elasticloadbalancing.model.TagDescription;

/**
 * Classic Load Balancers. Calls per scope: DescribeLoadBalancers (paginated) and DescribeTags (one call per 20
 * load balancers, the API's batch limit). {@code related.attributes} (cross-zone, access logs, draining...) needs
 * one DescribeLoadBalancerAttributes per load balancer: the API has no batch form, so that per-resource call
 * is unavoidable. A load balancer deleted between the calls is skipped.
 */
@ApplicationScoped
public class ClassicLoadBalancerCollector implements ResourceCollector {

    private static final int TAG_BATCH = 20;

    @Override
    public String resourceType() {
        return "AWS::ElasticLoadBalancing::LoadBalancer";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        ElasticLoadBalancingClient elb = scope.clients().client(scope.account(), scope.region(), ElasticLoadBalancingClient::builder);
        List<LoadBalancerDescription> balancers = new ArrayList<>();
        elb.describeLoadBalancersPaginator(r -> r.pageSize(400)).loadBalancerDescriptions().forEach(balancers::add);
        Map<String, Map<String, String>> tags = tags(elb, balancers);
        List<Resource> out = new ArrayList<>(balancers.size());
        for (LoadBalancerDescription lb : balancers) {
            Map<String, Object> attributes;
            try {
                attributes = AwsDocuments.toMap(elb.describeLoadBalancerAttributes(r -> r.loadBalancerName(lb.loadBalancerName()))
                        .loadBalancerAttributes());
            } catch (LoadBalancerNotFoundException deleted) {
                continue;
            }
            Map<String, Object> related = new HashMap<>();
            related.put("attributes", attributes);
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(),
                    scope.arn("elasticloadbalancing", "loadbalancer/" + lb.loadBalancerName()), lb.loadBalancerName(),
                    lb.loadBalancerName(), tags.getOrDefault(lb.loadBalancerName(), Map.of()), AwsDocuments.toMap(lb), related));
        }
        return out;
    }

    private static Map<String, Map<String, String>> tags(ElasticLoadBalancingClient elb, List<LoadBalancerDescription> balancers) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (int from = 0; from < balancers.size(); from += TAG_BATCH) {
            List<String> names = balancers.subList(from, Math.min(from + TAG_BATCH, balancers.size())).stream()
                    .map(LoadBalancerDescription::loadBalancerName).toList();
            for (TagDescription description : elb.describeTags(r -> r.loadBalancerNames(names)).tagDescriptions()) {
                Map<String, String> tags = new LinkedHashMap<>();
                description.tags().forEach(tag -> tags.put(tag.key(), tag.value() == null ? "" : tag.value()));
                out.put(description.loadBalancerName(), tags);
            }
        }
        return out;
    }
}
