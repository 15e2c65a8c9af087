package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.RoleDetail;

/**
 * IAM roles from the scan's one GetAccountAuthorizationDetails listing ({@link IamAuthorizationDetails}); no
 * per-role call. {@code related.trustPolicy}: the role's trust policy (AssumeRolePolicyDocument) parsed from
 * its URL-encoded JSON, absent if unreadable.
 */
@ApplicationScoped
public class IamRoleCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::IAM::Role";
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        List<Resource> out = new ArrayList<>();
        for (RoleDetail role : IamAuthorizationDetails.of(scope).roles()) {
            Map<String, Object> data = AwsDocuments.toMap(role);
            Map<String, Object> related = new HashMap<>();
            PolicyDocuments.parse(role.assumeRolePolicyDocument(), role.arn()).ifPresent(doc -> related.put("trustPolicy", doc));
            out.add(new Resource(resourceType(), scope.accountId(), CollectionScope.GLOBAL, role.arn(), role.roleName(),
                    role.roleName(), AwsDocuments.tags(data.get("Tags")), data, related));
        }
        return out;
    }
}
