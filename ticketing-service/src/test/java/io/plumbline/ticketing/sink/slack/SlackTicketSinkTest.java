package io.plumbline.ticketing.sink.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.ticketing.sink.DeliveryAction;
import io.plumbline.ticketing.sink.ExternalTicket;
import io.plumbline.ticketing.sink.IncidentContent;
import io.plumbline.ticketing.sink.IncidentContent.AffectedResource;
import io.plumbline.ticketing.sink.IncidentContent.Link;
import io.plumbline.ticketing.sink.SinkOutcome;
import io.plumbline.ticketing.sink.SinkRequest;
import io.plumbline.ticketing.sink.Target;
import io.plumbline.ticketing.support.FakeSlack;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackTicketSinkTest {

    private static final String TOKEN = "xoxb-1111-2222-test";
    private static final String CHANNEL = "C0INCIDENTS";

    private final FakeSlack slack = new FakeSlack(TOKEN).channel(CHANNEL, "incidents").channel("C0PAYMENTS", "payments");
    private final SlackTicketSink sink = new SlackTicketSink(config(slack.baseUrl(), TOKEN, CHANNEL));

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void shouldPostOneMessageWithBlocksWhenAnIncidentOpens() {
        SinkOutcome outcome = sink.deliver(request(DeliveryAction.OPEN, incident("OPEN", List.of(rds("orders-db", "OPEN"))),
                Optional.empty(), "Opened"));

        assertThat(outcome).isInstanceOf(SinkOutcome.Delivered.class);
        ExternalTicket ticket = ((SinkOutcome.Delivered) outcome).ticket();
        assertThat(slack.messages(CHANNEL)).hasSize(1);
        FakeSlack.Message message = slack.messages(CHANNEL).getFirst();
        assertThat(ticket).isEqualTo(new ExternalTicket(message.ts(), CHANNEL, null));
        assertThat(message.blocks().isArray()).isTrue();
        assertThat(message.blocksText())
                .contains("RDS instances in sa-east-1 are deployed in a single Availability Zone")
                .contains("orders-db").contains("HIGH").contains("Enable Multi-AZ");
        assertThat(message.text()).contains("OPEN").contains("single Availability Zone");
        assertThat(message.metadata().path("event_payload").path("correlation_key").asText()).isEqualTo("rel10-rds-sa-east-1");
        assertThat(sink.rateScope(request(DeliveryAction.OPEN, incident("OPEN", List.of()), Optional.empty(), "")))
                .isEqualTo(CHANNEL);
    }

    @Test
    void shouldPostToTheRoutesChannelWhenItNamesOne() {
        SinkRequest open = new SinkRequest(DeliveryAction.OPEN, incident("OPEN", List.of(rds("orders-db", "OPEN"))),
                Optional.empty(), false, target("#payments"), "Opened");

        SinkOutcome outcome = sink.deliver(open);

        assertThat(((SinkOutcome.Delivered) outcome).ticket().id()).isEqualTo("C0PAYMENTS");
        assertThat(slack.messages("C0PAYMENTS")).hasSize(1);
        assertThat(slack.messages(CHANNEL)).isEmpty();
    }

    @Test
    void shouldEditTheSameMessageAndReplyInItsThreadWhenResolved() {
        ExternalTicket ticket = open();

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.RESOLVE,
                incident("RESOLVED", List.of(rds("orders-db", "RESOLVED"))), Optional.of(ticket),
                "Resolved: every finding passes again"));

        assertThat(outcome).isEqualTo(SinkOutcome.delivered(ticket));
        assertThat(slack.messages(CHANNEL)).hasSize(1);
        FakeSlack.Message message = slack.message(CHANNEL, ticket.key()).orElseThrow();
        assertThat(message.edits()).isEqualTo(1);
        assertThat(message.blocksText()).contains("RESOLVED").contains("fixed").doesNotContain("failing —");
        assertThat(message.replies()).extracting(FakeSlack.Message::text)
                .containsExactly("Resolved: every finding passes again");
        assertThat(slack.updateCount()).isEqualTo(1);
        assertThat(slack.postCount()).isEqualTo(2);
    }

    @Test
    void shouldEditTheSameMessageAndReplyInItsThreadWhenReopened() {
        ExternalTicket ticket = open();
        sink.deliver(request(DeliveryAction.RESOLVE, incident("RESOLVED", List.of(rds("orders-db", "RESOLVED"))),
                Optional.of(ticket), "Resolved: every finding passes again"));

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.REOPEN,
                incident("REOPENED", List.of(rds("orders-db", "REOPENED"))), Optional.of(ticket),
                "Reopened: orders-db fails again"));

        assertThat(outcome).isEqualTo(SinkOutcome.delivered(ticket));
        assertThat(slack.messages(CHANNEL)).hasSize(1);
        FakeSlack.Message message = slack.message(CHANNEL, ticket.key()).orElseThrow();
        assertThat(message.edits()).isEqualTo(2);
        assertThat(message.blocksText()).contains("REOPENED").contains("failing");
        assertThat(message.replies()).extracting(FakeSlack.Message::text)
                .containsExactly("Resolved: every finding passes again", "Reopened: orders-db fails again");
    }

    @Test
    void shouldLinkTheIncidentsTicketsOnOtherDestinations() {
        IncidentContent incident = incident("OPEN", List.of(rds("orders-db", "OPEN")), List.of(
                new Link("jira", "OPS-12", "https://acme.atlassian.net/browse/OPS-12"),
                new Link("servicenow", "INC0010001", "https://acme.service-now.com/incident.do?sys_id=9d3"),
                new Link("opsgenie", "evil|<!here>", "https://evil.example/x|<!here>")));

        sink.deliver(request(DeliveryAction.OPEN, incident, Optional.empty(), "Opened"));

        String text = slack.messages(CHANNEL).getFirst().blocksText();
        assertThat(text).contains("<https://acme.atlassian.net/browse/OPS-12|OPS-12>")
                .contains("<https://acme.service-now.com/incident.do?sys_id=9d3|INC0010001>")
                .contains("evil|&lt;!here&gt; (opsgenie)") // a url that could break out of the link is not linked
                .doesNotContain("<!here>");
    }

    @Test
    void shouldArriveEscapedWhenAResourceNameIsHostile() {
        String hostile = "<!channel> & \"x\" OR project = ABC";
        IncidentContent incident = incident("OPEN", List.of(rds(hostile, "OPEN")));

        sink.deliver(request(DeliveryAction.OPEN, incident, Optional.empty(), "Opened"));

        FakeSlack.Message message = slack.messages(CHANNEL).getFirst();
        assertThat(message.blocksText()).contains("&lt;!channel&gt; &amp; \"x\" OR project = ABC");
        assertThat(message.json()).contains("&lt;!channel&gt; &amp; \\\"x\\\" OR project = ABC")
                .doesNotContain("<!channel>").doesNotContain("\\u003c!channel");
    }

    @Test
    void shouldListTwentyResourcesFailingFirstThenSayHowManyMore() {
        List<AffectedResource> resources = new ArrayList<>();
        IntStream.range(0, 5).forEach(i -> resources.add(rds("fixed-db-" + i, "RESOLVED")));
        IntStream.range(0, 25).forEach(i -> resources.add(rds("failing-db-" + i, "OPEN")));

        sink.deliver(request(DeliveryAction.OPEN, incident("OPEN", resources), Optional.empty(), "Opened"));

        String text = slack.messages(CHANNEL).getFirst().blocksText();
        assertThat(text).contains("25 failing of 30").contains("failing-db-0").contains("failing-db-19")
                .doesNotContain("failing-db-20").doesNotContain("fixed-db-").contains("and 10 more");
    }

    @Test
    void shouldKeepEverySectionWithinSlacksLimitsWhenTextsAreHuge() {
        List<AffectedResource> resources = IntStream.range(0, 20)
                .mapToObj(i -> rds("db-" + i + "-" + "&".repeat(300), "OPEN")).toList();
        IncidentContent incident = incident("OPEN", resources);
        IncidentContent huge = new IncidentContent(incident.id(), incident.correlationKey(), incident.state(),
                "T".repeat(400), incident.severity(), incident.pillar(), incident.question(), incident.bestPractice(),
                incident.ruleId(), incident.accountId(), incident.region(), "<risk>".repeat(1000), incident.remediation(),
                incident.resources(), incident.links());

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.OPEN, huge, Optional.empty(), "Opened"));

        assertThat(outcome).isInstanceOf(SinkOutcome.Delivered.class); // the fake refuses blocks over Slack's limits
        assertThat(slack.messages(CHANNEL).getFirst().blocksText()).contains("…").contains("more");
    }

    @Test
    void shouldFindTheEarlierPostInsteadOfPostingTwiceWhenTheOutcomeIsUnknown() {
        ExternalTicket first = open();
        sink.deliver(new SinkRequest(DeliveryAction.OPEN, incident("OPEN", List.of(rds("other-db", "OPEN")), List.of(),
                "other-incident"), Optional.empty(), false, Target.defaults(), "Opened"));

        SinkOutcome retry = sink.deliver(new SinkRequest(DeliveryAction.OPEN,
                incident("OPEN", List.of(rds("orders-db", "OPEN"), rds("billing-db", "OPEN"))), Optional.empty(), true,
                Target.defaults(), "Opened"));

        assertThat(retry).isEqualTo(SinkOutcome.delivered(first));
        assertThat(slack.messages(CHANNEL)).hasSize(2);
        assertThat(slack.message(CHANNEL, first.key()).orElseThrow().blocksText()).contains("billing-db");
        assertThat(slack.historyReads()).isEqualTo(1);
    }

    @Test
    void shouldPostWhenTheOutcomeIsUnknownButNothingWasPosted() {
        SinkOutcome outcome = sink.deliver(new SinkRequest(DeliveryAction.OPEN,
                incident("OPEN", List.of(rds("orders-db", "OPEN"))), Optional.empty(), true, Target.defaults(), "Opened"));

        assertThat(outcome).isInstanceOf(SinkOutcome.Delivered.class);
        assertThat(slack.messages(CHANNEL)).hasSize(1);
    }

    @Test
    void shouldRejectNamingTheErrorWhenTheChannelDoesNotExist() {
        SinkOutcome outcome = sink.deliver(new SinkRequest(DeliveryAction.OPEN,
                incident("OPEN", List.of(rds("orders-db", "OPEN"))), Optional.empty(), false, target("#gone"), "Opened"));

        assertThat(outcome).isInstanceOf(SinkOutcome.Rejected.class);
        assertThat(((SinkOutcome.Rejected) outcome).reason()).contains("channel_not_found");
    }

    @Test
    void shouldRejectWhenTheTokenIsNotAccepted() {
        SlackTicketSink wrongToken = new SlackTicketSink(config(slack.baseUrl(), "xoxb-revoked", CHANNEL));

        SinkOutcome outcome = wrongToken.deliver(request(DeliveryAction.OPEN,
                incident("OPEN", List.of(rds("orders-db", "OPEN"))), Optional.empty(), "Opened"));

        assertThat(outcome).isInstanceOf(SinkOutcome.Rejected.class);
        assertThat(((SinkOutcome.Rejected) outcome).reason()).contains("invalid_auth").doesNotContain("xoxb");
        assertThat(slack.messages(CHANNEL)).isEmpty();
    }

    @Test
    void shouldRejectAnEditWhenTheMessageWasDeleted() {
        ExternalTicket ticket = open();
        slack.delete(CHANNEL, ticket.key());

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.RESOLVE,
                incident("RESOLVED", List.of(rds("orders-db", "RESOLVED"))), Optional.of(ticket), "Resolved"));

        assertThat(outcome).isInstanceOf(SinkOutcome.Rejected.class);
        assertThat(((SinkOutcome.Rejected) outcome).reason()).contains("message_not_found");
    }

    @Test
    void shouldBackOffForSlacksRetryAfterWhenRateLimited() {
        slack.rateLimitNext(1, 7);

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.OPEN,
                incident("OPEN", List.of(rds("orders-db", "OPEN"))), Optional.empty(), "Opened"));

        assertThat(outcome).isEqualTo(SinkOutcome.rateLimited(Duration.ofSeconds(7)));
        assertThat(slack.messages(CHANNEL)).isEmpty();
    }

    @Test
    void shouldRetryLaterWhenSlackHasAnInternalError() {
        ExternalTicket ticket = open();
        slack.failNext("internal_error");

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.RESOLVE,
                incident("RESOLVED", List.of(rds("orders-db", "RESOLVED"))), Optional.of(ticket), "Resolved"));

        assertThat(outcome).isInstanceOf(SinkOutcome.Failed.class);
        assertThat(((SinkOutcome.Failed) outcome).reason()).contains("internal_error");
    }

    @Test
    void shouldFailTransientlyWhenSlackIsUnreachable() {
        slack.goDown();

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.OPEN,
                incident("OPEN", List.of(rds("orders-db", "OPEN"))), Optional.empty(), "Opened"));

        assertThat(outcome).isInstanceOf(SinkOutcome.Failed.class);
        assertThat(((SinkOutcome.Failed) outcome).reason()).contains("Slack chat.postMessage");
    }

    @Test
    void shouldRefuseToStartWithATokenButNoChannel() {
        assertThatThrownBy(() -> new SlackTicketSink(config(slack.baseUrl(), TOKEN, null)))
                .hasMessageContaining("plumbline.ticketing.slack.channel")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
    }

    @Test
    void shouldStayDisabledWithoutAToken() {
        assertThat(new SlackTicketSink(config(slack.baseUrl(), null, null)).enabled()).isFalse();
        assertThat(sink.enabled()).isTrue();
        assertThat(sink.destination()).isEqualTo("slack");
    }

    private ExternalTicket open() {
        SinkOutcome outcome = sink.deliver(request(DeliveryAction.OPEN,
                incident("OPEN", List.of(rds("orders-db", "OPEN"))), Optional.empty(), "Opened"));
        return ((SinkOutcome.Delivered) outcome).ticket();
    }

    private static SinkRequest request(DeliveryAction action, IncidentContent incident, Optional<ExternalTicket> ticket,
            String note) {
        return new SinkRequest(action, incident, ticket, false, Target.defaults(), note);
    }

    private static Target target(String channel) {
        return new Target(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.of(channel));
    }

    private static IncidentContent incident(String state, List<AffectedResource> resources) {
        return incident(state, resources, List.of());
    }

    private static IncidentContent incident(String state, List<AffectedResource> resources, List<Link> links) {
        return incident(state, resources, links, "rel10-rds-sa-east-1");
    }

    private static IncidentContent incident(String state, List<AffectedResource> resources, List<Link> links,
            String correlationKey) {
        return new IncidentContent(42, correlationKey, state,
                "RDS instances in sa-east-1 are deployed in a single Availability Zone", "HIGH", "Reliability",
                "REL10", "REL10-BP01", "rds-multi-az", "123456789012", "sa-east-1",
                "An Availability Zone outage takes the database down.",
                List.of("Enable Multi-AZ on each instance", "Schedule the change in a maintenance window"),
                resources, links);
    }

    private static AffectedResource rds(String name, String status) {
        return new AffectedResource("fp-" + name.hashCode(), "arn:aws:rds:sa-east-1:123456789012:db:orders",
                "AWS::RDS::DBInstance", "db-" + Math.abs(name.hashCode()), name, Map.of("team", "payments"),
                "MultiAZ is false", status);
    }

    private static SlackConfig config(String baseUrl, String token, String channel) {
        Map<String, String> values = new HashMap<>();
        values.put("plumbline.ticketing.slack.base-url", baseUrl);
        values.put("plumbline.ticketing.slack.timeout", "3s");
        if (token != null) {
            values.put("plumbline.ticketing.slack.bot-token", token);
        }
        if (channel != null) {
            values.put("plumbline.ticketing.slack.channel", channel);
        }
        // Quarkus' converter reads "10s"; plain SmallRye Config only knows ISO-8601 durations
        return new SmallRyeConfigBuilder().withMapping(SlackConfig.class).withDefaultValues(values)
                .withConverter(Duration.class, 200, new DurationConverter()).build()
                .getConfigMapping(SlackConfig.class);
    }
}
