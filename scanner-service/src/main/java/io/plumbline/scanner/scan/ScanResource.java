package io.plumbline.scanner.scan;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/scans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Scans")
public class ScanResource {

    private final ScanService scans;

    public ScanResource(ScanService scans) {
        this.scans = scans;
    }

    public record Started(UUID id, ScanStatus status) {}

    public record ScanView(UUID id, ScanStatus status, Instant startedAt, Instant finishedAt, List<String> regions,
            List<String> rules, String resourceArn, int resourcesEvaluated, long awsCalls, Changes findings, List<ScanError> errors) {

        public record Changes(int opened, int reopened, int resolved) {}

        static ScanView of(Scan scan) {
            return new ScanView(scan.id, scan.status, scan.startedAt, scan.finishedAt, scan.requestedRegions, scan.requestedRules,
                    scan.targetArn, scan.resourcesEvaluated, scan.awsCalls,
                    new Changes(scan.findingsOpened, scan.findingsReopened, scan.findingsResolved), scan.errors);
        }
    }

    @POST
    @Operation(summary = "Start a scan", description = "Runs in the background; poll GET /api/v1/scans/{id}. "
            + "The optional body limits the regions and rules, or names one resourceArn for a targeted rescan "
            + "(only that resource's findings can change).")
    @APIResponse(responseCode = "202", description = "The scan is running")
    @APIResponse(responseCode = "400", description = "Unknown region or rule")
    public Response start(ScanRequest request) {
        try {
            Scan scan = scans.start(request);
            return Response.accepted(new Started(scan.id, scan.status)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        }
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A scan's status, counts and errors")
    public ScanView get(@PathParam("id") UUID id) {
        Scan scan = Scan.findById(id);
        if (scan == null) {
            throw new NotFoundException("no scan " + id);
        }
        return ScanView.of(scan);
    }

    @GET
    @Operation(summary = "The 50 most recent scans")
    public List<ScanView> recent() {
        return Scan.<Scan>find("order by startedAt desc").page(0, 50).list().stream().map(ScanView::of).toList();
    }
}
