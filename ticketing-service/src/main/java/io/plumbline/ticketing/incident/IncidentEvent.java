package io.plumbline.ticketing.incident;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of an incident's trail: a state change or a human action recorded from a destination. */
@Entity
@Table(name = "incident_event")
public class IncidentEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long incidentId;
    public Instant at;
    public String fromState;
    public String toState;
    public String source;
    public String actor;
    public String note;

    public static IncidentEvent record(Incident incident, IncidentState from, String source, String actor, String note) {
        IncidentEvent event = new IncidentEvent();
        event.incidentId = incident.id;
        event.at = Instant.now();
        event.fromState = from == null ? null : from.name();
        event.toState = incident.state.name();
        event.source = source;
        event.actor = actor;
        event.note = note;
        event.persist();
        return event;
    }
}
