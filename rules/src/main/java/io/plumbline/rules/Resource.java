package io.plumbline.rules;

import java.util.Map;

/**
 * A cloud resource as a rule sees it.
 *
 * @param type    CloudFormation-style type, e.g. {@code AWS::RDS::DBInstance}
 * @param data    the resource exactly as the AWS API returns it (member names as in the API)
 * @param related data other calls returned about it (e.g. the security groups an instance uses)
 */
public record Resource(
        String type,
        String accountId,
        String region,
        String arn,
        String id,
        String name,
        Map<String, String> tags,
        Map<String, Object> data,
        Map<String, Object> related) {

    public Resource {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        data = data == null ? Map.of() : data;
        related = related == null ? Map.of() : related;
        name = name == null || name.isBlank() ? id : name;
    }
}
