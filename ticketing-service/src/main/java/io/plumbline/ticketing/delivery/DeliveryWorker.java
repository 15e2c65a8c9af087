package io.plumbline.ticketing.delivery;

import com.google.common.util.concurrent.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.plumbline.ticketing.config.TicketingConfig;
import io.plumbline.ticketing.incident.Incident;
import io.plumbline.ticketing.routing.Router;
import io.plumbline.ticketing.sink.ExternalTicket;
import io.plumbline.ticketing.sink.SinkOutcome;
import io.plumbline.ticketing.sink.SinkRequest;
import io.plumbline.ticketing.sink.TicketSink;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Drains the delivery outbox, one worker thread per destination. Each round claims the oldest due step of each
 * incident (a later step waits while an earlier one is pending or dead, so every destination sees an incident's
 * life in order), leases it, calls the sink outside any transaction and records the outcome: delivered, retried
 * with backoff, delayed by the vendor's Retry-After, or dead-lettered.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final Map<String, TicketSink> sinks;
    private final TicketingConfig config;
    private final IncidentContents contents;
    private final Router router;
    private final MeterRegistry registry;
    private final Backoff backoff;
    private final Map<String, ExecutorService> threads = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> running = new ConcurrentHashMap<>();
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();

    public DeliveryWorker(Instance<TicketSink> sinks, TicketingConfig config, IncidentContents contents, Router router,
                          MeterRegistry registry) {
        this.sinks = sinks.stream().filter(TicketSink::enabled)
                .collect(Collectors.toMap(TicketSink::destination, s -> s));
        this.config = config;
        this.contents = contents;
        this.router = router;
        this.registry = registry;
        this.backoff = new Backoff(config.delivery().backoffBase(), config.delivery().backoffMax());
        for (String destination : List.of("jira", "servicenow", "opsgenie", "slack", "pagerduty")) {
            for (Delivery.State state : List.of(Delivery.State.DEAD, Delivery.State.PENDING)) {
                AtomicLong value = new AtomicLong();
                backlog.put(destination + "|" + state, value);
                registry.gauge("plumbline.deliveries." + state.name().toLowerCase(java.util.Locale.ROOT),
                        List.of(io.micrometer.core.instrument.Tag.of("destination", destination)), value);
            }
        }
    }

    @Scheduled(every = "${plumbline.ticketing.delivery.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        for (String destination : sinks.keySet()) {
            AtomicBoolean busy = running.computeIfAbsent(destination, d -> new AtomicBoolean());
            if (busy.compareAndSet(false, true)) {
                threads.computeIfAbsent(destination, d -> Executors.newSingleThreadExecutor(
                                Thread.ofPlatform().name("deliveries-" + d).daemon().factory()))
                        .submit(() -> {
                            try {
                                drain(destination);
                            } catch (RuntimeException e) {
                                LOG.errorf(e, "delivery round for %s failed; the next round retries", destination);
                            } finally {
                                busy.set(false);
                            }
                        });
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        threads.values().forEach(ExecutorService::shutdownNow);
    }

    /** Delivers everything due for one destination; returns how many steps were delivered. */
    public int drain(String destination) {
        TicketSink sink = sinks.get(destination);
        if (sink == null) {
            return 0;
        }
        int delivered = 0;
        while (true) {
            List<Claim> claims = QuarkusTransaction.requiringNew().call(() -> claim(destination));
            if (claims.isEmpty()) {
                return delivered;
            }
            for (Claim claim : claims) {
                if (deliver(sink, claim)) {
                    delivered++;
                }
            }
        }
    }

    /** A leased step with what the sink needs. */
    record Claim(long deliveryId, SinkRequest request) {}

    @SuppressWarnings("unchecked")
    private List<Claim> claim(String destination) {
        List<Delivery> due = Panache.getEntityManager().createNativeQuery("""
                        select d.* from {h-schema}delivery d
                        where d.destination = ?1 and d.state = 'PENDING' and d.next_attempt_at <= now()
                          and not exists (select 1 from {h-schema}delivery e
                                          where e.incident_id = d.incident_id and e.destination = d.destination
                                            and e.state <> 'DELIVERED' and e.id < d.id)
                        order by d.id limit ?2 for update of d skip locked""", Delivery.class)
                .setParameter(1, destination)
                .setParameter(2, config.delivery().batchSize())
                .getResultList();
        Instant leaseEnd = Instant.now().plus(config.delivery().lease());
        return due.stream().map(delivery -> {
            delivery.attempts++;
            delivery.nextAttemptAt = leaseEnd;
            Ticket ticket = Ticket.find("incidentId = ?1 and destination = ?2", delivery.incidentId, destination).firstResult();
            if (ticket == null) {
                ticket = Ticket.reserve(delivery.incidentId, destination);
                ticket.persist();
            }
            boolean outcomeUnknown = ticket.state == Ticket.State.CREATING;
            Optional<ExternalTicket> known = ticket.state == Ticket.State.CREATED
                    ? Optional.of(new ExternalTicket(ticket.externalKey, ticket.externalId, ticket.url))
                    : Optional.empty();
            if (known.isEmpty()) {
                ticket.state = Ticket.State.CREATING; // from here until the outcome is stored, a create may have happened
                ticket.updatedAt = Instant.now();
            }
            Incident incident = Incident.findById(delivery.incidentId);
            SinkRequest request = new SinkRequest(delivery.action, contents.render(incident, destination), known,
                    outcomeUnknown, router.byName(incident.route).target(), delivery.note);
            return new Claim(delivery.id, request);
        }).toList();
    }

    private boolean deliver(TicketSink sink, Claim claim) {
        String destination = sink.destination();
        limiter(destination, sink.rateScope(claim.request())).acquire();
        SinkOutcome outcome;
        try {
            outcome = sink.deliver(claim.request());
        } catch (RuntimeException e) {
            outcome = SinkOutcome.failed("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        SinkOutcome result = outcome;
        QuarkusTransaction.requiringNew().run(() -> record(claim, destination, result));
        registry.counter("plumbline.deliveries", "destination", destination,
                "outcome", outcome.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)).increment();
        return outcome instanceof SinkOutcome.Delivered;
    }

    private void record(Claim claim, String destination, SinkOutcome outcome) {
        Delivery delivery = Delivery.findById(claim.deliveryId());
        Instant now = Instant.now();
        switch (outcome) {
            case SinkOutcome.Delivered delivered -> {
                delivery.state = Delivery.State.DELIVERED;
                delivery.deliveredAt = now;
                delivery.lastError = null;
                Ticket ticket = Ticket.find("incidentId = ?1 and destination = ?2", delivery.incidentId, destination).firstResult();
                if (delivered.ticket() != null) {
                    ticket.externalKey = delivered.ticket().key();
                    ticket.externalId = delivered.ticket().id();
                    ticket.url = delivered.ticket().url();
                    ticket.state = Ticket.State.CREATED;
                    ticket.updatedAt = now;
                }
            }
            case SinkOutcome.RateLimited limited -> {
                delivery.attempts--; // the vendor asked us to wait: not a failure
                delivery.nextAttemptAt = now.plus(limited.retryAfter());
                delivery.lastError = "rate limited; retry after " + limited.retryAfter().toSeconds() + " s";
            }
            case SinkOutcome.Failed failed -> {
                delivery.lastError = failed.reason();
                if (delivery.attempts >= config.delivery().maxAttempts()) {
                    deadLetter(delivery, destination, "gave up after " + delivery.attempts + " attempts: " + failed.reason());
                } else {
                    delivery.nextAttemptAt = now.plus(backoff.after(delivery.attempts));
                }
            }
            case SinkOutcome.Rejected rejected -> deadLetter(delivery, destination, rejected.reason());
        }
    }

    private static void deadLetter(Delivery delivery, String destination, String reason) {
        delivery.state = Delivery.State.DEAD;
        delivery.lastError = reason;
        LOG.warnf("delivery %d (%s of incident %d to %s) is dead: %s; later steps of that incident wait until it is retried",
                delivery.id, delivery.action, delivery.incidentId, destination, reason);
    }

    private RateLimiter limiter(String destination, String scope) {
        double rate = config.delivery().rates().getOrDefault(destination, config.delivery().defaultRate());
        return limiters.computeIfAbsent(destination + "|" + scope, k -> RateLimiter.create(rate));
    }

    /** Refreshes the dead and pending gauges with one query, rather than a query per gauge on every scrape. */
    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @SuppressWarnings("unchecked")
    void refreshBacklog() {
        try {
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> Panache.getEntityManager()
                    .createQuery("select destination, state, count(*) from Delivery where state <> :delivered group by destination, state")
                    .setParameter("delivered", Delivery.State.DELIVERED).getResultList());
            backlog.values().forEach(v -> v.set(0));
            for (Object[] row : rows) {
                AtomicLong value = backlog.get(row[0] + "|" + row[1]);
                if (value != null) {
                    value.set(((Number) row[2]).longValue());
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("delivery gauges not refreshed: %s", e.getMessage());
        }
    }
}
