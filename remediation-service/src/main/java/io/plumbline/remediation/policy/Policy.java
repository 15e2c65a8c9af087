package io.plumbline.remediation.policy;

import io.plumbline.contracts.FindingEvent;
import io.plumbline.remediation.config.RemediationConfig;
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

    private final RemediationConfig config;

    public Policy(RemediationConfig config) {
        this.config = config;
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
        String[] protect = config.protectTag().split("=", 2);
        Map<String, String> tags = event.resource() == null ? null : event.resource().tags();
        if (tags != null && protect[1].equals(tags.get(protect[0]))) {
            return new Verdict.Refused("resource is protected by tag " + config.protectTag());
        }
        return new Verdict.Allowed();
    }

    public boolean isApprover(String actionId, String userId) {
        return Optional.ofNullable(config.actions().get(actionId)).flatMap(RemediationConfig.Action::approvers)
                .map(a -> a.contains(userId)).orElse(false);
    }

    public int maxActionsPerHour() {
        return config.maxActionsPerHourPerAccount();
    }

    public java.time.Duration approvalTtl() {
        return config.approvalTtl();
    }

    public List<String> approvers(String actionId) {
        return Optional.ofNullable(config.actions().get(actionId)).flatMap(RemediationConfig.Action::approvers).orElse(List.of());
    }
}
