package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * S3 buckets of the scanned regions. S3 has no batch read for bucket settings, so each bucket costs one
 * call per setting; a setting that was never configured comes back as an AWS error and is left absent.
 * {@code related}: publicAccessBlock, versioning, encryption, policy (the JSON text), policyDocument (the same
 * policy parsed, for rules: CEL cannot parse JSON), lifecycleRules (GetBucketLifecycleConfiguration's rules),
 * logging (GetBucketLogging; {@code LoggingEnabled} absent when server access logging is off).
 */
@ApplicationScoped
public class S3BucketCollector implements ResourceCollector {

    @Override
    public String resourceType() {
        return "AWS::S3::Bucket";
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        S3Client listing = scope.clients().s3(scope.account(), "us-east-1");
        List<Resource> out = new ArrayList<>();
        for (Bucket bucket : listing.listBuckets().buckets()) {
            String location = listing.getBucketLocation(r -> r.bucket(bucket.name())).locationConstraintAsString();
            String region = location == null || location.isEmpty() ? "us-east-1" : location;
            if (!scope.regions().contains(region)) {
                continue;
            }
            S3Client s3 = scope.clients().s3(scope.account(), region);
            String name = bucket.name();
            Map<String, Object> data = new LinkedHashMap<>(AwsDocuments.toMap(bucket));
            data.put("Region", region);
            Map<String, Object> related = new HashMap<>();
            absentIfUnset(() -> AwsDocuments.toMap(s3.getPublicAccessBlock(r -> r.bucket(name)).publicAccessBlockConfiguration()),
                    "NoSuchPublicAccessBlockConfiguration", value -> related.put("publicAccessBlock", value));
            related.put("versioning", AwsDocuments.toMap(s3.getBucketVersioning(r -> r.bucket(name))));
            absentIfUnset(() -> AwsDocuments.toMap(s3.getBucketEncryption(r -> r.bucket(name)).serverSideEncryptionConfiguration()),
                    "ServerSideEncryptionConfigurationNotFoundError", value -> related.put("encryption", value));
            absentIfUnset(() -> s3.getBucketPolicy(r -> r.bucket(name)).policy(), "NoSuchBucketPolicy", value -> {
                related.put("policy", value);
                PolicyDocuments.parse(value, "bucket " + name).ifPresent(doc -> related.put("policyDocument", doc));
            });
            absentIfUnset(() -> AwsDocuments.toMaps(s3.getBucketLifecycleConfiguration(r -> r.bucket(name)).rules()),
                    "NoSuchLifecycleConfiguration", value -> related.put("lifecycleRules", value));
            related.put("logging", AwsDocuments.toMap(s3.getBucketLogging(r -> r.bucket(name))));
            Map<String, String> tags = new LinkedHashMap<>();
            absentIfUnset(() -> s3.getBucketTagging(r -> r.bucket(name)).tagSet(), "NoSuchTagSet",
                    tagSet -> tagSet.forEach(t -> tags.put(t.key(), t.value())));
            out.add(new Resource(resourceType(), scope.accountId(), region, "arn:aws:s3:::" + name, name, name, tags, data, related));
        }
        return out;
    }

    private static <T> void absentIfUnset(Supplier<T> call, String unsetErrorCode, java.util.function.Consumer<T> whenSet) {
        try {
            T value = call.get();
            if (value != null) {
                whenSet.accept(value);
            }
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() == null || !unsetErrorCode.equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
        }
    }
}
