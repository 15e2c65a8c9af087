package io.plumbline.ticketing.finding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.contracts.EventJson;
import io.plumbline.contracts.FindingEvent;
import io.plumbline.ticketing.support.FindingEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The consumer's compiled check and the contract's JSON schema give the same verdict on every case: events as the
 * scanner writes them, and each field of the schema missing, of every JSON type, and at the edges of its pattern,
 * enumeration or format. "Valid" for the consumer also means the event can be read into its record (the schema
 * treats formats as annotations, so it passes timestamps no reader understands): those are rejected, not crashed on.
 */
class FindingEventCheckTest {

    private static final List<String> FIELDS = List.of("eventId", "version", "fingerprint", "state", "sequence", "ruleId",
            "severity", "pillar", "question", "bestPractice", "impact", "accountId", "region", "resource", "title",
            "message", "risk", "remediation", "autoFix", "scanId", "firstSeenAt", "observedAt");
    private static final List<String> RESOURCE_FIELDS = List.of("arn", "type", "id", "name", "tags");
    /** One value of every JSON type, and the edges where schema keywords and readers tend to differ. */
    private static final List<String> VALUES = List.of("null", "true", "0", "1", "2", "-1", "1.0", "1.5", "1e2",
            "99999999999999999999999", "\"\"", "\"x\"", "\"1\"", "[]", "[\"a\"]", "[1]", "{}", "{\"a\":\"b\"}", "{\"a\":1}");
    private static final List<String> STRINGS = List.of(
            "OPEN", "RESOLVED", "REOPENED", "open", "CRITICAL", "INFORMATIONAL", "SECURITY", "SUSTAINABILITY",
            "REL10", "REL1", "REL100", "PERF3", "rel10", "REL10-BP01", "SUS2-BP10", "REL10-BP1", "REL10-BP012",
            "123456789012", "12345678901", "1234567890123", "12345678901a", "123456789012\n",
            "a".repeat(64), "A".repeat(64), "a".repeat(63), "a".repeat(65), "a".repeat(64) + "\n", "g".repeat(64),
            "rds-instance-multi-az", "rds--az", "-rds", "rds-", "Rds", "rds_az", "rds-az\n",
            "AWS::RDS::DBInstance", "AWS::EC2::Instance", "AWS::RDS", "aws::rds::db", "AWS::RDS::DB-Instance",
            "0b9e7c1a-8f43-4a55-9d0e-7d3f2c1b6a90", "not-a-uuid",
            "2026-11-20T10:00:00Z", "2026-11-20T10:00:00.123456789Z", "2026-11-20T10:00:00+01:00", "2026-11-20t10:00:00z",
            "2026-11-20T10:00:00+0000", "2026-11-20T10:00:00-00:00", "2026-11-20 10:00:00Z", "2026-11-20T10:00:00",
            "2026-11-20", "2026-02-30T10:00:00Z", "2016-12-31T23:59:60Z", "2026-11-20T24:00:00Z", "2026-11-20T10:00Z",
            "2026-11-20T10:00:00+25:00", "+12026-11-20T10:00:00Z", "1700000000", "1700000000.5", "yesterday",
            " ", "é", "<script>", "a\u0000b");

