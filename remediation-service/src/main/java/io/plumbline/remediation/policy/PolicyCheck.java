package io.plumbline.remediation.policy;

import io.plumbline.remediation.config.RemediationConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks a policy's shape cannot express; each problem names its key. */
public final class PolicyCheck {

    private static final String PREFIX = "plumbline.remediation.";

    private PolicyCheck() {}

    public static List<String> problems(RemediationConfig config, Set<String> knownActions) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, RemediationConfig.Action> entry : config.actions().entrySet()) {
            String key = PREFIX + "actions." + entry.getKey();
            if (!knownActions.contains(entry.getKey())) {
                problems.add(key + ": unknown action (known: " + String.join(", ", knownActions.stream().sorted().toList()) + ")");
                continue;
            }
            RemediationConfig.Action action = entry.getValue();
            if (action.enabled() && action.approvers().map(List::isEmpty).orElse(true)) {
                problems.add(key + ".approvers: an enabled action needs at least one approver");
            }
        }
        if (config.enabled()) {
            if (config.slack().signingSecret().isEmpty()) {
                problems.add(PREFIX + "slack.signing-secret: required when remediation is enabled");
            }
            if (config.slack().botToken().isPresent() && config.slack().channel().isEmpty()) {
                problems.add(PREFIX + "slack.channel: required with slack.bot-token");
            }
        }
        if (config.approvalTtl().isNegative() || config.approvalTtl().isZero()) {
            problems.add(PREFIX + "approval-ttl: must be positive");
        }
        return problems;
    }
}
