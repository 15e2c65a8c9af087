package io.plumbline.remediation.action;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every action bean, by id. */
@ApplicationScoped
public class ActionCatalog {

    private final Map<String, RemediationAction> byId;

    public ActionCatalog(@All List<RemediationAction> actions) {
        this.byId = actions.stream().collect(Collectors.toUnmodifiableMap(RemediationAction::id, Function.identity()));
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    public Optional<RemediationAction> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The action for a rule: the rule's own {@code autoFix} first, else any action that claims the rule. */
    public Optional<RemediationAction> forRule(String ruleId, String autoFix) {
        if (autoFix != null && byId.containsKey(autoFix)) {
            return Optional.of(byId.get(autoFix));
        }
        return byId.values().stream().filter(a -> a.appliesTo(ruleId)).findFirst();
    }
}
