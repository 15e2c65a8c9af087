package io.plumbline.rules;

import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A rule with its condition and message compiled once; safe to share between threads. */
public final class CompiledRule {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.+?)}}", Pattern.DOTALL);

    /** The string variables a placeholder may name alone; {@link #render} reads them without running CEL. */
    private static final Set<String> STRING_VARIABLES = Set.of("account", "region", "arn", "id", "name");

    private final Rule rule;
    private final CelRuntime.Program condition;
    private final List<Object> messageParts;

    private CompiledRule(Rule rule, CelRuntime.Program condition, List<Object> messageParts) {
        this.rule = rule;
        this.condition = condition;
        this.messageParts = messageParts;
    }

    /** Compiles the condition and every {@code {{ }}} of the message; the error names the part that failed. */
    public static CompiledRule compile(Rule rule) {
        CelRuntime.Program condition;
        try {
            condition = CelEnvironment.compile(rule.condition(), true);
        } catch (CelValidationException | IllegalArgumentException e) {
            throw new RuleDefinitionException("rule " + rule.id() + ": condition does not compile: " + e.getMessage(), e);
        }
        List<Object> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(rule.message());
        int last = 0;
        while (m.find()) {
            parts.add(rule.message().substring(last, m.start()));
            String expression = m.group(1).trim();
            try {
                CelRuntime.Program program = CelEnvironment.compile(expression, false);
                // a bare string variable (164 of the catalog's 370 placeholders) needs no interpreter run: its value is the text
                parts.add(STRING_VARIABLES.contains(expression) ? new Variable(expression) : program);
            } catch (CelValidationException | IllegalArgumentException e) {
                throw new RuleDefinitionException(
                        "rule " + rule.id() + ": message placeholder {{" + expression + "}} does not compile: " + e.getMessage(), e);
            }
            last = m.end();
        }
        parts.add(rule.message().substring(last));
        return new CompiledRule(rule, condition, List.copyOf(parts));
    }

    public Rule rule() {
        return rule;
    }

    public String id() {
        return rule.id();
    }

    /** Evaluates with the rule's default parameters. */
    public Evaluation evaluate(Resource resource) {
        return evaluate(resource, rule.parameters());
    }

    /** Evaluates with {@code params} (the rule's defaults already merged with any configured overrides). */
    public Evaluation evaluate(Resource resource, Map<String, Object> params) {
        CelVariableResolver vars = CelEnvironment.variables(resource, params);
        Object verdict;
        try {
            verdict = condition.eval(vars);
        } catch (CelEvaluationException e) {
            return new Evaluation.Error(rule.id() + " on " + resource.arn() + ": " + e.getMessage());
        }
        if (!(verdict instanceof Boolean atRisk)) {
            return new Evaluation.Error(rule.id() + " on " + resource.arn() + ": condition returned " + verdict + ", not a boolean");
        }
        if (!atRisk) {
            return Evaluation.PASS;
        }
        return new Evaluation.Fail(render(vars));
    }

    /** Merges configured overrides over the rule's defaults; unknown keys are refused so typos fail fast. */
    public Map<String, Object> parameters(Map<String, Object> overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return rule.parameters();
        }
        Map<String, Object> merged = new HashMap<>(rule.parameters());
        overrides.forEach((key, value) -> {
            if (!rule.parameters().containsKey(key)) {
                throw new RuleDefinitionException("rule " + rule.id() + " has no parameter '" + key + "' (it has "
                        + rule.parameters().keySet() + ")");
            }
            merged.put(key, CelValues.normalize(value));
        });
        return Map.copyOf(merged);
    }

    private String render(CelVariableResolver vars) {
        StringBuilder out = new StringBuilder();
        for (Object part : messageParts) {
            if (part instanceof String text) {
                out.append(text);
            } else if (part instanceof Variable variable) {
                // an absent variable fails CEL's evaluation too: same gap
                out.append(vars.find(variable.name()).map(CompiledRule::display).orElse("?"));
            } else {
                try {
                    out.append(display(((CelRuntime.Program) part).eval(vars)));
                } catch (CelEvaluationException e) {
                    // a message must never hide a finding: show the gap instead
                    out.append('?');
                }
            }
        }
        return out.toString();
    }

    /** A placeholder that is one of {@link #STRING_VARIABLES}. */
    private record Variable(String name) {}

    private static String display(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(CompiledRule::display).collect(Collectors.joining(", "));
        }
        if (value instanceof Map<?, ?> map && map.isEmpty()) {
            return "";
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return rule.id();
    }
}
