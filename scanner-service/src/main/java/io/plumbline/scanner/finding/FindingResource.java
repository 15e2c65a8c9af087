package io.plumbline.scanner.finding;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Findings")
public class FindingResource {

    private static final int MAX_LIMIT = 10_000;

    public record FindingView(String fingerprint, String ruleId, FindingStatus status, String severity, String pillar,
            String question, String bestPractice, String impact, String accountId, String region, String resourceArn,
            String resourceType, String resourceId, String resourceName, Map<String, String> resourceTags, String title,
            String message, Instant firstSeenAt, Instant lastSeenAt, Instant resolvedAt) {

        static FindingView of(Finding f) {
            return new FindingView(f.fingerprint, f.ruleId, f.status, f.severity, f.pillar, f.question, f.bestPractice, f.impact,
                    f.accountId, f.region, f.resourceArn, f.resourceType, f.resourceId, f.resourceName, f.resourceTags, f.title,
                    f.message, f.firstSeenAt, f.lastSeenAt, f.resolvedAt);
        }
    }

    @GET
    @Operation(summary = "Findings, filtered", description = "Every filter is optional; the total matching count is in "
            + "the X-Total-Count header. status: OPEN, RESOLVED, REOPENED, or ACTIVE for OPEN and REOPENED.")
    public Response list(@QueryParam("status") String status, @QueryParam("ruleId") String ruleId,
            @QueryParam("severity") String severity, @QueryParam("region") String region,
            @QueryParam("accountId") String accountId, @QueryParam("pillar") String pillar,
            @QueryParam("resourceArn") String resourceArn, @QueryParam("resourceId") String resourceId,
            @QueryParam("limit") @DefaultValue("1000") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new BadRequestException("limit must be 1.." + MAX_LIMIT + " and offset >= 0");
        }
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (status != null) {
            String wanted = status.toUpperCase(Locale.ROOT);
            if (wanted.equals("ACTIVE")) {
                where.add("status <> :resolved");
                params.and("resolved", FindingStatus.RESOLVED);
            } else {
                try {
                    params.and("status", FindingStatus.valueOf(wanted));
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException("status must be OPEN, RESOLVED, REOPENED or ACTIVE");
                }
                where.add("status = :status");
            }
        }
        filter(where, params, "ruleId", ruleId);
        filter(where, params, "severity", severity == null ? null : severity.toUpperCase(Locale.ROOT));
        filter(where, params, "region", region);
        filter(where, params, "accountId", accountId);
        filter(where, params, "pillar", pillar == null ? null : pillar.toUpperCase(Locale.ROOT));
        filter(where, params, "resourceArn", resourceArn);
        filter(where, params, "resourceId", resourceId);
        String query = String.join(" and ", where);
        var found = where.isEmpty()
                ? Finding.<Finding>findAll(Sort.by("ruleId").and("region").and("resourceArn"))
                : Finding.<Finding>find(query, Sort.by("ruleId").and("region").and("resourceArn"), params);
        long total = found.count();
        List<FindingView> page = found.range(offset, offset + limit - 1).list().stream().map(FindingView::of).toList();
        return Response.ok(page).header("X-Total-Count", total).build();
    }

    private static void filter(List<String> where, Parameters params, String field, String value) {
        if (value != null && !value.isBlank()) {
            where.add(field + " = :" + field);
            params.and(field, value);
        }
    }
}
