package io.plumbline.scanner.catalog;

import io.plumbline.rules.CompiledRule;
import io.plumbline.rules.Rule;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rules")
public class RuleResource {

    private final RuleBook rules;

    public RuleResource(RuleBook rules) {
        this.rules = rules;
    }

    public record RuleView(String id, String title, String service, String resourceType, String pillar, String question,
            String bestPractice, String severity, String impact, String risk, List<String> remediation,
            List<String> references, String autoFix, String condition, Map<String, Object> parameters, boolean enabled) {}

    @GET
    @Operation(summary = "The rule catalog, with this deployment's parameters and which rules are switched off")
    public List<RuleView> list() {
        return rules.catalog().stream().sorted(Comparator.comparing(CompiledRule::id)).map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One rule")
    public RuleView get(@PathParam("id") String id) {
        return rules.catalog().stream().filter(r -> r.id().equals(id)).findFirst().map(this::view)
                .orElseThrow(() -> new NotFoundException("no rule " + id));
    }

    private RuleView view(CompiledRule compiled) {
        Rule r = compiled.rule();
        var active = rules.find(r.id());
        return new RuleView(r.id(), r.title(), r.service(), r.resourceType(), r.pillar().name(), r.question(), r.bestPractice(),
                r.severity().name(), r.impact().name(), r.risk(), r.remediation(), r.references(), r.autoFix().orElse(null),
                r.condition(), active.map(ActiveRule::parameters).orElse(r.parameters()), active.isPresent());
    }
}
