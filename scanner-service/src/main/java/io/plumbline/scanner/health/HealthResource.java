package io.plumbline.scanner.health;

import io.plumbline.rules.Pillar;
import io.plumbline.rules.Severity;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/health")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Health", description = "Health score: the severity-weighted share of passing checks, 0–100")
public class HealthResource {

    private static final int MAX_HISTORY = 1000;

    @Schema(description = "Checks are (rule, resource) evaluations of the scan; errored ones could not be decided and count "
            + "neither as passed nor as failed")
    public record Checks(long passed, long failed, long errored) {}

    @Schema(description = "Health of the latest full-scope scan. score = 100 × Σ weight(passed) / Σ weight(passed + failed), "
            + "weights CRITICAL 10, HIGH 5, MEDIUM 3, LOW 1, INFORMATIONAL 0, one decimal; null when no check carried weight. "
            + "Every breakdown maps a value (pillar, region, severity, impact, service) to its own score and counts.")
    public record HealthView(
            @Schema(nullable = true, minimum = "0", maximum = "100", example = "66.7") BigDecimal score,
            UUID scanId,
            Instant computedAt,
            Checks checks,
            Map<String, HealthScore.Part> byPillar,
            Map<String, HealthScore.Part> byRegion,
            Map<String, HealthScore.Part> bySeverity,
            Map<String, HealthScore.Part> byImpact,
            Map<String, HealthScore.Part> byService) {

        static HealthView of(HealthSnapshot s) {
            return new HealthView(s.score, s.scanId, s.computedAt, new Checks(s.passed, s.failed, s.errored),
                    ordered(s.byPillar, Pillar.class), ordered(s.byRegion), ordered(s.bySeverity, Severity.class),
                    ordered(s.byImpact), ordered(s.byService));
        }

        /** jsonb keeps no key order: give pillars and severities their natural order, the rest alphabetical. */
        private static <E extends Enum<E>> Map<String, HealthScore.Part> ordered(Map<String, HealthScore.Part> parts, Class<E> type) {
            Map<String, HealthScore.Part> ordered = new LinkedHashMap<>();
            for (E value : type.getEnumConstants()) {
                if (parts.containsKey(value.name())) {
                    ordered.put(value.name(), parts.get(value.name()));
                }
            }
            parts.forEach(ordered::putIfAbsent);
            return ordered;
        }

        private static Map<String, HealthScore.Part> ordered(Map<String, HealthScore.Part> parts) {
            return new TreeMap<>(parts);
        }
    }

    public record HistoryEntry(UUID scanId, Instant finishedAt, @Schema(nullable = true) BigDecimal score) {}

    @GET
    @Operation(summary = "The current health score with its breakdowns",
            description = "Computed from the latest finished (SUCCEEDED or PARTIAL) scan that covered every enabled rule in "
                    + "every configured region; scans limited to some rules or regions do not count. In a PARTIAL scan the "
                    + "scopes that failed to collect contribute no checks.")
    @APIResponse(responseCode = "200", description = "The health of the latest full-scope scan",
            content = @Content(schema = @Schema(implementation = HealthView.class)))
    @APIResponse(responseCode = "404", description = "No full-scope scan has finished yet")
    public Response current() {
        return HealthSnapshot.latest()
                .map(snapshot -> Response.ok(HealthView.of(snapshot)).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(Map.of("error", "no full-scope scan has finished yet")).build());
    }

    @GET
    @Path("/history")
    @Operation(summary = "The health score of each full-scope scan, newest first")
    @APIResponse(responseCode = "200", description = "One entry per scan",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = HistoryEntry.class)))
    @APIResponse(responseCode = "400", description = "limit out of range")
    public Response history(@Parameter(description = "How many scans, 1.." + MAX_HISTORY)
            @QueryParam("limit") @DefaultValue("30") int limit) {
        if (limit < 1 || limit > MAX_HISTORY) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", "limit must be 1.." + MAX_HISTORY)).build();
        }
        List<HistoryEntry> entries = HealthSnapshot.history(limit).stream()
                .map(s -> new HistoryEntry(s.scanId, s.finishedAt, s.score)).toList();
        return Response.ok(entries).build();
    }
}
