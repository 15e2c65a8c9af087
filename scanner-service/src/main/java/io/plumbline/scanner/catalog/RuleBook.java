package io.plumbline.scanner.catalog;

import io.plumbline.rules.CelValues;
import io.plumbline.rules.CompiledRule;
import io.plumbline.rules.Rule;
import io.plumbline.rules.RuleCatalog;
import io.plumbline.rules.RuleDefinitionException;
import io.plumbline.scanner.config.ScannerConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in catalog with this deployment's configuration applied: disabled rules removed, parameters
 * overridden. Built at start-up so a bad rule id or parameter stops the service with the key named.
 */
@Startup
@ApplicationScoped
public class RuleBook {

    private final RuleCatalog catalog;
    private final Map<String, ActiveRule> active;

    @Inject
    public RuleBook(ScannerConfig config) {
        this(config.rules().disabled().orElse(Set.of()), config.rules().parameters());
    }

    /** {@code parameters}: rule id → parameter name → configured text. */
    RuleBook(Set<String> disabled, Map<String, Map<String, String>> parameters) {
        this.catalog = RuleCatalog.builtIn();
        for (String id : disabled) {
            if (catalog.find(id).isEmpty()) {
                throw new IllegalArgumentException("plumbline.scanner.rules.disabled: unknown rule id '" + id + "'");
            }
        }
        parameters.keySet().forEach(id -> {
            if (catalog.find(id).isEmpty()) {
                throw new IllegalArgumentException("plumbline.scanner.rules.parameters." + id + ": unknown rule id");
            }
        });
        Map<String, ActiveRule> rules = new LinkedHashMap<>();
        catalog.all().stream()
                .filter(rule -> !disabled.contains(rule.id()))
                .sorted((a, b) -> a.id().compareTo(b.id()))
                .forEach(rule -> rules.put(rule.id(),
                        new ActiveRule(rule, parameters(rule, parameters.getOrDefault(rule.id(), Map.of())))));
        this.active = Map.copyOf(rules);
    }

    private static Map<String, Object> parameters(CompiledRule rule, Map<String, String> configured) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        configured.forEach((name, text) -> {
            String key = "plumbline.scanner.rules.parameters." + rule.id() + "." + name;
            Object defaultValue = rule.rule().parameters().get(name);
            if (defaultValue == null) {
                throw new IllegalArgumentException(key + ": rule " + rule.id() + " has no parameter '" + name
                        + "' (it has " + rule.rule().parameters().keySet() + ")");
            }
            overrides.put(name, convert(key, text, defaultValue));
        });
        try {
            return rule.parameters(overrides);
        } catch (RuleDefinitionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Reads a configured string as the type of the parameter's default (number, boolean, list). */
    private static Object convert(String key, String text, Object defaultValue) {
        try {
            if (defaultValue instanceof Long) {
                return Long.parseLong(text.strip());
            }
            if (defaultValue instanceof Double) {
                return Double.parseDouble(text.strip());
            }
            if (defaultValue instanceof Boolean) {
                if (!text.strip().equalsIgnoreCase("true") && !text.strip().equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("not true/false");
                }
                return Boolean.parseBoolean(text.strip());
            }
            if (defaultValue instanceof List<?> list) {
                Object element = list.isEmpty() ? "" : list.get(0);
                List<Object> out = new ArrayList<>();
                for (String item : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
                    out.add(convert(key, item, element));
                }
                return CelValues.normalize(out);
            }
            return text;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a " + defaultValue.getClass().getSimpleName().toLowerCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' " + e.getMessage());
        }
    }

    /** Enabled rules, by id. */
    public Collection<ActiveRule> active() {
        return active.values();
    }

    public Optional<ActiveRule> find(String id) {
        return Optional.ofNullable(active.get(id));
    }

    public boolean isDisabled(String id) {
        return catalog.find(id).isPresent() && !active.containsKey(id);
    }

    /** The catalog entry, enabled or not: stored findings may outlive a rule's switching off. */
    public Optional<Rule> definition(String id) {
        return catalog.find(id).map(CompiledRule::rule);
    }

    public Collection<CompiledRule> catalog() {
        return catalog.all();
    }
}
