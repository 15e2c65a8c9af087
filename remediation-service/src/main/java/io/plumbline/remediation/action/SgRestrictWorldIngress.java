package io.plumbline.remediation.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.remediation.aws.AwsClients;
import io.plumbline.remediation.config.RemediationConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Revokes ingress open to the whole internet (0.0.0.0/0, ::/0) on ports outside the allowlist. Only the world
 * ranges of a permission are revoked: a rule already restricted to other CIDRs is never touched. Undo re-authorizes
 * exactly the revoked permissions.
 */
@ApplicationScoped
@Identifier(SgRestrictWorldIngress.ID)
public class SgRestrictWorldIngress implements RemediationAction {

    public static final String ID = "sg-restrict-world-ingress";
    private static final String WORLD_V4 = "0.0.0.0/0";
    private static final String WORLD_V6 = "::/0";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AwsClients aws;
    private final RemediationConfig config;

    public SgRestrictWorldIngress(AwsClients aws, RemediationConfig config) {
        this.aws = aws;
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<String> permissions() {
        return List.of("ec2:DescribeInstances", "ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupIngress",
                "ec2:AuthorizeSecurityGroupIngress");
    }

    @Override
    public boolean appliesTo(String ruleId) {
        return "security-group-world-ingress-admin-ports".equals(ruleId) || "ec2-instance-public-unrestricted-ingress".equals(ruleId);
    }

    @Override
    public boolean reversible() {
        return true;
    }

    @Override
    public PlanOutcome plan(Target target) {
        Ec2Client ec2 = aws.ec2(target);
        List<String> groupIds;
        List<SecurityGroup> groups;
        try {
            groupIds = groupsOf(ec2, target);
            if (groupIds.isEmpty()) {
                return PlanOutcome.refuse(target.resourceId() + " has no security group");
            }
            groups = ec2.describeSecurityGroups(r -> r.groupIds(groupIds)).securityGroups();
        } catch (RuntimeException e) {
            return PlanOutcome.refuse("cannot read " + target.resourceId() + ": " + e.getMessage());
        }
        Set<Integer> allowed = new TreeSet<>(allowedPorts());
        ArrayNode revoke = JSON.arrayNode();
        ArrayNode before = JSON.arrayNode();
        for (SecurityGroup group : groups) {
            before.add(JSON.objectNode().put("GroupId", group.groupId()).set("IpPermissions", permissionsJson(group.ipPermissions())));
            for (IpPermission permission : group.ipPermissions()) {
                if (!opensDisallowedPort(permission, allowed)) {
                    continue;
                }
                List<String> v4 = permission.ipRanges().stream().map(IpRange::cidrIp).filter(WORLD_V4::equals).toList();
                List<String> v6 = permission.ipv6Ranges().stream().map(Ipv6Range::cidrIpv6).filter(WORLD_V6::equals).toList();
                if (v4.isEmpty() && v6.isEmpty()) {
                    continue;
                }
                ObjectNode removed = JSON.objectNode().put("GroupId", group.groupId()).put("IpProtocol", permission.ipProtocol());
                if (permission.fromPort() != null) {
                    removed.put("FromPort", permission.fromPort());
                }
                if (permission.toPort() != null) {
                    removed.put("ToPort", permission.toPort());
                }
                ArrayNode v4Node = removed.putArray("IpRanges");
                v4.forEach(v4Node::add);
                ArrayNode v6Node = removed.putArray("Ipv6Ranges");
                v6.forEach(v6Node::add);
                revoke.add(removed);
            }
        }
        if (revoke.isEmpty()) {
            return PlanOutcome.refuse("no world-open ingress outside ports " + allowed + " on " + groupIds);
        }
        ObjectNode request = JSON.objectNode();
        request.set("Revoke", revoke);
        ObjectNode after = JSON.objectNode();
        after.set("Removed", revoke);
        Plan plan = new Plan(ID, version(), target, "ec2:RevokeSecurityGroupIngress", request,
                JSON.objectNode().set("SecurityGroups", before), after,
                "Revoke " + revoke.size() + " world-open ingress permission(s) on ports outside " + allowed + " from " + groupIds);
        List<Runnable> dryRuns = new ArrayList<>();
        for (JsonNode removed : revoke) {
            dryRuns.add(() -> ec2.revokeSecurityGroupIngress(r -> r.dryRun(true).groupId(removed.path("GroupId").asText())
                    .ipPermissions(permission(removed))));
        }
        return Ec2DryRun.check(plan, dryRuns);
    }

    @Override
    public ApplyOutcome apply(Plan plan) {
        Ec2Client ec2 = aws.ec2(plan.target());
        try {
            JsonNode before = snapshot(ec2, plan);
            for (JsonNode removed : plan.request().path("Revoke")) {
                ec2.revokeSecurityGroupIngress(r -> r.groupId(removed.path("GroupId").asText()).ipPermissions(permission(removed)));
            }
            return new ApplyOutcome.Applied(before, snapshot(ec2, plan));
        } catch (RuntimeException e) {
            return new ApplyOutcome.Failed(e.getMessage());
        }
    }

    @Override
    public ApplyOutcome undo(Plan plan) {
        Ec2Client ec2 = aws.ec2(plan.target());
        try {
            JsonNode before = snapshot(ec2, plan);
            for (JsonNode removed : plan.request().path("Revoke")) {
                ec2.authorizeSecurityGroupIngress(r -> r.groupId(removed.path("GroupId").asText()).ipPermissions(permission(removed)));
            }
            return new ApplyOutcome.Applied(before, snapshot(ec2, plan));
        } catch (RuntimeException e) {
            return new ApplyOutcome.Failed(e.getMessage());
        }
    }

    private static boolean opensDisallowedPort(IpPermission permission, Set<Integer> allowed) {
        if ("-1".equals(permission.ipProtocol()) || permission.fromPort() == null || permission.toPort() == null
                || permission.fromPort() < 0) {
            return true; // every protocol or every port
        }
        for (int port = permission.fromPort(); port <= permission.toPort(); port++) {
            if (!allowed.contains(port)) {
                return true;
            }
        }
        return false;
    }

    private static IpPermission permission(JsonNode removed) {
        IpPermission.Builder builder = IpPermission.builder().ipProtocol(removed.path("IpProtocol").asText());
        if (removed.has("FromPort")) {
            builder.fromPort(removed.path("FromPort").asInt());
        }
        if (removed.has("ToPort")) {
            builder.toPort(removed.path("ToPort").asInt());
        }
        List<IpRange> v4 = new ArrayList<>();
        removed.path("IpRanges").forEach(c -> v4.add(IpRange.builder().cidrIp(c.asText()).build()));
        List<Ipv6Range> v6 = new ArrayList<>();
        removed.path("Ipv6Ranges").forEach(c -> v6.add(Ipv6Range.builder().cidrIpv6(c.asText()).build()));
        if (!v4.isEmpty()) {
            builder.ipRanges(v4);
        }
        if (!v6.isEmpty()) {
            builder.ipv6Ranges(v6);
        }
        return builder.build();
    }

    private static JsonNode snapshot(Ec2Client ec2, Plan plan) {
        Set<String> groupIds = new TreeSet<>();
        plan.request().path("Revoke").forEach(r -> groupIds.add(r.path("GroupId").asText()));
        ArrayNode groups = JSON.arrayNode();
        for (SecurityGroup group : ec2.describeSecurityGroups(r -> r.groupIds(groupIds)).securityGroups()) {
            groups.add(JSON.objectNode().put("GroupId", group.groupId()).set("IpPermissions", permissionsJson(group.ipPermissions())));
        }
        return JSON.objectNode().set("SecurityGroups", groups);
    }

    private static ArrayNode permissionsJson(List<IpPermission> permissions) {
        ArrayNode array = JSON.arrayNode();
        for (IpPermission p : permissions) {
            ObjectNode node = array.addObject().put("IpProtocol", p.ipProtocol());
            if (p.fromPort() != null) {
                node.put("FromPort", p.fromPort());
            }
            if (p.toPort() != null) {
                node.put("ToPort", p.toPort());
            }
            ArrayNode v4 = node.putArray("IpRanges");
            p.ipRanges().forEach(r -> v4.add(r.cidrIp()));
            ArrayNode v6 = node.putArray("Ipv6Ranges");
            p.ipv6Ranges().forEach(r -> v6.add(r.cidrIpv6()));
        }
        return array;
    }

    private static List<String> groupsOf(Ec2Client ec2, Target target) {
        String id = target.resourceId() != null ? target.resourceId() : target.resourceArn().substring(target.resourceArn().lastIndexOf('/') + 1);
        if (id.startsWith("sg-")) {
            return List.of(id);
        }
        Set<String> groups = new TreeSet<>();
        ec2.describeInstances(r -> r.instanceIds(id)).reservations().forEach(res -> res.instances().forEach(i -> {
            i.securityGroups().forEach(g -> groups.add(g.groupId()));
            i.networkInterfaces().forEach(n -> n.groups().forEach(g -> groups.add(g.groupId())));
        }));
        return List.copyOf(groups);
    }

    private List<Integer> allowedPorts() {
        RemediationConfig.Action action = config.actions().get(ID);
        return action == null ? List.of(80, 443) : action.allowedPorts();
    }
}
