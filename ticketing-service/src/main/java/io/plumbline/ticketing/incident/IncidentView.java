package io.plumbline.ticketing.incident;

import io.plumbline.ticketing.delivery.Delivery;
import io.plumbline.ticketing.delivery.Ticket;
import io.plumbline.ticketing.finding.TrackedFinding;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An incident as the API shows it: its findings, and its ticket and delivery state on each destination. */
public record IncidentView(
        long id, String correlationKey, String state, String severity, String pillar, String question,
        String bestPractice, String ruleId, String accountId, String region, String title, String route,
        String grouping, Instant openedAt, Instant updatedAt, Instant resolvedAt, Instant suppressedUntil,
        String suppressionReason, List<FindingView> findings, List<TicketView> tickets, List<EventView> trail) {

    public record FindingView(String fingerprint, String status, String resourceArn, String resourceType,
                              String resourceId, String resourceName, String message, Instant observedAt) {}

    /** {@code delivery}: DELIVERED when nothing waits, else PENDING or DEAD (the oldest waiting step decides). */
    public record TicketView(String destination, String state, String key, String url, String delivery,
                             long pendingSteps, String lastError) {}

    public record EventView(Instant at, String fromState, String toState, String source, String actor, String note) {}

    static IncidentView of(Incident incident, List<TrackedFinding> findings, List<Ticket> tickets,
                           Map<String, List<Delivery>> waiting, List<IncidentEvent> trail) {
        return new IncidentView(incident.id, incident.correlationKey, incident.state.name(), incident.severity,
                incident.pillar, incident.question, incident.bestPractice, incident.ruleId, incident.accountId,
                incident.region, incident.title, incident.route, incident.grouping, incident.openedAt,
                incident.updatedAt, incident.resolvedAt, incident.suppressedUntil, incident.suppressionReason,
                findings.stream().map(f -> new FindingView(f.fingerprint, f.displayStatus(), f.resourceArn,
                        f.resourceType, f.resourceId, f.resourceName, f.message, f.observedAt)).toList(),
                tickets.stream().map(t -> ticket(t, waiting.getOrDefault(t.destination, List.of()))).toList(),
                trail == null ? null : trail.stream().map(e -> new EventView(e.at, e.fromState, e.toState, e.source,
                        e.actor, e.note)).toList());
    }

    private static TicketView ticket(Ticket ticket, List<Delivery> waiting) {
        String delivery = waiting.isEmpty() ? "DELIVERED"
                : waiting.stream().anyMatch(d -> d.state == Delivery.State.DEAD) ? "DEAD" : "PENDING";
        String lastError = waiting.stream().map(d -> d.lastError).filter(e -> e != null).findFirst().orElse(null);
        return new TicketView(ticket.destination, ticket.state.name(), ticket.externalKey, ticket.url, delivery,
                waiting.size(), lastError);
    }
}
