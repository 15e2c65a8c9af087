package io.plumbline.remediation.audit;

import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record AuditView(long id, Instant at, String actor, UUID proposalId, String what, String before, String after,
            String outcome) {}

    /** Newest first; {@code proposalId} narrows to one proposal. */
    @GET
    public List<AuditView> list(@QueryParam("proposalId") UUID proposalId, @QueryParam("limit") @DefaultValue("500") int limit) {
        var query = proposalId == null
                ? AuditEntry.<AuditEntry>findAll(Sort.descending("id"))
                : AuditEntry.<AuditEntry>find("proposalId", Sort.descending("id"), proposalId);
        return query.range(0, Math.max(0, Math.min(limit, 5000) - 1)).list().stream()
                .map(e -> new AuditView(e.id, e.at, e.actor, e.proposalId, e.what, e.beforeState, e.afterState, e.outcome))
                .toList();
    }
}
