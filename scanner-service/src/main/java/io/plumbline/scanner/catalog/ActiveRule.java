package io.plumbline.scanner.catalog;

import io.plumbline.rules.CompiledRule;
import io.plumbline.rules.Evaluation;
import io.plumbline.rules.Resource;
import io.plumbline.rules.Rule;
import java.util.Map;

/** A catalog rule as this deployment runs it: with its configured parameters. */
public record ActiveRule(CompiledRule compiled, Map<String, Object> parameters) {

    public Rule rule() {
        return compiled.rule();
    }

    public String id() {
        return compiled.id();
    }

    public Evaluation evaluate(Resource resource) {
        return compiled.evaluate(resource, parameters);
    }
}
