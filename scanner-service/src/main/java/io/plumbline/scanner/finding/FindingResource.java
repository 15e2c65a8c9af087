package io.plumbline.scanner.finding;

import io.plumbline.scanner.catalog.RuleBook;
import io.plumbline.scanner.finding.export.ExportFormat;
import io.plumbline.scanner.finding.export.FindingExport;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Findings")
public class FindingResource {

    private static final int MAX_LIMIT = 10_000;
    private static final String CSV = "text/csv";
    private static final String SARIF = "application/sarif+json";

    private final RuleBook rules;

    public FindingResource(RuleBook rules) {
        this.rules = rules;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV, SARIF})
    @Operation(summary = "Findings, filtered, as JSON or exported", description = "Every filter is optional; the total "
            + "matching count is in the X-Total-Count header. status: OPEN, RESOLVED, REOPENED, or ACTIVE for OPEN and "
            + "REOPENED. format exports the same page instead of the JSON list: csv (RFC 4180 with a header row; cells a "
            + "spreadsheet would run as formulas start with an apostrophe), ocsf (a JSON array of OCSF 1.3.0 Detection "
            + "Findings, class_uid 2004) or sarif (SARIF 2.1.0, one run; resources as logical locations).")
    @APIResponse(responseCode = "200", description = "The findings in the requested format", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = FindingView.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = SARIF, schema = @Schema(type = SchemaType.OBJECT, description = "SARIF 2.1.0 log"))})
    @APIResponse(responseCode = "400", description = "Unknown status or format, or limit/offset out of range")
    public Response list(@QueryParam("status") String status, @QueryParam("ruleId") String ruleId,
            @QueryParam("severity") String severity, @QueryParam("region") String region,
            @QueryParam("accountId") String accountId, @QueryParam("pillar") String pillar,
            @QueryParam("resourceArn") String resourceArn, @QueryParam("resourceId") String resourceId,
            @QueryParam("limit") @DefaultValue("1000") int limit, @QueryParam("offset") @DefaultValue("0") int offset,
            @Parameter(description = "Export format; absent means the JSON list",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"csv", "ocsf", "sarif"}))
            @QueryParam("format") String format) {
        FindingExport export = null;
        if (format != null && !format.isBlank()) {
            export = ExportFormat.parse(format).map(ExportFormat::export).orElseThrow(() -> badRequest(
                    "format must be one of " + ExportFormat.names() + " (or absent for JSON)"));
        }
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
        if (export == null) {
            return Response.ok(page, MediaType.APPLICATION_JSON_TYPE).header("X-Total-Count", total).build();
        }
        FindingExport chosen = export;
        StreamingOutput body = out -> chosen.write(page, rules::definition, out);
        return Response.ok(body).type(chosen.mediaType()).header("X-Total-Count", total)
                .header("Content-Disposition", "attachment; filename=\"" + chosen.fileName() + "\"").build();
    }

    private static BadRequestException badRequest(String message) {
        return new BadRequestException(Response.status(Response.Status.BAD_REQUEST)
                .entity(Map.of("error", message)).type(MediaType.APPLICATION_JSON_TYPE).build());
    }

    private static void filter(List<String> where, Parameters params, String field, String value) {
        if (value != null && !value.isBlank()) {
            where.add(field + " = :" + field);
            params.and(field, value);
        }
    }
}
