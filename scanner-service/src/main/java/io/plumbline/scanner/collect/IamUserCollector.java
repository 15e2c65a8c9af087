package io.plumbline.scanner.collect;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.plumbline.rules.Resource;
import io.plumbline.scanner.aws.AwsDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.UserDetail;

/**
 * IAM users from the scan's one GetAccountAuthorizationDetails listing ({@link IamAuthorizationDetails}, shared
 * with the role, policy and account collectors) and one credential report, so the cost does not grow with the
 * number of users (IAM throttles per-user fan-out). {@code related}: credentialReport (the
 * user's row, CSV header names as keys), groupPolicyArns, reportGeneratedAt.
 */
@ApplicationScoped
public class IamUserCollector implements ResourceCollector {

    private static final int REPORT_POLLS = 30;

    @Override
    public String resourceType() {
        return "AWS::IAM::User";
    }

    @Override
    public boolean global() {
        return true;
    }

    @Override
    public List<Resource> collect(CollectionScope scope) {
        IamClient iam = scope.clients().iam(scope.account());
        IamAuthorizationDetails details = IamAuthorizationDetails.of(scope);
        List<UserDetail> users = details.users();
        Map<String, List<String>> groupPolicies = new HashMap<>();
        for (GroupDetail group : details.groups()) {
            groupPolicies.put(group.groupName(), group.attachedManagedPolicies().stream().map(AttachedPolicy::policyArn).toList());
        }
        CredentialReport report = credentialReport(iam);
        List<Resource> out = new ArrayList<>(users.size());
        for (UserDetail user : users) {
            Map<String, Object> data = AwsDocuments.toMap(user);
            Map<String, String> tags = AwsDocuments.tags(data.get("Tags"));
            List<String> viaGroups = user.groupList().stream()
                    .flatMap(group -> groupPolicies.getOrDefault(group, List.of()).stream())
                    .distinct()
                    .toList();
            Map<String, Object> related = new HashMap<>();
            related.put("credentialReport", report.rows().getOrDefault(user.userName(), Map.of()));
            related.put("groupPolicyArns", viaGroups);
            related.put("reportGeneratedAt", report.generatedAt().toString());
            out.add(new Resource(resourceType(), scope.accountId(), CollectionScope.GLOBAL, user.arn(), user.userName(),
                    user.userName(), tags, data, related));
        }
        return out;
    }

    private static CredentialReport credentialReport(IamClient iam) {
        for (int attempt = 0; attempt < REPORT_POLLS; attempt++) {
            if (iam.generateCredentialReport().state() == ReportStateType.COMPLETE) {
                GetCredentialReportResponse report = iam.getCredentialReport();
                return new CredentialReport(parse(report.content().asUtf8String()),
                        report.generatedTime() != null ? report.generatedTime() : Instant.now());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the IAM credential report", e);
            }
        }
        throw new IllegalStateException("the IAM credential report was not ready after " + REPORT_POLLS + " s");
    }

    static Map<String, Map<String, String>> parse(String csv) {
        Map<String, Map<String, String>> rows = new HashMap<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(csv)) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                rows.put(row.get("user"), Map.copyOf(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable IAM credential report", e);
        }
        return rows;
    }

    private record CredentialReport(Map<String, Map<String, String>> rows, Instant generatedAt) {}
}
