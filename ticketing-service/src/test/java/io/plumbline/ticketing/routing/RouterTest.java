package io.plumbline.ticketing.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.contracts.FindingEvent;
import io.plumbline.ticketing.config.TicketingConfig;
import io.plumbline.ticketing.sink.SinkOutcome;
import io.plumbline.ticketing.sink.SinkRequest;
import io.plumbline.ticketing.sink.TicketSink;
import io.plumbline.ticketing.support.FindingEvents;
import io.plumbline.ticketing.support.TestConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final List<TicketSink> ALL = List.of(sink("jira", true), sink("slack", true), sink("opsgenie", true),
            sink("servicenow", false), sink("pagerduty", false));

    @Test
    void shouldSendUrgentFindingsToOnCallAndQueuesByDefault() {
        Router router = new Router(config(Map.of()), ALL);

        RoutePlan high = router.route(FindingEvents.rdsSingleAz("crm-db", FindingEvent.State.OPEN, 1));
        RoutePlan medium = router.route(FindingEvents.openIngress("web-1", "MEDIUM", FindingEvent.State.OPEN, 1));
        RoutePlan low = router.route(FindingEvents.openIngress("web-2", "LOW", FindingEvent.State.OPEN, 1));

        assertThat(high.destinations()).containsExactly("opsgenie", "jira", "slack");
        assertThat(medium.destinations()).containsExactly("jira", "slack");
        assertThat(low.destinations()).containsExactly("jira");
        assertThat(high.grouping()).isEqualTo(Grouping.RULE);
    }

    @Test
    void shouldMatchConfiguredRoutesInOrderOnRuleGlobAndTags() {
        Map<String, String> props = new HashMap<>();
        props.put("plumbline.ticketing.routes[0].name", "payments-db");
        props.put("plumbline.ticketing.routes[0].match.rules", "rds-*");
        props.put("plumbline.ticketing.routes[0].match.tags.team", "payments");
        props.put("plumbline.ticketing.routes[0].grouping", "resource");
        props.put("plumbline.ticketing.routes[0].destinations", "slack");
        props.put("plumbline.ticketing.routes[0].slack-channel", "#payments");
        props.put("plumbline.ticketing.routes[1].name", "rest");
        props.put("plumbline.ticketing.routes[1].match.severities", "critical,high,medium,low,informational");
        props.put("plumbline.ticketing.routes[1].destinations", "jira");
        Router router = new Router(config(props), ALL);

        RoutePlan rds = router.route(FindingEvents.rdsSingleAz("crm-db", FindingEvent.State.OPEN, 1));
        RoutePlan ec2 = router.route(FindingEvents.openIngress("web-1", "HIGH", FindingEvent.State.OPEN, 1));

        assertThat(rds.name()).isEqualTo("payments-db");
        assertThat(rds.grouping()).isEqualTo(Grouping.RESOURCE);
        assertThat(rds.target().slackChannel()).contains("#payments");
        assertThat(ec2.name()).isEqualTo("rest");
        assertThat(ec2.destinations()).containsExactly("jira");
    }

    @Test
    void shouldRefuseToStartWhenARouteNamesAnUnknownOrUnconfiguredDestination() {
        Map<String, String> unknown = Map.of("plumbline.ticketing.routes[0].name", "x",
                "plumbline.ticketing.routes[0].destinations", "jira,teams");
        Map<String, String> unconfigured = Map.of("plumbline.ticketing.routes[0].name", "x",
                "plumbline.ticketing.routes[0].destinations", "servicenow");
        Map<String, String> badSeverity = Map.of("plumbline.ticketing.routes[0].name", "x",
                "plumbline.ticketing.routes[0].destinations", "jira",
                "plumbline.ticketing.routes[0].match.severities", "URGENT");

        assertThatThrownBy(() -> new Router(config(unknown), ALL))
                .hasMessageContaining("plumbline.ticketing.routes[0].destinations").hasMessageContaining("teams");
        assertThatThrownBy(() -> new Router(config(unconfigured), ALL))
                .hasMessageContaining("plumbline.ticketing.routes[0].destinations").hasMessageContaining("not configured");
        assertThatThrownBy(() -> new Router(config(badSeverity), ALL))
                .hasMessageContaining("plumbline.ticketing.routes[0].match.severities").hasMessageContaining("URGENT");
    }

    private static TicketingConfig config(Map<String, String> props) {
        return TestConfig.mapping(TicketingConfig.class, props);
    }

    private static TicketSink sink(String name, boolean enabled) {
        return new TicketSink() {
            @Override
            public String destination() {
                return name;
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public SinkOutcome deliver(SinkRequest request) {
                throw new UnsupportedOperationException("routing never delivers");
            }
        };
    }
}
