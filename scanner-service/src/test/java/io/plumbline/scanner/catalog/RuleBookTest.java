package io.plumbline.scanner.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Configuration that re-parameterises or switches off rules, checked at start-up. */
class RuleBookTest {

    @Test
    void shouldApplyAConfiguredParameterAsTheDefaultsType() {
        RuleBook book = config(Set.of(), Map.of("rds-instance-backup-retention", Map.of("minimumDays", "14")));

        assertThat(book.find("rds-instance-backup-retention").orElseThrow().parameters()).containsEntry("minimumDays", 14L);
    }

    @Test
    void shouldSwitchOffADisabledRule() {
        RuleBook book = config(Set.of("ec2-eip-unassociated"), Map.of());

        assertThat(book.find("ec2-eip-unassociated")).isEmpty();
        assertThat(book.isDisabled("ec2-eip-unassociated")).isTrue();
    }

    @Test
    void shouldFailNamingTheKeyOfAnUnknownRule() {
        assertThatThrownBy(() -> config(Set.of("rds-multiaz"), Map.of()))
                .hasMessage("plumbline.scanner.rules.disabled: unknown rule id 'rds-multiaz'");
    }

    @Test
    void shouldFailNamingTheKeyOfAnUnknownParameter() {
        assertThatThrownBy(() -> config(Set.of(), Map.of("rds-instance-backup-retention", Map.of("days", "14"))))
                .hasMessageStartingWith("plumbline.scanner.rules.parameters.rds-instance-backup-retention.days: rule "
                        + "rds-instance-backup-retention has no parameter 'days'");
    }

    @Test
    void shouldFailNamingTheKeyOfAValueOfTheWrongType() {
        assertThatThrownBy(() -> config(Set.of(),
                Map.of("rds-instance-backup-retention", Map.of("minimumDays", "a week"))))
                .hasMessageStartingWith("plumbline.scanner.rules.parameters.rds-instance-backup-retention.minimumDays: 'a week'");
    }

    private static RuleBook config(Set<String> disabled, Map<String, Map<String, String>> parameters) {
        return new RuleBook(disabled, parameters);
    }
}
