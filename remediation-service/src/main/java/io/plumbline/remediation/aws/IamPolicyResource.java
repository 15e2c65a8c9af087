package io.plumbline.remediation.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.remediation.action.ActionCatalog;
import io.plumbline.remediation.action.RemediationAction;
import io.plumbline.remediation.config.RemediationConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The IAM policy the remediation role needs: for the enabled actions (what the configuration can run), or with
 * {@code ?all=true} for every action in the catalog. The body is the policy document itself, ready for
 * {@code aws iam put-role-policy --policy-document file://…}.
 */
@Path("/api/v1/iam-policy")
@Produces(MediaType.APPLICATION_JSON)
public class IamPolicyResource {

    private static final String SERVICE_PRINCIPAL = "arn:aws:iam::<account of the remediation service>:role/<the role it runs as>";

    private final ActionCatalog catalog;
    private final RemediationConfig config;

    public IamPolicyResource(ActionCatalog catalog, RemediationConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    @GET
    public ObjectNode policy(@QueryParam("all") boolean all) {
        List<RemediationAction> actions = catalog.ids().stream().map(id -> catalog.byId(id).orElseThrow())
                .filter(action -> all || enabled(action.id())).toList();
        return IamPolicy.permissions(actions);
    }

    /**
     * How to set up the role in each account: its trust policy (the principal is the identity the remediation
     * service runs as — pass it as {@code ?principal=}), and the policy that identity needs to assume the roles.
     */
    @GET
    @Path("/trust")
    public ObjectNode trust(@QueryParam("principal") String principal) {
        String who = principal == null || principal.isBlank() ? SERVICE_PRINCIPAL : principal;
        ObjectNode hint = JsonNodeFactory.instance.objectNode();
        hint.set("trustPolicy", IamPolicy.trust(who, true));
        hint.set("assumeRolePolicy", IamPolicy.assumeRoles(config.accounts().values().stream().map(RemediationConfig.Account::roleArn).toList()));
        var accounts = hint.putArray("accounts");
        config.accounts().forEach((id, account) -> accounts.addObject().put("accountId", id).put("roleArn", account.roleArn())
                .put("externalIdRequired", account.externalId().isPresent()).put("sessionName", account.sessionName()));
        hint.put("note", "Create the role in each account with trustPolicy (drop the Condition if that account has no "
                + "external-id) and attach GET /api/v1/iam-policy to it; give the service's own identity assumeRolePolicy. "
                + "An account without an entry is changed with the service's default credentials.");
        return hint;
    }

    private boolean enabled(String actionId) {
        RemediationConfig.Action action = config.actions().get(actionId);
        return action != null && action.enabled();
    }
}
