package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * The account itself: {@code AccountSummary} (root MFA and root keys flags) and {@code PasswordPolicy}
 * (absent when the account has none).
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
        return List.of(new Resource(resourceType(), accountId, CollectionScope.GLOBAL, "arn:aws:iam::" + accountId + ":root",
                accountId, "account " + accountId, Map.of(), data, Map.of()));
    }
}
