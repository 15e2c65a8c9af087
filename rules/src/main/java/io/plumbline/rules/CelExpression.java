package io.plumbline.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * One CEL expression of a rule, checked by dev.cel: evaluated by its {@link CelClosures}, or by dev.cel's interpreter
 * when the closures reach a construct or a value they do not handle.
 */
record CelExpression(String source, CelRuntime.Program interpreted, CelClosures.Program closures) {

    /** @throws CelClosures.CelError when CEL's evaluation yields an error */
    Object eval(Resource resource, Map<String, Object> params) {
        try {
            return closures.eval(resource, params);
        } catch (CelClosures.Unsupported e) {
            return interpret(resource, params);
        }
    }

    Object interpret(Resource resource, Map<String, Object> params) {
        try {
            return interpreted.eval(CelEnvironment.variables(resource, params));
        } catch (CelEvaluationException e) {
            throw new CelClosures.CelError(e.getMessage());
        }
    }
}
