package io.plumbline.ticketing.sink.jira;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Escaping of untrusted text for JQL and wiki markup, and the severity → priority mapping. */
class JqlAndWikiMarkupTest {

    @Test
    void shouldQuoteJqlValuesEscapingBackslashBeforeQuotes() {
        assertThat(Jql.quote("<!channel> & \"x\" OR project = ABC")).isEqualTo("\"<!channel> & \\\"x\\\" OR project = ABC\"");
        assertThat(Jql.quote("a\\\"b")).isEqualTo("\"a\\\\\\\"b\"");
        assertThat(Jql.quote("x\ny")).isEqualTo("\"x\\ny\"");
        assertThat(Jql.byLabel("plumbline-abc")).isEqualTo("labels = \"plumbline-abc\"");
    }

    @Test
    void shouldEscapeWikiMarkupSoItRendersLiterally() {
        assertThat(WikiMarkup.escape("*bold* _it_ [~admin] {code} |a|b| -x- ^s^ ~t~ ?? # ! (y)"))
                .isEqualTo("\\*bold\\* \\_it\\_ \\[\\~admin\\] \\{code\\} \\|a\\|b\\| \\-x\\- \\^s\\^ \\~t\\~ \\?\\? \\# \\! \\(y\\)");
        assertThat(WikiMarkup.escape("C:\\temp")).isEqualTo("C:&#92;temp");
        assertThat(WikiMarkup.escape("line\nh1. heading")).isEqualTo("line \\\\ h1. heading").doesNotContain("\n");
    }

    @Test
    void shouldMapSeveritiesToJiraPrioritiesUnlessOverridden() {
        JiraConfig defaults = JiraTicketSinkTest.config(Map.of());
        assertThat(defaults.priority("CRITICAL")).isEqualTo("Highest");
        assertThat(defaults.priority("HIGH")).isEqualTo("High");
        assertThat(defaults.priority("MEDIUM")).isEqualTo("Medium");
        assertThat(defaults.priority("low")).isEqualTo("Low");
        assertThat(defaults.priority("INFORMATIONAL")).isEqualTo("Lowest");
        assertThat(defaults.project()).isEqualTo("OPS");
        assertThat(defaults.labels()).containsExactly("plumbline");

        JiraConfig overridden = JiraTicketSinkTest.config(Map.of("plumbline.ticketing.jira.priorities.CRITICAL", "P1"));
        assertThat(overridden.priority("CRITICAL")).isEqualTo("P1");
        assertThat(overridden.priority("HIGH")).isEqualTo("High");
    }
}
