package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.UserDetail;

/**
 * The account itself: {@code AccountSummary} (root MFA and root keys flags) and {@code PasswordPolicy}
 * (absent when the account has none). {@code related.managedPolicyAttachments}: managed policy ARN → the
 * users, groups (with their member count) and roles it is attached to, from the scan's one
 * GetAccountAuthorizationDetails listing ({@link IamAuthorizationDetails}).
 */
@ApplicationScoped
public class IamAccountCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::IAM::Account";
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        IamClient iam = scope.clients().iam(scope.account());
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        iam.getAccountSummary().summaryMapAsStrings().forEach((key, value) -> summary.put(key, value.longValue()));
        data.put("AccountSummary", summary);
        try {
            data.put("PasswordPolicy", AwsDocuments.toMap(iam.getAccountPasswordPolicy().passwordPolicy()));
        } catch (NoSuchEntityException noPolicy) {
            // no policy is a finding, not a collection failure
        }
        String accountId = scope.accountId();
        Map<String, Object> related = Map.of("managedPolicyAttachments", attachments(IamAuthorizationDetails.of(scope)));
        return List.of(new Resource(resourceType(), accountId, CollectionScope.GLOBAL, "arn:aws:iam::" + accountId + ":root",
                accountId, "account " + accountId, Map.of(), data, related));
    }

    private static Map<String, List<Map<String, Object>>> attachments(IamAuthorizationDetails details) {
        Map<String, Long> members = new HashMap<>();
        for (UserDetail user : details.users()) {
            user.groupList().forEach(group -> members.merge(group, 1L, Long::sum));
        }
        Map<String, List<Map<String, Object>>> byPolicy = new TreeMap<>();
        for (UserDetail user : details.users()) {
            user.attachedManagedPolicies().forEach(p -> byPolicy.computeIfAbsent(p.policyArn(), k -> new ArrayList<>())
                    .add(Map.of("Type", "User", "Name", user.userName())));
        }
        for (GroupDetail group : details.groups()) {
            group.attachedManagedPolicies().forEach(p -> byPolicy.computeIfAbsent(p.policyArn(), k -> new ArrayList<>())
                    .add(Map.of("Type", "Group", "Name", group.groupName(), "Members", members.getOrDefault(group.groupName(), 0L))));
        }
        for (RoleDetail role : details.roles()) {
            role.attachedManagedPolicies().forEach(p -> byPolicy.computeIfAbsent(p.policyArn(), k -> new ArrayList<>())
                    .add(Map.of("Type", "Role", "Name", role.roleName())));
        }
        return byPolicy;
    }
}
