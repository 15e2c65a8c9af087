package io.plumbline.ticketing.incident;

import io.plumbline.ticketing.delivery.Delivery;
import io.plumbline.ticketing.delivery.Ticket;
import io.plumbline.ticketing.finding.TrackedFinding;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    @GET
    @Transactional
    @Operation(summary = "Incidents, newest first, with their findings and each destination's ticket and delivery state")
    public List<IncidentView> list(@QueryParam("state") String state, @QueryParam("severity") String severity) {
        StringBuilder query = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (state != null && !state.isBlank()) {
            params.put("state", parseState(state));
            query.append(" and state = :state");
        }
        if (severity != null && !severity.isBlank()) {
            params.put("severity", severity.trim().toUpperCase(Locale.ROOT));
            query.append(" and severity = :severity");
        }
        List<Incident> incidents = Incident.list(query + " order by id desc", params);
        if (incidents.isEmpty()) {
            return List.of();
        }
        List<Long> ids = incidents.stream().map(i -> i.id).toList();
        Map<Long, List<TrackedFinding>> findings = TrackedFinding.<TrackedFinding>list("incidentId in ?1 order by resourceArn", ids)
                .stream().collect(Collectors.groupingBy(f -> f.incidentId));
        Map<Long, List<Ticket>> tickets = Ticket.<Ticket>list("incidentId in ?1 order by destination", ids)
                .stream().collect(Collectors.groupingBy(t -> t.incidentId));
        Map<Long, List<Delivery>> waiting = Delivery.<Delivery>list("incidentId in ?1 and state <> ?2 order by id", ids,
                Delivery.State.DELIVERED).stream().collect(Collectors.groupingBy(d -> d.incidentId));
        List<IncidentView> views = new ArrayList<>(incidents.size());
        for (Incident incident : incidents) {
            views.add(IncidentView.of(incident, findings.getOrDefault(incident.id, List.of()),
                    tickets.getOrDefault(incident.id, List.of()), byDestination(waiting.get(incident.id)), null));
        }
        return views;
    }

    @GET
    @Path("/{id}")
    @Transactional
    @Operation(summary = "One incident with its findings, tickets, deliveries and trail")
    public IncidentView get(@PathParam("id") long id) {
        Incident incident = Incident.findById(id);
        if (incident == null) {
            throw new NotFoundException("no incident " + id);
        }
        return IncidentView.of(incident, TrackedFinding.list("incidentId = ?1 order by resourceArn", id),
                Ticket.list("incidentId = ?1 order by destination", id),
                byDestination(Delivery.list("incidentId = ?1 and state <> ?2 order by id", id, Delivery.State.DELIVERED)),
                IncidentEvent.list("incidentId = ?1 order by id", id));
    }

    private static Map<String, List<Delivery>> byDestination(List<Delivery> deliveries) {
        return deliveries == null ? Map.of() : deliveries.stream().collect(Collectors.groupingBy(d -> d.destination));
    }

    private static IncidentState parseState(String state) {
        try {
            return IncidentState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("state must be one of " + Arrays.toString(IncidentState.values()));
        }
    }
}
