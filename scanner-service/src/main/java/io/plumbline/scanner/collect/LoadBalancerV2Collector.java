package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * Application, Network and Gateway Load Balancers. {@code related}: {@code attributes} (DescribeLoadBalancerAttributes
 * as a map of Key to Value), {@code listeners} (DescribeListeners), {@code targetGroups} (the target groups attached
 * to the load balancer) and {@code targetHealth} (target group ARN to its DescribeTargetHealth descriptions).
 * <p>
 * List calls per scope: DescribeLoadBalancers and DescribeTargetGroups (both paginated, for the whole Region) and
 * DescribeTags (one call per 20 load balancers, the API's batch limit). Unavoidable per-resource calls, because
 * the API has no batch form for them: DescribeLoadBalancerAttributes and DescribeListeners per load balancer,
 * DescribeTargetHealth per target group attached to a load balancer. Resources deleted between the calls are
 * skipped.
 */
@ApplicationScoped
public class LoadBalancerV2Collector implements ResourceCollector {

    private static final int TAG_BATCH = 20;

    @Override
    public String resourceType() {
        return "AWS::ElasticLoadBalancingV2::LoadBalancer";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        ElasticLoadBalancingV2Client elb = scope.clients().client(scope.account(), scope.region(), ElasticLoadBalancingV2Client::builder);
        List<LoadBalancer> balancers = new ArrayList<>();
        elb.describeLoadBalancersPaginator(r -> r.pageSize(400)).loadBalancers().forEach(balancers::add);
        if (balancers.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, String>> tags = tags(elb, balancers);

        // target groups of the whole Region, grouped by the load balancers they are attached to
        Map<String, Set<TargetGroup>> groupsByBalancer = new HashMap<>();
        for (TargetGroup group : elb.describeTargetGroupsPaginator(r -> r.pageSize(400)).targetGroups()) {
            for (String lbArn : new LinkedHashSet<>(group.loadBalancerArns())) {
                groupsByBalancer.computeIfAbsent(lbArn, k -> new LinkedHashSet<>()).add(group);
            }
        }
        Map<String, List<Map<String, Object>>> healthByGroup = new HashMap<>();

        List<Resource> out = new ArrayList<>(balancers.size());
        for (LoadBalancer lb : balancers) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            List<Map<String, Object>> listeners = new ArrayList<>();
            try {
                for (LoadBalancerAttribute attribute : elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                        .attributes()) {
                    attributes.put(attribute.key(), attribute.value() == null ? "" : attribute.value());
                }
                for (Listener listener : elb.describeListenersPaginator(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners()) {
                    listeners.add(AwsDocuments.toMap(listener));
                }
            } catch (LoadBalancerNotFoundException deleted) {
                continue;
            }
            List<Map<String, Object>> groups = new ArrayList<>();
            Map<String, Object> targetHealth = new LinkedHashMap<>();
            for (TargetGroup group : groupsByBalancer.getOrDefault(lb.loadBalancerArn(), Set.of())) {
                List<Map<String, Object>> health = healthByGroup.computeIfAbsent(group.targetGroupArn(), arn -> targetHealth(elb, arn));
                if (health == null) {
                    continue;
                }
                groups.add(AwsDocuments.toMap(group));
                targetHealth.put(group.targetGroupArn(), health);
            }
            Map<String, Object> related = new HashMap<>();
            related.put("attributes", attributes);
            related.put("listeners", listeners);
            related.put("targetGroups", groups);
            related.put("targetHealth", targetHealth);
            // names are unique per account and Region across ALB/NLB/GWLB, so they serve as the id
            out.add(new Resource(resourceType(), scope.accountId(), scope.region(), lb.loadBalancerArn(), lb.loadBalancerName(),
                    lb.loadBalancerName(), tags.getOrDefault(lb.loadBalancerArn(), Map.of()), AwsDocuments.toMap(lb), related));
        }
        return out;
    }

    /** The group's targets; {@code null} when the group was deleted meanwhile (not cached by computeIfAbsent). */
    private static List<Map<String, Object>> targetHealth(ElasticLoadBalancingV2Client elb, String targetGroupArn) {
        try {
            return AwsDocuments.toMaps(elb.describeTargetHealth(r -> r.targetGroupArn(targetGroupArn)).targetHealthDescriptions());
        } catch (TargetGroupNotFoundException deleted) {
            return null;
        }
    }

    private static Map<String, Map<String, String>> tags(ElasticLoadBalancingV2Client elb, List<LoadBalancer> balancers) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (int from = 0; from < balancers.size(); from += TAG_BATCH) {
            List<String> arns = balancers.subList(from, Math.min(from + TAG_BATCH, balancers.size())).stream()
                    .map(LoadBalancer::loadBalancerArn).toList();
            for (TagDescription description : elb.describeTags(r -> r.resourceArns(arns)).tagDescriptions()) {
                Map<String, String> tags = new LinkedHashMap<>();
                description.tags().forEach(tag -> tags.put(tag.key(), tag.value() == null ? "" : tag.value()));
                out.put(description.resourceArn(), tags);
            }
        }
        return out;
    }
}
