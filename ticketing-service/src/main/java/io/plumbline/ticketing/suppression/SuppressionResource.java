package io.plumbline.ticketing.suppression;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/suppressions")
@Produces(MediaType.APPLICATION_JSON)
public class SuppressionResource {

    private final SuppressionService suppressions;

    public SuppressionResource(SuppressionService suppressions) {
        this.suppressions = suppressions;
    }

    /**
     * A suppression: what it matches (absent = anything; rule, account, region and ARN take * and ? globs),
     * why, and until when ({@code expiresAt}, or {@code expiresIn} as an ISO-8601 duration such as P30D).
     */
    public record Request(Match match, @NotBlank String reason, Instant expiresAt, String expiresIn, String createdBy) {}

    public record Match(String accountId, String ruleId, String region, String resourceArn, String tagKey, String tagValue) {}

    public record View(long id, Match match, String reason, String createdBy, Instant createdAt, Instant expiresAt,
                       Instant expiredAt, Integer findingsCovered) {

        static View of(Suppression s, Integer covered) {
            return new View(s.id, new Match(s.accountId, s.ruleId, s.region, s.resourceArn, s.tagKey, s.tagValue),
                    s.reason, s.createdBy, s.createdAt, s.expiresAt, s.expiredAt, covered);
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accepts a risk: matching findings (now and later) are kept and shown as suppressed until the expiry")
    public Response create(@Valid Request request) {
        Match match = request.match() == null ? new Match(null, null, null, null, null, null) : request.match();
        if (blank(match.accountId()) && blank(match.ruleId()) && blank(match.region()) && blank(match.resourceArn())
                && blank(match.tagKey())) {
            throw new BadRequestException("match needs at least one of accountId, ruleId, region, resourceArn, tagKey");
        }
        Suppression rule = new Suppression();
        rule.accountId = trim(match.accountId());
        rule.ruleId = trim(match.ruleId());
        rule.region = trim(match.region());
        rule.resourceArn = trim(match.resourceArn());
        rule.tagKey = trim(match.tagKey());
        rule.tagValue = trim(match.tagValue());
        rule.reason = request.reason().trim();
        rule.createdBy = blank(request.createdBy()) ? "api" : request.createdBy().trim();
        rule.createdAt = Instant.now();
        rule.expiresAt = expiry(request);
        int covered = suppressions.add(rule);
        return Response.status(201).entity(View.of(rule, covered)).build();
    }

    @GET
    @Transactional
    @Operation(summary = "Suppressions, newest first, including expired ones")
    public List<View> list() {
        return Suppression.<Suppression>list("order by id desc").stream().map(s -> View.of(s, null)).toList();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Lifts a suppression now; still-failing findings reopen their incidents")
    public Response lift(@PathParam("id") long id) {
        if (!suppressions.lift(id)) {
            throw new NotFoundException("no active suppression " + id);
        }
        return Response.noContent().build();
    }

    private static Instant expiry(Request request) {
        if (request.expiresAt() != null && request.expiresIn() != null) {
            throw new BadRequestException("give expiresAt or expiresIn, not both");
        }
        if (request.expiresIn() != null) {
            try {
                String value = request.expiresIn().trim().toUpperCase(java.util.Locale.ROOT);
                return value.contains("T") ? Instant.now().plus(Duration.parse(value))
                        : java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plus(java.time.Period.parse(value)).toInstant();
            } catch (RuntimeException e) {
                throw new BadRequestException("expiresIn must be an ISO-8601 duration such as P30D or PT12H");
            }
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
            throw new BadRequestException("expiresAt is in the past");
        }
        return request.expiresAt();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trim(String value) {
        return blank(value) ? null : value.trim();
    }
}
