package io.plumbline.ticketing.support;

import io.plumbline.ticketing.sink.DeliveryAction;
import io.plumbline.ticketing.sink.ExternalTicket;
import io.plumbline.ticketing.sink.IncidentContent;
import io.plumbline.ticketing.sink.IncidentContent.AffectedResource;
import io.plumbline.ticketing.sink.SinkRequest;
import io.plumbline.ticketing.sink.Target;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One realistic incident and the requests the delivery worker would hand to the ServiceNow, OpsGenie and PagerDuty sinks. */
public final class OpsSamples {

    public static final String KEY = "inc-42-rds-multi-az-sa-east-1";
    public static final String HOSTILE_NAME = "<!channel> & \"x\" OR project = ABC";

    private OpsSamples() {}

    /** A HIGH reliability incident with two failing databases, one named {@code secondName}, and one fixed. */
    public static IncidentContent incident(String severity, String secondName) {
        return new IncidentContent(42, KEY, "OPEN",
                "RDS instances in sa-east-1 are deployed in a single Availability Zone", severity, "RELIABILITY",
                "REL 10: How do you use fault isolation to protect your workload?",
                "Deploy the workload to multiple locations", "rds-multi-az", "123456789012", "sa-east-1",
                "An Availability Zone outage makes the database unavailable.",
                List.of("Modify the instance and enable Multi-AZ", "Apply during the maintenance window"),
                List.of(resource("orders-db", "OPEN"), resource(secondName, "REOPENED"), resource("legacy-db", "RESOLVED")),
                List.of());
    }

    public static IncidentContent incident() {
        return incident("HIGH", "billing-db");
    }

    public static AffectedResource resource(String name, String status) {
        return new AffectedResource("fp-" + name.hashCode(), "arn:aws:rds:sa-east-1:123456789012:db:" + name, "AWS::RDS::DBInstance",
                name, name, Map.of("team", "payments"), "DB instance " + name + " is not Multi-AZ", status);
    }

    /** A config mapping read as Quarkus reads it (with its duration syntax, e.g. {@code 10s}), from these values only. */
    public static <T> T config(Class<T> mapping, Map<String, String> values) {
        return new SmallRyeConfigBuilder().withMapping(mapping).withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(values).build().getConfigMapping(mapping);
    }

    public static SinkRequest request(DeliveryAction action, IncidentContent incident, Optional<ExternalTicket> ticket,
                                      boolean outcomeUnknown, String note) {
        return new SinkRequest(action, incident, ticket, outcomeUnknown, Target.defaults(), note);
    }

    public static SinkRequest open() {
        return request(DeliveryAction.OPEN, incident(), Optional.empty(), false, "Opened by Plumbline");
    }

    public static SinkRequest step(DeliveryAction action, ExternalTicket ticket, String note) {
        return request(action, incident(), Optional.of(ticket), false, note);
    }
}
