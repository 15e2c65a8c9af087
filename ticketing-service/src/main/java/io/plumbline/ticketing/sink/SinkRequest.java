package io.plumbline.ticketing.sink;

import java.util.Optional;

/**
 * One delivery handed to a sink.
 *
 * @param action         the lifecycle step
 * @param incident       the incident as it is now (rendered at delivery time, so a retry sends fresh content)
 * @param ticket         the ledger's ticket on this destination, when one was created before
 * @param outcomeUnknown a previous create attempt may have succeeded (timeout, crash before the commit):
 *                       look the ticket up by {@link IncidentContent#correlationKey()} before creating one
 * @param target         where on the destination (project, channel, group…) the route sends it
 * @param note           the human-readable reason for this step (comment text); never null
 */
public record SinkRequest(
        DeliveryAction action,
        IncidentContent incident,
        Optional<ExternalTicket> ticket,
        boolean outcomeUnknown,
        Target target,
        String note) {}
