package io.plumbline.scanner.collect;

import io.plumbline.rules.Resource;
import java.util.List;

/**
 * Lists one resource type in one scope, paginated, with no per-resource call where a list call exists.
 * Adding a resource type = adding one {@code @ApplicationScoped} implementation.
 */
public interface ResourceCollector {

    /** CloudFormation-style type, e.g. {@code AWS::RDS::DBInstance}; rules name it in {@code resourceType}. */
    String resourceType();

    /** Global services (IAM, S3 listing) are collected once per account instead of once per region. */
    default boolean global() {
        return false;
    }

    /** Throws on any failure: the caller marks the scope errored and leaves its findings as they are. */
    List<Resource> collect(CollectionScope scope);
}
