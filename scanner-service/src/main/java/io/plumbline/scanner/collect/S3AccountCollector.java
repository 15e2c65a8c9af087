package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * The account's own S3 settings as one resource: {@code PublicAccessBlockConfiguration} from S3 Control
 * GetPublicAccessBlock (one call per account; absent when never configured, which AWS reports as the error
 * NoSuchPublicAccessBlockConfiguration). S3 Control addresses the account in the host name
 * ({@code <account>.s3-control.<region>.amazonaws.com}), which the SDK builds itself.
 */
@ApplicationScoped
public class S3AccountCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::S3::Account";
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        String accountId = scope.accountId();
        S3ControlClient s3control = scope.clients().client(scope.account(), "us-east-1", S3ControlClient::builder);
        Map<String, Object> data = new LinkedHashMap<>();
        try {
            data.put("PublicAccessBlockConfiguration",
                    AwsDocuments.toMap(s3control.getPublicAccessBlock(r -> r.accountId(accountId)).publicAccessBlockConfiguration()));
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() == null || !"NoSuchPublicAccessBlockConfiguration".equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
        }
        return List.of(new Resource(resourceType(), accountId, CollectionScope.GLOBAL, "arn:aws:iam::" + accountId + ":root",
                accountId, "account " + accountId, Map.of(), data, Map.of()));
    }
}
