package io.plumbline.remediation.policy;

import io.plumbline.remediation.config.RemediationConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks a policy's shape cannot express; each problem names its key. */
public final class PolicyCheck {

    private static final String PREFIX = "plumbline.remediation.";
    /** AWS tag keys (1..128) and values (0..256): letters, digits, spaces and {@code _ . : / = + - @}. */
    private static final Pattern TAG_TEXT = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$");
    /** A click must be answered within 3 s; the group lookup is only part of that. */
    private static final Duration MAX_USERGROUP_TIMEOUT = Duration.ofSeconds(2);

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
            int approvers = action.approvers().map(List::size).orElse(0);
            boolean groups = action.approverGroups().filter(g -> !g.isEmpty()).isPresent();
            if (action.enabled() && approvers == 0 && !groups) {
                problems.add(key + ".approvers: an enabled action needs at least one approver or approver group");
            }
            if (action.enabled() && action.twoPerson() && approvers < 2 && !groups) {
                problems.add(key + ".two-person: needs at least two approvers or an approver group");
            }
            if (groups && config.slack().botToken().isEmpty()) {
                problems.add(key + ".approver-groups: needs slack.bot-token (scope usergroups:read) to read the groups");
            }
            action.tags().forEach((tag, value) -> problems.addAll(tagProblems(key + ".tags."
                    + (tag.contains(".") ? "\"" + tag + "\"" : tag), tag, value)));
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
        Duration timeout = config.slack().usergroupTimeout();
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_USERGROUP_TIMEOUT) > 0) {
            problems.add(PREFIX + "slack.usergroup-timeout: must be more than 0 and at most 2s (a click is answered within 3 s)");
        }
        if (config.slack().usergroupCacheTtl().isNegative()) {
            problems.add(PREFIX + "slack.usergroup-cache-ttl: must not be negative");
        }
        return problems;
    }

    private static List<String> tagProblems(String key, String tag, String value) {
        List<String> problems = new ArrayList<>();
        if (tag.isEmpty() || tag.length() > 128 || !TAG_TEXT.matcher(tag).matches()) {
            problems.add(key + ": not an AWS tag key (1 to 128 letters, digits, spaces or _ . : / = + - @)");
        }
        if (value.length() > 256 || !TAG_TEXT.matcher(value).matches()) {
            problems.add(key + ": not an AWS tag value (up to 256 letters, digits, spaces or _ . : / = + - @)");
        }
        return problems;
    }
}
