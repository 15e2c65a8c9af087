package io.plumbline.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.scanner.support.EmptyAccountTest;
import io.plumbline.scanner.support.Moto;
import io.plumbline.scanner.support.ScannerApi;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** Amazon Inspector CVEs and CloudWatch alarms enter the same finding stream, with the same state rules. */
@QuarkusTest
class SignalIntakeScanTest extends EmptyAccountTest {

    private static final String REGION = "us-east-2";

    @Test
    void shouldOpenAFindingPerActiveCriticalOrHighInspectorFinding() throws Exception {
        // moto answers ListFindings from a queue the test fills through its control API
        String findings = """
                {"region": "us-east-2", "results": [[
                  {"findingArn": "arn:aws:inspector2:us-east-2:123456789012:finding/0f1e2d3c4b5a", "awsAccountId": "123456789012",
                   "severity": "CRITICAL", "status": "ACTIVE", "type": "PACKAGE_VULNERABILITY", "title": "CVE-2021-44228 - log4j-core",
                   "inspectorScore": 10.0, "fixAvailable": "YES",
                   "packageVulnerabilityDetails": {"vulnerabilityId": "CVE-2021-44228", "source": "NVD"},
                   "resources": [{"type": "AWS_EC2_INSTANCE", "id": "i-0a1b2c3d4e5f60718", "region": "us-east-2"}]},
                  {"findingArn": "arn:aws:inspector2:us-east-2:123456789012:finding/9a8b7c6d5e4f", "awsAccountId": "123456789012",
                   "severity": "MEDIUM", "status": "ACTIVE", "type": "PACKAGE_VULNERABILITY", "title": "CVE-2023-0001 - zlib",
                   "packageVulnerabilityDetails": {"vulnerabilityId": "CVE-2023-0001", "source": "NVD"},
                   "resources": [{"type": "AWS_EC2_INSTANCE", "id": "i-0a1b2c3d4e5f60718", "region": "us-east-2"}]}
                ]]}
                """;
        HttpResponse<String> queued = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(Moto.endpoint() + "/moto-api/static/inspector2/findings-results"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(findings)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(queued.statusCode()).isEqualTo(201);

        var scan = ScannerApi.scan(List.of(REGION), List.of("inspector-critical-vulnerability", "inspector-high-vulnerability"));

        assertThat(scan.getString("status")).isEqualTo("SUCCEEDED");
        var open = ScannerApi.findings("status=OPEN");
        assertThat(open.getList("ruleId")).containsExactly("inspector-critical-vulnerability");
        assertThat(open.getString("[0].resourceArn")).isEqualTo("arn:aws:inspector2:us-east-2:123456789012:finding/0f1e2d3c4b5a");
        assertThat(open.getString("[0].message"))
                .startsWith("Amazon Inspector reports CVE-2021-44228 on i-0a1b2c3d4e5f60718 in us-east-2 (CRITICAL, score 10.0;");
    }

    @Test
    void shouldFollowACloudWatchAlarmIntoAndOutOfAlarm() {
        try (CloudWatchClient cloudWatch = CloudWatchClient.builder().region(Region.of(REGION))
                .endpointOverride(URI.create(Moto.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build()) {
            cloudWatch.putMetricAlarm(r -> r.alarmName("crm-db-cpu-high").namespace("AWS/RDS").metricName("CPUUtilization")
                    .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(3).threshold(90.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            cloudWatch.putMetricAlarm(r -> r.alarmName("api-latency").namespace("AWS/ApplicationELB").metricName("TargetResponseTime")
                    .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(3).threshold(1.0)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
            cloudWatch.setAlarmState(r -> r.alarmName("crm-db-cpu-high").stateValue(StateValue.ALARM)
                    .stateReason("Threshold Crossed: 3 datapoints were greater than the threshold (90.0)."));

            ScannerApi.scan(List.of(REGION), List.of("cloudwatch-alarm-in-alarm"));
            var open = ScannerApi.findings("status=OPEN");
            assertThat(open.getList("resourceId")).containsExactly("crm-db-cpu-high");
            assertThat(open.getString("[0].message")).startsWith("CloudWatch alarm crm-db-cpu-high in us-east-2 is in ALARM on AWS/RDS CPUUtilization");

            cloudWatch.setAlarmState(r -> r.alarmName("crm-db-cpu-high").stateValue(StateValue.OK).stateReason("recovered"));
            ScannerApi.scan(List.of(REGION), List.of("cloudwatch-alarm-in-alarm"));
            assertThat(ScannerApi.findings("ruleId=cloudwatch-alarm-in-alarm").getList("status")).containsExactly("RESOLVED");
        }
    }
}
