package io.plumbline.remediation.policy;

import io.plumbline.contracts.FindingEvent;
import io.plumbline.remediation.config.RemediationConfig;
import io.plumbline.remediation.slack.SlackUserGroups;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Whether the opt-in policy lets an action touch a finding's resource, and who may approve it. */
@ApplicationScoped
public class Policy {

    /** Outside the policy's scope (nothing to record), refused (recorded), or allowed. */
    public sealed interface Verdict {
        record OutOfScope(String why) implements Verdict {}

        record Refused(String reason) implements Verdict {}

        record Allowed() implements Verdict {}
    }

    /** Whether a Slack user may decide (or undo) an action's proposals; a membership Slack could not confirm is Denied. */
    public sealed interface Authority {
        record Granted(String how) implements Authority {}

        record Denied(String reason) implements Authority {}
    }

    private final RemediationConfig config;
    private final SlackUserGroups groups;

    public Policy(RemediationConfig config, SlackUserGroups groups) {
        this.config = config;
        this.groups = groups;
    }

    public boolean enabled() {
        return config.enabled();
    }

    public Verdict check(FindingEvent event, String actionId) {
        if (!config.enabled()) {
            return new Verdict.OutOfScope("remediation is disabled");
        }
        RemediationConfig.Action action = config.actions().get(actionId);
        if (action == null || !action.enabled()) {
            return new Verdict.OutOfScope(actionId + " is not enabled");
        }
        if (action.accounts().filter(a -> !a.contains(event.accountId())).isPresent()) {
            return new Verdict.OutOfScope("account " + event.accountId() + " is not selected for " + actionId);
        }
        if (action.regions().filter(r -> !r.contains(event.region())).isPresent()) {
            return new Verdict.OutOfScope("region " + event.region() + " is not selected for " + actionId);
        }
        Map<String, String> tags = event.resource() == null ? null : event.resource().tags();
        for (Map.Entry<String, String> selector : action.tags().entrySet()) {
            if (tags == null || !selector.getValue().equals(tags.get(selector.getKey()))) {
                return new Verdict.OutOfScope("resource does not carry tag " + selector.getKey() + "=" + selector.getValue()
                        + " selected for " + actionId);
            }
        }
        String[] protect = config.protectTag().split("=", 2);
        if (tags != null && protect[1].equals(tags.get(protect[0]))) {
            return new Verdict.Refused("resource is protected by tag " + config.protectTag());
        }
        return new Verdict.Allowed();
    }

    /** The action's approver list first (no network), then its approver groups' members as Slack reports them. */
    public Authority authority(String actionId, String userId) {
        String notApprover = "slack:" + userId + " is not an approver of " + actionId;
        RemediationConfig.Action action = config.actions().get(actionId);
        if (action == null) {
            return new Authority.Denied(notApprover);
        }
        if (action.approvers().filter(a -> a.contains(userId)).isPresent()) {
            return new Authority.Granted("approver");
        }
        List<String> approverGroups = action.approverGroups().orElse(List.of());
        if (approverGroups.isEmpty()) {
            return new Authority.Denied(notApprover);
        }
        return switch (groups.membership(userId, approverGroups)) {
            case SlackUserGroups.Membership.Member member -> new Authority.Granted("member of " + member.group());
            case SlackUserGroups.Membership.NotMember none -> new Authority.Denied(notApprover);
            case SlackUserGroups.Membership.Unknown unknown -> new Authority.Denied("cannot confirm that slack:" + userId
                    + " may approve " + actionId + ": " + unknown.reason());
        };
    }

    /** Distinct approvals a proposal needs before it runs: two under the two-person rule, else one. */
    public int approvalsNeeded(String actionId) {
        return Optional.ofNullable(config.actions().get(actionId)).filter(RemediationConfig.Action::twoPerson).isPresent() ? 2 : 1;
    }

    public int maxActionsPerHour() {
        return config.maxActionsPerHourPerAccount();
    }

    public java.time.Duration approvalTtl() {
        return config.approvalTtl();
    }
}
