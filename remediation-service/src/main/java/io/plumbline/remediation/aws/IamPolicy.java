package io.plumbline.remediation.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.remediation.action.RemediationAction;
import java.util.Collection;
import java.util.Comparator;
import java.util.TreeSet;

/** IAM documents for the remediation role, built from what each action declares it needs. */
public final class IamPolicy {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String VERSION = "2012-10-17";

    private IamPolicy() {}

    /** The role's permissions policy: one statement per action (its Sid names the action), so each grant is traceable. */
    public static ObjectNode permissions(Collection<RemediationAction> actions) {
        ObjectNode policy = JSON.objectNode().put("Version", VERSION);
        ArrayNode statements = policy.putArray("Statement");
        actions.stream().sorted(Comparator.comparing(RemediationAction::id)).forEach(action -> {
            ObjectNode statement = statements.addObject().put("Sid", sid(action.id())).put("Effect", "Allow");
            ArrayNode calls = statement.putArray("Action");
            new TreeSet<>(action.permissions()).forEach(calls::add);
            statement.put("Resource", "*");
        });
        return policy;
    }

    /** The trust policy of the role in each account: who may assume it, and the external id it requires. */
    public static ObjectNode trust(String principal, boolean externalId) {
        ObjectNode policy = JSON.objectNode().put("Version", VERSION);
        ObjectNode statement = policy.putArray("Statement").addObject().put("Effect", "Allow");
        statement.putObject("Principal").put("AWS", principal);
        statement.put("Action", "sts:AssumeRole");
        if (externalId) {
            statement.putObject("Condition").putObject("StringEquals").put("sts:ExternalId", "<the account's external-id>");
        }
        return policy;
    }

    /** What the service's own identity needs to assume the roles. */
    public static ObjectNode assumeRoles(Collection<String> roleArns) {
        ObjectNode policy = JSON.objectNode().put("Version", VERSION);
        ObjectNode statement = policy.putArray("Statement").addObject().put("Effect", "Allow").put("Action", "sts:AssumeRole");
        ArrayNode resources = statement.putArray("Resource");
        new TreeSet<>(roleArns).forEach(resources::add);
        return policy;
    }

    /** {@code rds-enable-multi-az} → {@code RdsEnableMultiAz} (a Sid is alphanumeric). */
    static String sid(String actionId) {
        StringBuilder sid = new StringBuilder();
        for (String part : actionId.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                sid.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sid.toString();
    }
}
