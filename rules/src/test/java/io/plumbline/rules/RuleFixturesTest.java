package io.plumbline.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every rule's pass and fail fixtures: one test per case, named after the rule and the case. */
class RuleFixturesTest {

    private static final RuleCatalog CATALOG = RuleCatalog.builtIn();

    static Stream<Fixtures.Case> cases() {
        return CATALOG.all().stream().flatMap(rule -> Fixtures.of(rule.rule()).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldDecideEachFixtureAsItsAuthorExpects(Fixtures.Case fixture) {
        CompiledRule rule = CATALOG.find(fixture.ruleId()).orElseThrow();

        Evaluation outcome = rule.evaluate(fixture.resource(), rule.parameters(fixture.params()));

        if (fixture.shouldFail()) {
            assertThat(outcome).as("evaluation").isInstanceOf(Evaluation.Fail.class);
            String message = ((Evaluation.Fail) outcome).message();
            assertThat(message).as("message").doesNotContain("{{").doesNotContain("?");
            assertThat(message).as("message names the resource").contains(fixture.resource().name());
            if (fixture.expectedMessage() != null) {
                assertThat(message).isEqualTo(fixture.expectedMessage());
            }
        } else {
            assertThat(outcome).as("evaluation").isEqualTo(Evaluation.PASS);
        }
    }
}
