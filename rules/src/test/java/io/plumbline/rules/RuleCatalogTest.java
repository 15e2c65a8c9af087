package io.plumbline.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {

    private static final String VALID = """
            id: demo-rule
            title: Demo rule for catalog validation
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
            condition: resource.MultiAZ == false
            message: RDS instance {{name}} in {{region}} is single-AZ
            parameters: {minimumDays: 7}
            """;

    @Test
    void shouldLoadTheBuiltInCatalogWithEveryRuleCovered() {
        RuleCatalog catalog = RuleCatalog.builtIn();

        assertThat(catalog.size()).isGreaterThanOrEqualTo(14);
        for (CompiledRule rule : catalog.all()) {
            List<Fixtures.Case> cases = Fixtures.of(rule.rule());
            assertThat(cases).as("fixtures of %s at %s", rule.id(), Fixtures.pathFor(rule.rule()))
                    .anyMatch(Fixtures.Case::shouldFail)
                    .anyMatch(c -> !c.shouldFail());
        }
    }

    @Test
    void shouldCoverTheFourCaseStudyRisks() {
        RuleCatalog catalog = RuleCatalog.builtIn();

        assertThat(catalog.all()).extracting(r -> r.rule().question())
                .contains("REL2", "REL10", "SEC5", "SEC8");
        assertThat(catalog.all()).extracting(r -> r.rule().service())
                .contains("ec2", "vpc", "rds", "autoscaling", "iam", "s3");
    }

    @Test
    void shouldRejectAnIdThatDiffersFromTheFileName() {
        assertThatThrownBy(() -> RuleCatalog.fromSources(List.of(new RuleCatalog.Source("rds/other-name.yaml", VALID))))
                .isInstanceOf(RuleDefinitionException.class)
                .hasMessageContaining("rds/other-name.yaml")
                .hasMessageContaining("must equal the file name 'other-name'");
    }

    @Test
    void shouldNameTheFileAndFieldOfASchemaViolation() {
        String bad = VALID.replace("severity: HIGH", "severity: URGENT");

        assertThatThrownBy(() -> RuleCatalog.fromSources(List.of(new RuleCatalog.Source("rds/demo-rule.yaml", bad))))
                .hasMessageContaining("rds/demo-rule.yaml")
                .hasMessageContaining("severity");
    }

    @Test
    void shouldRejectAConditionThatDoesNotCompile() {
        String bad = VALID.replace("resource.MultiAZ == false", "resource.MultiAZ ==");

        assertThatThrownBy(() -> RuleCatalog.fromSources(List.of(new RuleCatalog.Source("rds/demo-rule.yaml", bad))))
                .hasMessageContaining("rds/demo-rule.yaml")
                .hasMessageContaining("condition does not compile");
    }

    @Test
    void shouldRejectAServiceThatDiffersFromTheFolder() {
        assertThatThrownBy(() -> RuleCatalog.fromSources(List.of(new RuleCatalog.Source("ec2/demo-rule.yaml", VALID))))
                .hasMessageContaining("must equal the folder 'ec2'");
    }

    @Test
    void shouldApplyParameterOverridesAndRefuseUnknownOnes() {
        CompiledRule rule = RuleCatalog.fromSources(List.of(new RuleCatalog.Source("rds/demo-rule.yaml", VALID)))
                .find("demo-rule").orElseThrow();

        assertThat(rule.parameters(Map.of("minimumDays", 14))).containsEntry("minimumDays", 14L);
        assertThatThrownBy(() -> rule.parameters(Map.of("minimumDayz", 14)))
                .hasMessageContaining("demo-rule has no parameter 'minimumDayz'");
    }

    @Test
    void shouldReportAnErrorRatherThanAVerdictWhenTheDataLacksAField() {
        CompiledRule rule = RuleCatalog.fromSources(List.of(new RuleCatalog.Source("rds/demo-rule.yaml", VALID)))
                .find("demo-rule").orElseThrow();
        Resource noMultiAz = new Resource("AWS::RDS::DBInstance", "123456789012", "sa-east-1", "arn:x", "db", null,
                Map.of(), Map.of("Engine", "postgres"), Map.of());

        assertThat(rule.evaluate(noMultiAz)).isInstanceOf(Evaluation.Error.class);
    }

    @Test
    void shouldGiveTheConditionAndMessageEveryVariableOfTheResource() {
        String everyVariable = VALID
                .replace("condition: resource.MultiAZ == false", """
                        condition: >-
                          resource.MultiAZ == false && related.replica.Status == 'lagging' && tags.team == 'orders'
                          && params.minimumDays == 7 && account == '123456789012' && region == 'sa-east-1'
                          && arn == 'arn:aws:rds:sa-east-1:123456789012:db:crm' && id == 'db-1' && name == 'crm'""")
                .replace("message: RDS instance {{name}} in {{region}} is single-AZ",
                        "message: '{{resource.Engine}} {{related.replica.Status}} {{tags.team}} {{params.minimumDays}} "
                                + "{{account}} {{region}} {{arn}} {{id}} {{name}}'");
        CompiledRule rule = RuleCatalog.fromSources(List.of(new RuleCatalog.Source("rds/demo-rule.yaml", everyVariable)))
                .find("demo-rule").orElseThrow();
        Resource resource = new Resource("AWS::RDS::DBInstance", "123456789012", "sa-east-1",
                "arn:aws:rds:sa-east-1:123456789012:db:crm", "db-1", "crm", Map.of("team", "orders"),
                Map.of("MultiAZ", false, "Engine", "postgres"), Map.of("replica", Map.of("Status", "lagging")));

        assertThat(rule.evaluate(resource)).isEqualTo(new Evaluation.Fail(
                "postgres lagging orders 7 123456789012 sa-east-1 arn:aws:rds:sa-east-1:123456789012:db:crm db-1 crm"));
    }

    @Test
    void shouldReportAnErrorWhenTheConditionUsesAVariableTheResourceLacks() {
        String usesAccount = VALID.replace("condition: resource.MultiAZ == false", "condition: account == '123456789012'");
        CompiledRule rule = RuleCatalog.fromSources(List.of(new RuleCatalog.Source("rds/demo-rule.yaml", usesAccount)))
                .find("demo-rule").orElseThrow();
        Resource noAccount = new Resource("AWS::RDS::DBInstance", null, "sa-east-1", "arn:x", "db", null,
                Map.of(), Map.of("MultiAZ", false), Map.of());

        assertThat(rule.evaluate(noAccount)).isInstanceOf(Evaluation.Error.class);
    }
}