    static Stream<Arguments> cases() throws Exception {
        List<Arguments> cases = new ArrayList<>();
        for (FindingEvent event : scannerEvents()) {
            cases.add(Arguments.of("as the scanner writes it: " + event.resource().name() + " " + event.state(),
                    EventJson.write(event)));
        }
        ObjectNode base = (ObjectNode) EventJson.mapper().readTree(EventJson.write(scannerEvents().getFirst()));
        cases.add(Arguments.of("not an object: array", "[]"));
        cases.add(Arguments.of("not an object: string", "\"event\""));
        cases.add(Arguments.of("not an object: number", "1"));
        cases.add(Arguments.of("not an object: null", "null"));
        cases.add(Arguments.of("an unknown property", base.deepCopy().put("extra", "x").toString()));
        for (String field : FIELDS) {
            ObjectNode without = base.deepCopy();
            without.remove(field);
            cases.add(Arguments.of(field + " missing", without.toString()));
            for (String value : VALUES) {
                cases.add(Arguments.of(field + " = " + value, with(base, field, value).toString()));
            }
            for (String text : STRINGS) {
                cases.add(Arguments.of(field + " = \"" + text + "\"", base.deepCopy().put(field, text).toString()));
            }
        }
        for (String field : RESOURCE_FIELDS) {
            ObjectNode without = base.deepCopy();
            ((ObjectNode) without.get("resource")).remove(field);
            cases.add(Arguments.of("resource." + field + " missing", without.toString()));
            for (String value : VALUES) {
                ObjectNode changed = base.deepCopy();
                ((ObjectNode) changed.get("resource")).set(field, EventJson.mapper().readTree(value));
                cases.add(Arguments.of("resource." + field + " = " + value, changed.toString()));
            }
            for (String text : STRINGS) {
                ObjectNode changed = base.deepCopy();
                ((ObjectNode) changed.get("resource")).put(field, text);
                cases.add(Arguments.of("resource." + field + " = \"" + text + "\"", changed.toString()));
            }
        }
        ObjectNode extraInResource = base.deepCopy();
        ((ObjectNode) extraInResource.get("resource")).put("extra", "x");
        cases.add(Arguments.of("an unknown property in resource", extraInResource.toString()));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldGiveTheSchemasVerdictAndTheSameEvent(String name, String json) throws Exception {
        JsonNode node = EventJson.mapper().readTree(json);
        List<String> schemaProblems = EventJson.findingEventProblems(node);
        FindingEvent read = null;
        if (schemaProblems.isEmpty()) {
            try {
                read = EventJson.toFindingEvent(node);
            } catch (IllegalArgumentException unreadable) {
                // conforms to the schema, but the record cannot hold it: the consumer must reject it too
            }
        }

        FindingEventCheck.Outcome outcome = FindingEventCheck.read(node);

        if (read != null) {
            assertThat(outcome).as("the schema accepts %s", json).isEqualTo(new FindingEventCheck.Outcome.Valid(read));
        } else {
            assertThat(outcome).as("the schema (%s) or the reader rejects %s", schemaProblems, json)
                    .isInstanceOf(FindingEventCheck.Outcome.Invalid.class);
        }
    }

    @Test
    void shouldNameTheFieldThatBreaksTheContract() throws Exception {
        ObjectNode event = (ObjectNode) EventJson.mapper().readTree(EventJson.write(scannerEvents().getFirst()));

        assertThat(FindingEventCheck.read(event.deepCopy().put("accountId", "12345")))
                .isEqualTo(new FindingEventCheck.Outcome.Invalid("$.accountId: does not match the regex pattern ^[0-9]{12}$"));
        assertThat(FindingEventCheck.read(event.deepCopy().put("firstSeenAt", "yesterday")))
                .isEqualTo(new FindingEventCheck.Outcome.Invalid("$.firstSeenAt: 'yesterday' is not a date-time"));
        assertThat(FindingEventCheck.read(with(event, "version", "2")))
                .isEqualTo(new FindingEventCheck.Outcome.Invalid("$.version: must be the constant value '1'"));
    }

    private static ObjectNode with(ObjectNode base, String field, String json) throws Exception {
        ObjectNode copy = base.deepCopy();
        copy.set(field, EventJson.mapper().readTree(json));
        return copy;
    }

    /** Every state, severity and pillar, with and without the optional fields. */
    private static List<FindingEvent> scannerEvents() {
        List<FindingEvent> events = new ArrayList<>();
        events.add(FindingEvents.rdsSingleAz("crm-db", FindingEvent.State.OPEN, 1));
        events.add(FindingEvents.rdsSingleAz("crm-db", FindingEvent.State.RESOLVED, 2));
        events.add(FindingEvents.rdsSingleAz("crm-db", FindingEvent.State.REOPENED, 3));
        for (String severity : List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL")) {
            events.add(FindingEvents.openIngress("web-" + severity, severity, FindingEvent.State.OPEN, 7));
        }
        for (String pillar : List.of("OPERATIONAL_EXCELLENCE", "SECURITY", "RELIABILITY", "PERFORMANCE_EFFICIENCY",
                "COST_OPTIMIZATION", "SUSTAINABILITY")) {
            FindingEvent e = FindingEvents.openIngress("pillar-" + pillar, "LOW", FindingEvent.State.OPEN, 1);
            events.add(new FindingEvent(e.eventId(), e.version(), e.fingerprint(), e.state(), e.sequence(), e.ruleId(),
                    e.severity(), pillar, e.question(), e.bestPractice(), e.impact(), e.accountId(), e.region(),
                    e.resource(), e.title(), e.message(), e.risk(), e.remediation(), e.autoFix(), e.scanId(),
                    e.firstSeenAt(), e.observedAt()));
        }
        FindingEvent full = FindingEvents.rdsSingleAz("hostile <db> & \"name\"", FindingEvent.State.OPEN, Long.MAX_VALUE);
        events.add(new FindingEvent(full.eventId(), full.version(), full.fingerprint(), full.state(), full.sequence(),
                full.ruleId(), full.severity(), full.pillar(), full.question(), full.bestPractice(), full.impact(),
                full.accountId(), full.region(), full.resource(), full.title(), full.message(), full.risk(),
                full.remediation(), "rds-enable-multi-az", full.scanId(), full.firstSeenAt(), full.observedAt()));
        FindingEvent bare = FindingEvents.rdsSingleAz("bare", FindingEvent.State.OPEN, 1);
        events.add(new FindingEvent(bare.eventId(), bare.version(), bare.fingerprint(), bare.state(), bare.sequence(),
                bare.ruleId(), bare.severity(), bare.pillar(), bare.question(), bare.bestPractice(), null,
                bare.accountId(), bare.region(),
                new FindingEvent.ResourceRef(bare.resource().arn(), bare.resource().type(), bare.resource().id(), null, null),
                bare.title(), bare.message(), null, List.of(), null, bare.scanId(), bare.firstSeenAt(), bare.observedAt()));
        return events;
    }
}
