package io.plumbline.scanner.collect;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.UserDetail;

/**
 * One paginated GetAccountAuthorizationDetails listing of users, groups, roles and customer managed
 * policies, made once per scan and shared by every IAM collector through {@link CollectionScope#memo}
 * (IAM throttles per-entity fan-out; this listing replaces thousands of Get/List calls).
 */
record IamAuthorizationDetails(List<UserDetail> users, List<GroupDetail> groups, List<RoleDetail> roles,
        List<ManagedPolicyDetail> policies) {

    private static final String MEMO_KEY = "iam:GetAccountAuthorizationDetails";

    static IamAuthorizationDetails of(CollectionScope scope) {
        return scope.memo(MEMO_KEY, () -> fetch(scope.clients().iam(scope.account())));
    }

    private static IamAuthorizationDetails fetch(IamClient iam) {
        List<UserDetail> users = new ArrayList<>();
        List<GroupDetail> groups = new ArrayList<>();
        List<RoleDetail> roles = new ArrayList<>();
        List<ManagedPolicyDetail> policies = new ArrayList<>();
        for (GetAccountAuthorizationDetailsResponse page : iam.getAccountAuthorizationDetailsPaginator(r -> r
                .filter(EntityType.USER, EntityType.GROUP, EntityType.ROLE, EntityType.LOCAL_MANAGED_POLICY)
                .maxItems(1000))) {
            users.addAll(page.userDetailList());
            groups.addAll(page.groupDetailList());
            roles.addAll(page.roleDetailList());
            policies.addAll(page.policies());
        }
        return new IamAuthorizationDetails(List.copyOf(users), List.copyOf(groups), List.copyOf(roles), List.copyOf(policies));
    }
}
