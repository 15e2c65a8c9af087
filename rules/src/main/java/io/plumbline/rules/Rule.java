package io.plumbline.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One catalog entry: {@code catalog/<service>/<id>.yaml}. The condition is CEL and is true when the
 * resource is at risk; {@code message} may embed CEL as {@code {{ expression }}}.
 */
public record Rule(
        String id,
        String title,
        String service,
        String resourceType,
        Pillar pillar,
        String question,
        String bestPractice,
        Severity severity,
        Impact impact,
        String risk,
        List<String> remediation,
        List<String> references,
        Optional<String> autoFix,
        String condition,
        String message,
        Map<String, Object> parameters) {

    public Rule {
        remediation = List.copyOf(remediation);
        references = List.copyOf(references);
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        autoFix = autoFix == null ? Optional.empty() : autoFix;
    }
}
