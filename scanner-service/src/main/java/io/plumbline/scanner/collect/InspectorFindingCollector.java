package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.inspector2.Inspector2Client;
import software.amazon.awssdk.services.inspector2.model.Finding;
import software.amazon.awssdk.services.inspector2.model.FindingStatus;
import software.amazon.awssdk.services.inspector2.model.ListFindingsResponse;
import software.amazon.awssdk.services.inspector2.model.StringComparison;
import software.amazon.awssdk.services.inspector2.model.StringFilter;

/**
 * Active Amazon Inspector findings (CVEs on instances and container images). Each one is a "resource" whose
 * ARN is the Inspector finding's, so it gets a stable fingerprint and resolves when Inspector closes it.
 */
@ApplicationScoped
public class InspectorFindingCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::Inspector2::Finding";
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        Inspector2Client inspector = scope.clients().client(scope.account(), scope.region(), Inspector2Client::builder);
        List<Resource> out = new ArrayList<>();
        StringFilter active = StringFilter.builder().comparison(StringComparison.EQUALS).value(FindingStatus.ACTIVE.toString()).build();
        for (ListFindingsResponse page : inspector.listFindingsPaginator(
                r -> r.filterCriteria(f -> f.findingStatus(active)).maxResults(100))) {
            for (Finding finding : page.findings()) {
                if (finding.status() != null && finding.status() != FindingStatus.ACTIVE) {
                    continue;
                }
                Map<String, Object> data = AwsDocuments.toMap(finding);
                String vulnerability = finding.packageVulnerabilityDetails() != null
                        ? finding.packageVulnerabilityDetails().vulnerabilityId() : finding.title();
                String affected = finding.resources().isEmpty() ? "unknown resource" : finding.resources().get(0).id();
                String arn = finding.findingArn() != null ? finding.findingArn()
                        : scope.arn("inspector2", "finding/" + vulnerability + "/" + affected);
                out.add(new Resource(resourceType(), scope.accountId(), scope.region(), arn, arn.substring(arn.lastIndexOf('/') + 1),
                        vulnerability + " on " + affected, Map.of(), data, Map.of()));
            }
        }
        return out;
    }
}
