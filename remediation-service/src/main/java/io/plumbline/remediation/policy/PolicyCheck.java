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
            boolean slack = config.slack().botToken().isPresent();
            // Slack's buttons are only as safe as the check of their signature.
            if (slack && config.slack().signingSecret().isEmpty()) {
                problems.add(PREFIX + "slack.signing-secret: required with slack.bot-token");
            }
            // Without Slack the API is the only way to decide; without its token no one could.
            if (!slack && config.apiToken().isEmpty()) {
                problems.add(PREFIX + "api-token: required when remediation is enabled without Slack (slack.bot-token)");
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
