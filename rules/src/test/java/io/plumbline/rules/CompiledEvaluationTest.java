package io.plumbline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compiled closures against dev.cel's interpreter, the source of truth: every rule on every fixture, every
 * synthetic benchmark resource and hand-made resources that hit CEL's error semantics (missing fields, wrong types,
 * nulls, unnormalised values) must give the same outcome and the same message, and each CEL expression the same value.
 */
class CompiledEvaluationTest {

    private static final RuleCatalog CATALOG = RuleCatalog.builtIn();

    /** A resource to evaluate; {@code ownRule} (may be null) is the rule whose fixture it is, {@code params} its overrides. */
    record Subject(String label, Resource resource, String ownRule, Map<String, Object> params) {}

    static Stream<CompiledRule> rules() {
        return CATALOG.all().stream().sorted((a, b) -> a.id().compareTo(b.id()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void shouldDecideAndWordEveryResourceAsTheInterpreterDoes(CompiledRule rule) {
        List<String> differences = new ArrayList<>();
        for (Subject subject : population()) {
            if (subject.ownRule() == null || subject.ownRule().equals(rule.id()) || subject.label().startsWith("fixture")) {
                compare(rule, subject, differences);
            }
        }
        assertThat(differences).as("differences between the closures and dev.cel's interpreter").isEmpty();
    }

    @Test
    void shouldHandARuleWithAConstructOutsideTheSubsetToTheInterpreterAndSaySo() {
        String yaml = """
                id: demo-bytes
                title: Demo rule with a bytes literal
                service: rds
                resourceType: AWS::RDS::DBInstance
                pillar: RELIABILITY
                question: REL10
                bestPractice: REL10-BP01
                severity: HIGH
                impact: AVAILABILITY
                risk: A single-AZ database goes down with its Availability Zone, and so does the application.
                remediation: [Modify the instance and enable Multi-AZ.]
                references: [https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html]
                condition: size(b'ab') == 2 && resource.MultiAZ == false
                message: RDS instance {{name}} is single-AZ ({{ string(size(b'abc')) }})
                """;
        CompiledRule rule = RuleCatalog.fromSources(List.of(new RuleCatalog.Source("rds/demo-bytes.yaml", yaml)))
                .find("demo-bytes").orElseThrow();

        assertThat(rule.interpretedParts()).hasSize(2).allMatch(part -> part.contains("BYTES_VALUE"));
        assertThat(rule.evaluate(SyntheticResources.rdsInstance(0))).isEqualTo(new Evaluation.Fail("RDS instance orders-db-0 is single-AZ (3)"));
        assertThat(rule.evaluate(SyntheticResources.rdsInstance(1))).isEqualTo(Evaluation.PASS);
    }

    @Test
    void shouldDecideEveryFixtureWithoutTheInterpreterWhereTheConditionHasNoGap() {
        List<String> handedOver = new ArrayList<>();
        for (CompiledRule rule : CATALOG.all()) {
            CelExpression condition = rule.expressions().get(0);
            if (!condition.closures().gaps().isEmpty()) {
                continue;
            }
            for (Fixtures.Case fixture : Fixtures.of(rule.rule())) {
                if (outcome(() -> condition.closures().eval(fixture.resource(), rule.parameters(fixture.params()))) == UNSUPPORTED) {
                    handedOver.add(fixture.toString());
                }
            }
        }

        // normalised API data is what the closures are for: none of it may silently fall back to the slow path
        assertThat(handedOver).isEmpty();
    }

    @Test
    void shouldBeAbleToTellAClosureFromTheInterpreter() {
        CompiledRule rule = CATALOG.find("rds-instance-multi-az").orElseThrow();
        CelExpression condition = rule.expressions().get(0);
        Resource singleAz = SyntheticResources.rdsInstance(0);

        // the comparison above would notice a closure that answers differently from the interpreter
        assertThat(outcome(() -> condition.closures().eval(singleAz, rule.rule().parameters())))
                .isEqualTo(outcome(() -> condition.interpret(singleAz, rule.rule().parameters())))
                .isNotEqualTo(outcome(() -> condition.closures().eval(SyntheticResources.rdsInstance(1), rule.rule().parameters())));
    }

    private static void compare(CompiledRule rule, Subject subject, List<String> differences) {
        Map<String, Object> params = rule.parameters(rule.id().equals(subject.ownRule()) ? subject.params() : Map.of());
        Evaluation compiled = rule.evaluate(subject.resource(), params);
        Evaluation interpreted = rule.evaluateInterpreted(subject.resource(), params);
        // an error's reason is worded by whichever path found it; pass, fail and the failure message must be identical
        boolean same = compiled instanceof Evaluation.Error ? interpreted instanceof Evaluation.Error : compiled.equals(interpreted);
        if (!same) {
            differences.add(subject.label() + ": compiled " + compiled + ", interpreted " + interpreted);
        }
        for (CelExpression expression : rule.expressions()) {
            Object byClosures = outcome(() -> expression.closures().eval(subject.resource(), params));
            Object byInterpreter = outcome(() -> expression.interpret(subject.resource(), params));
            if (byClosures != UNSUPPORTED && !Objects.equals(byClosures, byInterpreter)) {
                differences.add(subject.label() + ": {{" + expression.source() + "}} gives " + byClosures + " compiled, "
                        + byInterpreter + " interpreted");
            }
        }
    }

    private static final Object ERROR = "<error>";
    private static final Object UNSUPPORTED = "<left to the interpreter>";

    private static Object outcome(java.util.function.Supplier<Object> evaluation) {
        try {
            return evaluation.get();
        } catch (CelClosures.CelError e) {
            return ERROR;
        } catch (CelClosures.Unsupported e) {
            return UNSUPPORTED;
        }
    }

    private static List<Subject> population;

    static synchronized List<Subject> population() {
        if (population == null) {
            List<Subject> out = new ArrayList<>();
            for (CompiledRule rule : CATALOG.all()) {
                for (Fixtures.Case fixture : Fixtures.of(rule.rule())) {
                    out.add(new Subject("fixture " + fixture, fixture.resource(), rule.id(), fixture.params()));
                    // each top-level field of the fixture removed, null, or of another type: against its own rule
                    for (Resource variant : variants(fixture.resource())) {
                        out.add(new Subject("variant of " + fixture, variant, rule.id(), fixture.params()));
                    }
                }
            }
            for (Resource resource : SyntheticResources.all()) {
                out.add(new Subject("synthetic " + resource.arn(), resource, null, Map.of()));
            }
            handMade().forEach(r -> out.add(new Subject("hand-made " + r.id(), r, null, Map.of())));
            population = List.copyOf(out);
        }
        return population;
    }

    private static List<Resource> variants(Resource resource) {
        List<Resource> out = new ArrayList<>();
        for (boolean inRelated : new boolean[] {false, true}) {
            Map<String, Object> source = inRelated ? resource.related() : resource.data();
            for (String key : source.keySet()) {
                Object original = source.get(key);
                for (Object replacement : Arrays.asList(REMOVE, null, original instanceof String ? 7L : "x",
                        original instanceof List<?> ? Map.of("k", "v") : List.of("x"))) {
                    Map<String, Object> changed = new LinkedHashMap<>(source);
                    if (replacement == REMOVE) {
                        changed.remove(key);
                    } else {
                        changed.put(key, replacement);
                    }
                    out.add(new Resource(resource.type(), resource.accountId(), resource.region(), resource.arn(), resource.id(),
                            resource.name(), resource.tags(), inRelated ? resource.data() : changed,
                            inRelated ? changed : resource.related()));
                }
            }
        }
        return out;
    }

    private static final Object REMOVE = new Object();

    /** Resources that take the error paths: a bad port in one of two open groups, doubles, unicode, nulls, raw Java values. */
    private static List<Resource> handMade() {
        List<Resource> out = new ArrayList<>();
        for (String type : CATALOG.all().stream().map(r -> r.rule().resourceType()).distinct().sorted().toList()) {
            out.add(resource(type, "empty", Map.of(), Map.of()));
        }
        Map<String, Object> badPort = CelValues.normalizeMap(Map.of("IpProtocol", "tcp", "FromPort", "twenty-two", "ToPort", 22,
                "IpRanges", List.of(Map.of("CidrIp", "0.0.0.0/0"))));
        Map<String, Object> openSsh = CelValues.normalizeMap(Map.of("IpProtocol", "tcp", "FromPort", 22, "ToPort", 22,
                "IpRanges", List.of(Map.of("CidrIp", "0.0.0.0/0"))));
        Map<String, Object> closed = CelValues.normalizeMap(Map.of("IpProtocol", "tcp", "FromPort", 443, "ToPort", 443,
                "IpRanges", List.of(Map.of("CidrIp", "10.0.0.0/8"))));
        Map<String, Object> noProtocol = CelValues.normalizeMap(Map.of("FromPort", 22, "IpRanges", List.of(Map.of("CidrIp", "0.0.0.0/0"))));
        for (List<Map<String, Object>> permissions : List.of(List.of(badPort, openSsh), List.of(openSsh, badPort),
                List.of(badPort, closed), List.of(closed, badPort), List.of(noProtocol), List.of(badPort))) {
            String id = "permissions-" + out.size();
            Map<String, Object> group = Map.of("GroupId", "sg-" + id, "GroupName", "default", "IpPermissions", permissions);
            out.add(resource("AWS::EC2::SecurityGroup", id, group, Map.of()));
            out.add(resource("AWS::EC2::Instance", id, Map.of("PublicIpAddress", "54.0.0.1", "InstanceId", id,
                    "State", Map.of("Name", "running")), Map.of("securityGroups", List.of(group, group))));
        }
        out.add(resource("AWS::EC2::Instance", "wrong-shapes", Map.of("State", "running", "MetadataOptions", List.of("x"),
                "InstanceType", 7L, "PublicIpAddress", true), Map.of("securityGroups", Map.of("IpPermissions", "all"))));
        out.add(resource("AWS::RDS::DBInstance", "doubles", Map.of("MultiAZ", false, "BackupRetentionPeriod", 7.0,
                "AllocatedStorage", 20.5, "Engine", "postgres", "DBInstanceIdentifier", "dbé🙂x"), Map.of()));
        out.add(resource("AWS::AutoScaling::AutoScalingGroup", "sizes", Map.of("MinSize", 2.0, "MaxSize", "2",
                "AvailabilityZones", List.of("eu-west-1a"), "VPCZoneIdentifier", "subnet-1,,subnet-2,"),
                Map.of("scalingPolicies", List.of(), "scheduledActions", List.of())));
        Map<String, Object> withNulls = new LinkedHashMap<>();
        withNulls.put("MultiAZ", null);
        withNulls.put("State", null);
        withNulls.put("AvailabilityZones", Arrays.asList("eu-west-1a", null));
        withNulls.put("IpPermissions", Arrays.asList((Object) null));
        for (String type : List.of("AWS::RDS::DBInstance", "AWS::EC2::Instance", "AWS::EC2::SecurityGroup",
                "AWS::AutoScaling::AutoScalingGroup", "AWS::ElasticLoadBalancingV2::LoadBalancer")) {
            out.add(resource(type, "nulls", withNulls, Map.of()));
            out.add(resource(type, "raw-java", Map.of("MultiAZ", false, "AllocatedStorage", 20, "MinSize", 1, "MaxSize", 3,
                    "LaunchTime", Instant.parse("2025-01-01T00:00:00Z"), "AvailabilityZones", List.of("a")), Map.of()));
        }
        out.add(new Resource("AWS::RDS::DBInstance", null, null, "arn:no-account", "db-x", null, Map.of(),
                Map.of("MultiAZ", false), Map.of()));
        return out;
    }

    private static Resource resource(String type, String id, Map<String, Object> data, Map<String, Object> related) {
        return new Resource(type, "123456789012", "eu-west-1", "arn:aws:test:eu-west-1:123456789012:" + id, id, null,
                Map.of("team", "core"), data, related);
    }
}
