package io.plumbline.remediation.policy;

import io.plumbline.remediation.action.ActionCatalog;
import io.plumbline.remediation.config.RemediationConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/** Refuses to start with a policy that cannot be right, naming the key. */
@ApplicationScoped
class PolicyStartupCheck {

    void check(@Observes StartupEvent event, RemediationConfig config, ActionCatalog catalog) {
        List<String> problems = PolicyCheck.problems(config, catalog.ids());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid remediation policy: " + String.join("; ", problems));
        }
    }
}
