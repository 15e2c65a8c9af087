package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * Customer managed IAM policies (AWS managed ones are AWS's to fix) from the scan's one
 * GetAccountAuthorizationDetails listing ({@link IamAuthorizationDetails}), which already carries every
 * version's document, so there is no GetPolicyVersion call. {@code related.policyDocument}: the default
 * version's document parsed from its URL-encoded JSON, absent if unreadable.
 */
@ApplicationScoped
public class IamPolicyCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::IAM::Policy";
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        List<Resource> out = new ArrayList<>();
        for (ManagedPolicyDetail policy : IamAuthorizationDetails.of(scope).policies()) {
            Map<String, Object> data = AwsDocuments.toMap(policy);
            Map<String, Object> related = new HashMap<>();
            policy.policyVersionList().stream()
                    .filter(v -> Boolean.TRUE.equals(v.isDefaultVersion()) || v.versionId().equals(policy.defaultVersionId()))
                    .findFirst()
                    .map(PolicyVersion::document)
                    .flatMap(document -> PolicyDocuments.parse(document, policy.arn()))
                    .ifPresent(doc -> related.put("policyDocument", doc));
            // moto omits PolicyName from this listing; the ARN ends with it in every case
            String name = policy.policyName() != null ? policy.policyName() : policy.arn().substring(policy.arn().lastIndexOf('/') + 1);
            out.add(new Resource(resourceType(), scope.accountId(), CollectionScope.GLOBAL, policy.arn(), name, name, Map.of(), data,
                    related));
        }
        return out;
    }
}
