package io.plumbline.ticketing.sink.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.plumbline.ticketing.sink.DeliveryAction;
import io.plumbline.ticketing.sink.ExternalTicket;
import io.plumbline.ticketing.sink.IncidentContent;
import io.plumbline.ticketing.sink.IncidentContent.AffectedResource;
import io.plumbline.ticketing.sink.SinkOutcome;
import io.plumbline.ticketing.sink.SinkRequest;
import io.plumbline.ticketing.sink.Target;
import io.plumbline.ticketing.support.FakeJira;
import io.plumbline.ticketing.support.FakeJira.Status;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Jira destination against a stateful fake of Jira Cloud and Data Center. */
class JiraTicketSinkTest {

    private static final String EMAIL = "bot@example.com";
    private static final String TOKEN = "cloud-token-s3cret";
    private static final String PAT = "dc-pat-s3cret";
    private static final String HOSTILE = "<!channel> & \"x\" OR project = ABC";

    private final FakeJira jira = new FakeJira(EMAIL, TOKEN, PAT);

    @AfterEach
    void stop() {
        jira.close();
    }

    @Test
    void shouldCreateIssueWithAdfDescriptionLabelsAndPriority() {
        JiraTicketSink sink = cloudSink(Map.of());

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.OPEN, incident("CRITICAL", db("orders-db", "OPEN"))));

        assertThat(outcome).isEqualTo(new SinkOutcome.Delivered(
                new ExternalTicket("OPS-1", jira.issue("OPS-1").orElseThrow().id, jira.baseUrl() + "/browse/OPS-1")));
        FakeJira.Issue issue = jira.issue("OPS-1").orElseThrow();
        assertThat(issue.project()).isEqualTo("OPS");
        assertThat(issue.issueType()).isEqualTo("Task");
        assertThat(issue.summary()).isEqualTo("RDS instances in sa-east-1 are deployed in a single Availability Zone");
        assertThat(issue.labels()).containsExactly("plumbline", "plumbline-rel10-abc123");
        assertThat(issue.priority()).isEqualTo("Highest");
        assertThat(issue.description().path("type").asText()).isEqualTo("doc");
        assertThat(issue.descriptionText())
                .contains("Severity: CRITICAL", "Pillar: Reliability", "How do you design your workload to withstand component failures?",
                        "REL10-BP01", "Account: 123456789012", "Region: sa-east-1", "A single AZ outage takes the database down",
                        "orders-db · db-1 · arn:aws:rds:sa-east-1:123456789012:db:orders-db — OPEN: Instance is Single-AZ",
                        "Modify the instance to Multi-AZ");
        assertThat(jira.requests()).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo(
                "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + TOKEN).getBytes())));
    }

    @Test
    void shouldCreateInTheRouteProjectWithConfiguredPriorityAndLabels() {
        JiraTicketSink sink = cloudSink(Map.of("plumbline.ticketing.jira.priorities.HIGH", "P2",
                "plumbline.ticketing.jira.labels", "plumbline,aws estate"));
        Target target = new Target(Optional.of("SEC"), Optional.of("Bug"), Optional.empty(), List.of(), Optional.empty());

        SinkOutcome outcome = sink.deliver(new SinkRequest(DeliveryAction.OPEN, incident("HIGH", db("orders-db", "OPEN")),
                Optional.empty(), false, target, "opened"));

        assertThat(outcome).isInstanceOf(SinkOutcome.Delivered.class);
        FakeJira.Issue issue = jira.issue("SEC-1").orElseThrow();
        assertThat(issue.issueType()).isEqualTo("Bug");
        assertThat(issue.priority()).isEqualTo("P2");
        assertThat(issue.labels()).containsExactly("plumbline", "aws-estate", "plumbline-rel10-abc123");
    }

    @Test
    void shouldKeepTheSummaryOnOneLineWithinJirasLimit() {
        JiraTicketSink sink = cloudSink(Map.of());
        IncidentContent long_ = withTitle(incident("LOW", db("orders-db", "OPEN")), "first line\nsecond " + "x".repeat(400));

        assertThat(sink.deliver(request(DeliveryAction.OPEN, long_))).isInstanceOf(SinkOutcome.Delivered.class);

        String summary = jira.issue("OPS-1").orElseThrow().summary();
        assertThat(summary).startsWith("first line second xxx").doesNotContain("\n").hasSizeLessThanOrEqualTo(255);
        assertThat(jira.issue("OPS-1").orElseThrow().priority()).isEqualTo("Low");
    }

    @Test
    void shouldCreateOnDataCenterWithBearerAndWikiMarkup() {
        JiraTicketSink sink = sink(Map.of("plumbline.ticketing.jira.deployment", "DATA_CENTER",
                "plumbline.ticketing.jira.personal-access-token", PAT));

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.OPEN, incident("MEDIUM", db("db*prod*[x]", "OPEN"))));

        assertThat(outcome).isInstanceOf(SinkOutcome.Delivered.class);
        LoggedRequest create = jira.requests().getFirst();
        assertThat(create.getUrl()).isEqualTo("/rest/api/2/issue");
        assertThat(create.getHeader("Authorization")).isEqualTo("Bearer " + PAT);
        FakeJira.Issue issue = jira.issue("OPS-1").orElseThrow();
        assertThat(issue.description().isTextual()).isTrue();
        assertThat(issue.descriptionText())
                .contains("*Severity:* MEDIUM", "h3. Affected resources \\(1\\)", "* db\\*prod\\*\\[x\\] · db\\-1",
                        "# Modify the instance to Multi\\-AZ")
                .doesNotContain("db*prod*");
        assertThat(issue.priority()).isEqualTo("Medium");
    }

    @Test
    void shouldFindTheExistingIssueByLabelWhenTheCreateOutcomeIsUnknown() {
        JiraTicketSink sink = cloudSink(Map.of());
        IncidentContent incident = incident("HIGH", db("orders-db", "OPEN"));
        sink.deliver(request(DeliveryAction.OPEN, incident));

        SinkOutcome retry = sink.deliver(new SinkRequest(DeliveryAction.OPEN, incident, Optional.empty(), true,
                Target.defaults(), "retry"));

        assertThat(retry).isInstanceOfSatisfying(SinkOutcome.Delivered.class,
                d -> assertThat(d.ticket().key()).isEqualTo("OPS-1"));
        assertThat(jira.createCount()).isEqualTo(1);
        assertThat(jira.jqlReceived()).containsExactly("labels = \"plumbline-rel10-abc123\"");
        assertThat(jira.requests()).noneMatch(r -> r.getUrl().equals("/rest/api/3/search"));
    }

    @Test
    void shouldCreateWhenTheLookupFindsNothing() {
        JiraTicketSink sink = sink(Map.of("plumbline.ticketing.jira.deployment", "DATA_CENTER",
                "plumbline.ticketing.jira.personal-access-token", PAT));

        SinkOutcome outcome = sink.deliver(new SinkRequest(DeliveryAction.OPEN, incident("HIGH", db("orders-db", "OPEN")),
                Optional.empty(), true, Target.defaults(), "retry"));

        assertThat(outcome).isInstanceOfSatisfying(SinkOutcome.Delivered.class,
                d -> assertThat(d.ticket().key()).isEqualTo("OPS-1"));
        assertThat(jira.createCount()).isEqualTo(1);
        assertThat(jira.requests().getFirst().getUrl()).startsWith("/rest/api/2/search?jql=");
        assertThat(jira.jqlReceived()).containsExactly("labels = \"plumbline-rel10-abc123\"");
    }

    @Test
    void shouldCommentTheFailingResourcesOnUpdate() {
        JiraTicketSink sink = cloudSink(Map.of());
        ExternalTicket ticket = open(sink);
        IncidentContent now = incident("HIGH", db("orders-db", "RESOLVED"), db("billing-db", "OPEN"));

        SinkOutcome outcome = sink.deliver(new SinkRequest(DeliveryAction.UPDATE, now, Optional.of(ticket), false,
                Target.defaults(), "orders-db was fixed"));

        assertThat(outcome).isEqualTo(new SinkOutcome.Delivered(ticket));
        assertThat(jira.issue("OPS-1").orElseThrow().commentTexts()).singleElement().asString()
                .contains("orders-db was fixed", "Failing resources (1)", "billing-db")
                .doesNotContain("orders-db ·");
        assertThat(jira.status("OPS-1")).isEqualTo(Status.TO_DO);
    }

    @Test
    void shouldResolveThroughTheLookedUpDoneTransitionAndComment() {
        JiraTicketSink sink = cloudSink(Map.of());
        ExternalTicket ticket = open(sink);
        jira.setStatus("OPS-1", Status.IN_PROGRESS);

        SinkOutcome outcome = sink.deliver(step(DeliveryAction.RESOLVE, ticket, "All resources fixed"));

        assertThat(outcome).isEqualTo(new SinkOutcome.Delivered(ticket));
        assertThat(jira.status("OPS-1")).isEqualTo(Status.DONE);
        assertThat(jira.issue("OPS-1").orElseThrow().commentTexts()).singleElement().asString().contains("All resources fixed");
        assertThat(jira.requests()).anySatisfy(r -> {
            assertThat(r.getMethod().getName()).isEqualTo("POST");
            assertThat(r.getUrl()).isEqualTo("/rest/api/3/issue/OPS-1/transitions");
            assertThat(r.getBodyAsString()).isEqualTo("{\"transition\":{\"id\":\"31\"}}");
        });
    }

    @Test
    void shouldOnlyCommentWhenSuppressingAnIssueAlreadyDone() {
        JiraTicketSink sink = cloudSink(Map.of());
        ExternalTicket ticket = open(sink);
        jira.setStatus("OPS-1", Status.DONE);
        jira.clearRequests();

        SinkOutcome outcome = sink.deliver(step(DeliveryAction.SUPPRESS, ticket, "Risk accepted until 2027-01-01"));

        assertThat(outcome).isEqualTo(new SinkOutcome.Delivered(ticket));
        assertThat(jira.status("OPS-1")).isEqualTo(Status.DONE);
        assertThat(jira.issue("OPS-1").orElseThrow().commentTexts()).singleElement().asString().contains("Risk accepted");
        assertThat(jira.requests()).noneMatch(r -> r.getUrl().endsWith("/transitions"));
    }

    @Test
    void shouldReopenTheSameIssueToANotDoneStatusWithAComment() {
        JiraTicketSink sink = cloudSink(Map.of());
        ExternalTicket ticket = open(sink);
        sink.deliver(step(DeliveryAction.RESOLVE, ticket, "fixed"));

        SinkOutcome outcome = sink.deliver(step(DeliveryAction.REOPEN, ticket, "orders-db fails again"));

        assertThat(outcome).isEqualTo(new SinkOutcome.Delivered(ticket));
        assertThat(jira.status("OPS-1")).isEqualTo(Status.TO_DO);
        assertThat(jira.createCount()).isEqualTo(1);
        assertThat(jira.issue("OPS-1").orElseThrow().commentTexts()).hasSize(2).last().asString()
                .contains("orders-db fails again");
    }

    @Test
    void shouldResolveOnDataCenterWithWikiComment() {
        JiraTicketSink sink = sink(Map.of("plumbline.ticketing.jira.deployment", "DATA_CENTER",
                "plumbline.ticketing.jira.personal-access-token", PAT));
        ExternalTicket ticket = open(sink);

        SinkOutcome outcome = sink.deliver(step(DeliveryAction.RESOLVE, ticket, "h1. fixed *now*"));

        assertThat(outcome).isEqualTo(new SinkOutcome.Delivered(ticket));
        assertThat(jira.status("OPS-1")).isEqualTo(Status.DONE);
        assertThat(jira.issue("OPS-1").orElseThrow().commentTexts()).containsExactly("h1. fixed \\*now\\*");
    }

    @Test
    void shouldReportTheRateLimitWithJirasRetryAfter() {
        JiraTicketSink sink = cloudSink(Map.of());
        jira.rateLimitNext(1, 7);

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.OPEN, incident("HIGH", db("orders-db", "OPEN"))));

        assertThat(outcome).isEqualTo(new SinkOutcome.RateLimited(Duration.ofSeconds(7)));
        assertThat(jira.createCount()).isZero();
    }

    @Test
    void shouldRejectABadTokenWithoutRevealingIt() {
        JiraTicketSink sink = sink(Map.of("plumbline.ticketing.jira.email", EMAIL,
                "plumbline.ticketing.jira.api-token", "wrong-token"));

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.OPEN, incident("HIGH", db("orders-db", "OPEN"))));

        assertThat(outcome).isInstanceOfSatisfying(SinkOutcome.Rejected.class, r -> assertThat(r.reason())
                .contains("401", "not authenticated").doesNotContain("wrong-token"));
        assertThat(jira.createCount()).isZero();
    }

    @Test
    void shouldRejectWithJirasErrorText() {
        JiraTicketSink sink = cloudSink(Map.of("plumbline.ticketing.jira.project", "NOPE"));

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.OPEN, incident("HIGH", db("orders-db", "OPEN"))));

        assertThat(outcome).isInstanceOfSatisfying(SinkOutcome.Rejected.class,
                r -> assertThat(r.reason()).contains("400", "project: valid project is required"));
    }

    @Test
    void shouldFailWhenTheConnectionIsReset() {
        JiraTicketSink sink = cloudSink(Map.of());
        jira.goDown();

        SinkOutcome outcome = sink.deliver(request(DeliveryAction.OPEN, incident("HIGH", db("orders-db", "OPEN"))));

        assertThat(outcome).isInstanceOfSatisfying(SinkOutcome.Failed.class,
                f -> assertThat(f.reason()).startsWith("Jira failed: ").doesNotContain(TOKEN));
    }

    @Test
    void shouldKeepAHostileResourceNameLiteralAndOutOfTheQuery() {
        JiraTicketSink sink = cloudSink(Map.of());
        IncidentContent incident = withTitle(incident("HIGH", db(HOSTILE, "OPEN")), "Single AZ: " + HOSTILE);

        SinkOutcome outcome = sink.deliver(new SinkRequest(DeliveryAction.OPEN, incident, Optional.empty(), true,
                Target.defaults(), "retry"));

        assertThat(outcome).isInstanceOf(SinkOutcome.Delivered.class);
        FakeJira.Issue issue = jira.issue("OPS-1").orElseThrow();
        assertThat(issue.summary()).isEqualTo("Single AZ: " + HOSTILE);
        assertThat(issue.descriptionText()).contains(HOSTILE + " · db-1");
        assertThat(jira.jqlReceived()).containsExactly("labels = \"plumbline-rel10-abc123\"");
        assertThat(jira.issues()).hasSize(1);
    }

    @Test
    void shouldRefuseToStartWithoutTheDeploymentsCredentialsNamingTheKey() {
        assertThatThrownBy(() -> new JiraTicketSink(config(Map.of("plumbline.ticketing.jira.base-url", jira.baseUrl(),
                "plumbline.ticketing.jira.email", EMAIL))))
                .hasMessageContaining("plumbline.ticketing.jira.api-token").hasMessageNotContaining(EMAIL);
        assertThatThrownBy(() -> new JiraTicketSink(config(Map.of("plumbline.ticketing.jira.base-url", jira.baseUrl(),
                "plumbline.ticketing.jira.deployment", "DATA_CENTER", "plumbline.ticketing.jira.api-token", TOKEN))))
                .hasMessageContaining("plumbline.ticketing.jira.personal-access-token").hasMessageNotContaining(TOKEN);
    }

    @Test
    void shouldBeDisabledWithoutABaseUrl() {
        JiraTicketSink sink = new JiraTicketSink(config(Map.of()));

        assertThat(sink.enabled()).isFalse();
        assertThat(sink.destination()).isEqualTo("jira");
        assertThat(cloudSink(Map.of()).enabled()).isTrue();
    }

    // --- helpers

    private ExternalTicket open(JiraTicketSink sink) {
        SinkOutcome opened = sink.deliver(request(DeliveryAction.OPEN, incident("HIGH", db("orders-db", "OPEN"))));
        return ((SinkOutcome.Delivered) opened).ticket();
    }

    private JiraTicketSink cloudSink(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of("plumbline.ticketing.jira.email", EMAIL,
                "plumbline.ticketing.jira.api-token", TOKEN));
        values.putAll(extra);
        return sink(values);
    }

    private JiraTicketSink sink(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("plumbline.ticketing.jira.base-url", jira.baseUrl());
        all.put("plumbline.ticketing.jira.timeout", "3s");
        return new JiraTicketSink(config(all));
    }

    /** The real mapping, with Quarkus's converter for durations such as "10s" as the application has it. */
    static JiraConfig config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withMapping(JiraConfig.class).withDefaultValues(values)
                .withConverter(Duration.class, 200, new DurationConverter()).build()
                .getConfigMapping(JiraConfig.class);
    }

    private static SinkRequest request(DeliveryAction action, IncidentContent incident) {
        return new SinkRequest(action, incident, Optional.empty(), false, Target.defaults(), "opened");
    }

    private static SinkRequest step(DeliveryAction action, ExternalTicket ticket, String note) {
        return new SinkRequest(action, incident("HIGH", db("orders-db", "OPEN")), Optional.of(ticket), false,
                Target.defaults(), note);
    }

    private static AffectedResource db(String name, String status) {
        return new AffectedResource("fp-" + name, "arn:aws:rds:sa-east-1:123456789012:db:" + name, "AWS::RDS::DBInstance",
                "db-1", name, Map.of("team", "payments"), "Instance is Single-AZ", status);
    }

    private static IncidentContent incident(String severity, AffectedResource... resources) {
        return new IncidentContent(42, "rel10-abc123", "OPEN",
                "RDS instances in sa-east-1 are deployed in a single Availability Zone", severity, "Reliability",
                "How do you design your workload to withstand component failures?", "REL10-BP01 Deploy the workload to multiple locations",
                "rds-multi-az", "123456789012", "sa-east-1", "A single AZ outage takes the database down",
                List.of("Modify the instance to Multi-AZ", "Verify failover"), List.of(resources), List.of());
    }

    private static IncidentContent withTitle(IncidentContent i, String title) {
        return new IncidentContent(i.id(), i.correlationKey(), i.state(), title, i.severity(), i.pillar(), i.question(),
                i.bestPractice(), i.ruleId(), i.accountId(), i.region(), i.risk(), i.remediation(), i.resources(), i.links());
    }
}
