package io.plumbline.ticketing.delivery;

import io.plumbline.ticketing.finding.TrackedFinding;
import io.plumbline.ticketing.incident.Incident;
import io.plumbline.ticketing.sink.IncidentContent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;

/** Renders an incident as the sinks see it: its findings (failing first) and its tickets on the other destinations. */
@ApplicationScoped
public class IncidentContents {

    public IncidentContent render(Incident incident, String forDestination) {
        List<TrackedFinding> findings = TrackedFinding.list("incidentId", incident.id);
        List<IncidentContent.AffectedResource> resources = findings.stream()
                .sorted(Comparator.comparing((TrackedFinding f) -> !f.failing()).thenComparing(f -> f.resourceArn))
                .map(f -> new IncidentContent.AffectedResource(f.fingerprint, f.resourceArn, f.resourceType, f.resourceId,
                        f.resourceName, f.tags(), f.message,
                        f.displayStatus()))
                .toList();
        List<Ticket> tickets = Ticket.list("incidentId = ?1 and state = ?2 order by destination", incident.id, Ticket.State.CREATED);
        List<IncidentContent.Link> links = tickets.stream()
                .filter(t -> !t.destination.equals(forDestination))
                .map(t -> new IncidentContent.Link(t.destination, t.externalKey, t.url))
                .toList();
        return new IncidentContent(incident.id, incident.correlationKey, incident.state.name(), incident.title,
                incident.severity, incident.pillar, incident.question, incident.bestPractice, incident.ruleId,
                incident.accountId, incident.region, incident.risk,
                incident.remediationSteps(), resources, links);
    }
}
