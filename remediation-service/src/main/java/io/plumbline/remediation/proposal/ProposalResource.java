package io.plumbline.remediation.proposal;

import io.plumbline.remediation.audit.AuditEntry;
import io.plumbline.remediation.audit.AuditResource.AuditView;
import io.plumbline.remediation.config.RemediationConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

@Path("/api/v1/proposals")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ProposalResource {

    public record ProposalView(UUID id, String fingerprint, String actionId, int actionVersion, String ruleId,
            String accountId, String region, String resourceArn, String resourceId, ProposalState state, String plan,
            String before, String after, String detail, Instant requestedAt, Instant decidedAt, String decidedBy,
            Instant expiresAt, Instant executedAt, Instant verifiedAt, List<AuditView> history) {

        static ProposalView of(Proposal p, List<AuditView> history) {
            return new ProposalView(p.id, p.fingerprint, p.actionId, p.actionVersion, p.ruleId, p.accountId, p.region,
                    p.resourceArn, p.resourceId, p.state, p.plan, p.beforeState, p.afterState, p.detail, p.requestedAt,
                    p.decidedAt, p.decidedBy, p.expiresAt, p.executedAt, p.verifiedAt, history);
        }
    }

    private final RemediationConfig config;
    private final ProposalService proposals;
    private final RemediationRunner runner;

    public ProposalResource(RemediationConfig config, ProposalService proposals, RemediationRunner runner) {
        this.config = config;
        this.proposals = proposals;
        this.runner = runner;
    }

    @GET
    public List<ProposalView> list(@QueryParam("state") String state, @QueryParam("fingerprint") String fingerprint) {
        return QuarkusTransaction.requiringNew().call(() -> {
            StringBuilder query = new StringBuilder("1 = 1");
            Map<String, Object> params = new java.util.HashMap<>();
            if (state != null && !state.isBlank()) {
                try {
                    params.put("state", ProposalState.valueOf(state.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException("state must be one of " + List.of(ProposalState.values()));
                }
                query.append(" and state = :state");
            }
            if (fingerprint != null && !fingerprint.isBlank()) {
                params.put("fingerprint", fingerprint);
                query.append(" and fingerprint = :fingerprint");
            }
            return Proposal.<Proposal>find(query.toString(), Sort.descending("requestedAt"), params).range(0, 999).list()
                    .stream().map(p -> ProposalView.of(p, null)).toList();
        });
    }

    /** The proposal with its plan, decisions, execution and verification (its audit lines, oldest first). */
    @GET
    @Path("/{id}")
    public ProposalView get(@PathParam("id") UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Proposal p = Proposal.findById(id);
            if (p == null) {
                throw new NotFoundException("no proposal " + id);
            }
            List<AuditView> history = AuditEntry.<AuditEntry>find("proposalId", Sort.ascending("id"), id).list().stream()
                    .map(e -> new AuditView(e.id, e.at, e.actor, e.proposalId, e.what, e.beforeState, e.afterState, e.outcome))
                    .toList();
            return ProposalView.of(p, history);
        });
    }

    @POST
    @Path("/{id}/approve")
    public Response approve(@PathParam("id") String id, @HeaderParam("Authorization") String authorization,
            @HeaderParam("X-Plumbline-Actor") String actor) {
        return decide(id, authorization, actor, true);
    }

    @POST
    @Path("/{id}/reject")
    public Response reject(@PathParam("id") String id, @HeaderParam("Authorization") String authorization,
            @HeaderParam("X-Plumbline-Actor") String actor) {
        return decide(id, authorization, actor, false);
    }

    /** Restores what an applied fix changed (reversible actions only); the proposal becomes ROLLED_BACK. */
    @POST
    @Path("/{id}/undo")
    public Response undo(@PathParam("id") UUID id, @HeaderParam("Authorization") String authorization,
            @HeaderParam("X-Plumbline-Actor") String actor) {
        if (!authorised(authorization)) {
            return Response.status(401).header("WWW-Authenticate", "Bearer").entity(Map.of("error", "bearer token required")).build();
        }
        return switch (runner.undo(id, actorName(actor))) {
            case RemediationRunner.Undo.RolledBack done -> Response.ok(Map.of("state", "ROLLED_BACK", "text", done.detail())).build();
            case RemediationRunner.Undo.Refused refused -> Response.status(409).entity(Map.of("error", refused.reason())).build();
        };
    }

    private static String actorName(String actor) {
        return "api:" + (actor == null || actor.isBlank() ? "operator" : actor.replaceAll("[^A-Za-z0-9@._-]", ""));
    }

    /** The token authorises; X-Plumbline-Actor names the person, who counts once under the two-person rule. */
    private Response decide(String id, String authorization, String actor, boolean approve) {
        if (!authorised(authorization)) {
            return Response.status(401).header("WWW-Authenticate", "Bearer").entity(Map.of("error", "bearer token required")).build();
        }
        if (actor == null || actor.replaceAll("[^A-Za-z0-9@._-]", "").isEmpty()) {
            return Response.status(400).entity(Map.of("error", "X-Plumbline-Actor is required: the name of the person who "
                    + (approve ? "approves" : "rejects") + " (letters, digits, @ . _ -)")).build();
        }
        String who = actorName(actor);
        return switch (proposals.decide(id, who, approve, true)) {
            case Decision.Approved approved -> {
                runner.executeLater(approved.proposal().id);
                yield Response.accepted(Map.of("state", "APPROVED", "text", "approved; the fix runs now")).build();
            }
            case Decision.Pending pending -> Response.ok(Map.of("state", "PROPOSED", "approvals", pending.approvals(),
                    "needed", pending.needed(), "text", "approval " + pending.approvals().size() + " of " + pending.needed()
                            + " recorded; a different approver must approve too")).build();
            case Decision.Rejected rejected -> Response.ok(Map.of("state", "REJECTED")).build();
            case Decision.Refused refused -> Response.status(409).entity(Map.of("error", refused.reason())).build();
        };
    }

    private boolean authorised(String authorization) {
        if (config.apiToken().isEmpty() || authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(config.apiToken().get().getBytes(StandardCharsets.UTF_8),
                authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
    }
}
