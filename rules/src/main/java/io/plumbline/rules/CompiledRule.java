package io.plumbline.rules;

import dev.cel.common.CelValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A rule with its condition and message compiled once; safe to share between threads. Each CEL expression runs as
 * Java closures ({@link CelClosures}) when they cover it, else through dev.cel's interpreter; rules that need the
 * interpreter are logged when the catalog loads.
 */
public final class CompiledRule {

    private static final System.Logger LOG = System.getLogger(CompiledRule.class.getName());

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.+?)}}", Pattern.DOTALL);

    /** The string variables a placeholder may name alone; {@link #render} reads them without running CEL. */
    private static final Set<String> STRING_VARIABLES = Set.of("account", "region", "arn", "id", "name");

    private final Rule rule;
    private final CelExpression condition;
    private final List<Object> messageParts;

    private CompiledRule(Rule rule, CelExpression condition, List<Object> messageParts) {
        this.rule = rule;
        this.condition = condition;
        this.messageParts = messageParts;
    }

    /** Compiles the condition and every {@code {{ }}} of the message; the error names the part that failed. */
    public static CompiledRule compile(Rule rule) {
        CelExpression condition;
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
                CelExpression compiled = CelEnvironment.compile(expression, false);
                // a bare string variable (164 of the catalog's 370 placeholders) needs no evaluation: its value is the text
                parts.add(STRING_VARIABLES.contains(expression) ? new Variable(expression) : compiled);
            } catch (CelValidationException | IllegalArgumentException e) {
                throw new RuleDefinitionException(
                        "rule " + rule.id() + ": message placeholder {{" + expression + "}} does not compile: " + e.getMessage(), e);
            }
            last = m.end();
        }
        parts.add(rule.message().substring(last));
        CompiledRule compiled = new CompiledRule(rule, condition, List.copyOf(parts));
        for (String part : compiled.interpretedParts()) {
            LOG.log(System.Logger.Level.INFO, "rule {0}: {1}", rule.id(), part);
        }
        return compiled;
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
        return evaluate(resource, params, false);
    }

    /** The same evaluation entirely through dev.cel's interpreter: what the closures are checked against. */
    Evaluation evaluateInterpreted(Resource resource, Map<String, Object> params) {
        return evaluate(resource, params, true);
    }

    private Evaluation evaluate(Resource resource, Map<String, Object> params, boolean interpreted) {
        Object verdict;
        try {
            verdict = interpreted ? condition.interpret(resource, params) : condition.eval(resource, params);
        } catch (CelClosures.CelError e) {
            return new Evaluation.Error(rule.id() + " on " + resource.arn() + ": " + e.getMessage());
        }
        if (!(verdict instanceof Boolean atRisk)) {
            return new Evaluation.Error(rule.id() + " on " + resource.arn() + ": condition returned " + verdict + ", not a boolean");
        }
        if (!atRisk) {
            return Evaluation.PASS;
        }
        return new Evaluation.Fail(render(resource, params, interpreted));
    }

    /** The condition and the message's CEL placeholders, in order. */
    List<CelExpression> expressions() {
        List<CelExpression> out = new ArrayList<>();
        out.add(condition);
        messageParts.stream().filter(CelExpression.class::isInstance).map(CelExpression.class::cast).forEach(out::add);
        return out;
    }

    /** Which expressions run through dev.cel's interpreter, and why (empty: the whole rule runs as closures). */
    List<String> interpretedParts() {
        List<String> out = new ArrayList<>();
        for (CelExpression expression : expressions()) {
            if (!expression.closures().gaps().isEmpty()) {
                String part = expression == condition ? "condition" : "message placeholder {{" + expression.source() + "}}";
                out.add(part + " goes to dev.cel's interpreter when an evaluation reaches "
                        + String.join(", ", expression.closures().gaps()));
            }
        }
        return out;
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

    private String render(Resource resource, Map<String, Object> params, boolean interpreted) {
        StringBuilder out = new StringBuilder(rule.message().length() + 64);
        for (Object part : messageParts) {
            if (part instanceof String text) {
                out.append(text);
            } else if (part instanceof Variable variable) {
                // an absent variable fails CEL's evaluation too: same gap
                String value = variable.of(resource);
                out.append(value == null ? "?" : value);
            } else {
                CelExpression expression = (CelExpression) part;
                try {
                    out.append(display(interpreted ? expression.interpret(resource, params) : expression.eval(resource, params)));
                } catch (CelClosures.CelError e) {
                    // a message must never hide a finding: show the gap instead
                    out.append('?');
                }
            }
        }
        return out.toString();
    }

    /** A placeholder that is one of {@link #STRING_VARIABLES}. */
    private record Variable(String name) {
        String of(Resource resource) {
            return switch (name) {
                case "account" -> resource.accountId();
                case "region" -> resource.region();
                case "arn" -> resource.arn();
                case "id" -> resource.id();
                default -> resource.name();
            };
        }
    }

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
