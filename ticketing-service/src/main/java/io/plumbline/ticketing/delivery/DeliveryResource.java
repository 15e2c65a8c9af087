package io.plumbline.ticketing.delivery;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    @GET
    @Transactional
    @Operation(summary = "Outbox steps, newest first; state=DEAD lists the dead letters")
    public List<DeliveryView> list(@QueryParam("state") String state, @QueryParam("destination") String destination,
                                   @QueryParam("limit") Integer limit) {
        StringBuilder query = new StringBuilder("1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (state != null && !state.isBlank()) {
            try {
                params.put("state", Delivery.State.valueOf(state.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("state must be one of " + Arrays.toString(Delivery.State.values()));
            }
            query.append(" and state = :state");
        }
        if (destination != null && !destination.isBlank()) {
            params.put("destination", destination.trim());
            query.append(" and destination = :destination");
        }
        return Delivery.<Delivery>find(query + " order by id desc", params)
                .page(0, limit == null ? 500 : Math.max(1, Math.min(limit, 5000))).list()
                .stream().map(DeliveryView::of).toList();
    }

    @POST
    @Path("/{id}/retry")
    @Transactional
    @Operation(summary = "Sends a dead step again now (its attempts start over); the incident's later steps follow it")
    public DeliveryView retry(@PathParam("id") long id) {
        Delivery delivery = Delivery.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null) {
            throw new NotFoundException("no delivery " + id);
        }
        if (delivery.state != Delivery.State.DEAD) {
            throw new ClientErrorException("delivery " + id + " is " + delivery.state + "; only DEAD ones are retried", 409);
        }
        delivery.state = Delivery.State.PENDING;
        delivery.attempts = 0;
        delivery.nextAttemptAt = Instant.now();
        return DeliveryView.of(delivery);
    }
}
