package org.kollussuite.notifier.api;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.notifier.delivery.DeliveryStatus;
import org.kollussuite.notifier.delivery.Recovery;
import org.kollussuite.notifier.persistence.AttemptEntity;
import org.kollussuite.notifier.persistence.DeliveryEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The delivery log: every event sent to every endpoint, its attempts, and retrying one. */
@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {

    /** One delivery; {@code attempts} is filled for a single delivery only. */
    public record DeliveryView(long id, String endpoint, UUID eventId, String eventType, String subject, String channel,
                               String status, int failedAttempts, Instant nextAttemptAt, Integer lastStatus,
                               String lastError, Instant createdAt, Instant deliveredAt, List<AttemptView> attempts) {
    }

    /** One attempt. */
    public record AttemptView(Instant attemptedAt, Integer statusCode, int latencyMs, String response, String error) {
    }

    private final Recovery recovery;

    public DeliveriesResource(Recovery recovery) {
        this.recovery = recovery;
    }

    @GET
    @Operation(summary = "Deliveries, newest first, filtered by status (pending, delivered, failed), endpoint, event type,"
            + " subject and creation time in [since, until)")
    public List<DeliveryView> list(@RestQuery String status, @RestQuery String endpoint, @RestQuery String type,
                                   @RestQuery String subject, @RestQuery String since, @RestQuery String until,
                                   @RestQuery String limit, @RestQuery String offset) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        status = AdminParameters.filter("status", status);
        endpoint = AdminParameters.filter("endpoint", endpoint);
        type = AdminParameters.filter("type", type);
        subject = AdminParameters.filter("subject", subject);
        Instant from = AdminParameters.instant("since", since);
        Instant to = AdminParameters.instant("until", until);
        int pageSize = AdminParameters.limit(limit);
        int first = AdminParameters.offset(offset);
        if (status != null) {
            String wantedName = status;
            DeliveryStatus wanted = Arrays.stream(DeliveryStatus.values()).filter(s -> s.apiName().equalsIgnoreCase(wantedName))
                    .findFirst().orElseThrow(() -> RejectedRequestException.badRequest("invalid_parameter",
                            "status must be one of pending, delivered, failed"));
            conditions.add("status = :status");
            parameters.and("status", wanted);
        }
        if (endpoint != null) {
            conditions.add("endpoint = :endpoint");
            parameters.and("endpoint", endpoint.toUpperCase(java.util.Locale.ROOT));
        }
        if (type != null) {
            conditions.add("eventType = :type");
            parameters.and("type", type);
        }
        if (subject != null) {
            conditions.add("subject = :subject");
            parameters.and("subject", subject);
        }
        if (from != null) {
            conditions.add("createdAt >= :since");
            parameters.and("since", from);
        }
        if (to != null) {
            conditions.add("createdAt < :until");
            parameters.and("until", to);
        }
        // In long arithmetic: an offset near the largest int would otherwise wrap the range's end around.
        int last = (int) Math.min((long) first + pageSize - 1, Integer.MAX_VALUE);
        return DeliveryEntity.<DeliveryEntity>find(String.join(" and ", conditions), Sort.by("id", Sort.Direction.Descending),
                        parameters)
                .range(first, last).stream().map(d -> view(d, null)).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One delivery with every attempt")
    public DeliveryView get(@PathParam("id") String idText) {
        long id = AdminParameters.id("id", idText);
        DeliveryEntity delivery = DeliveryEntity.findById(id);
        if (delivery == null) {
            throw new RejectedRequestException(404, "not_found", "no delivery " + id);
        }
        return view(delivery, AttemptEntity.<AttemptEntity>find("deliveryId", Sort.by("id"), id).stream()
                .map(a -> new AttemptView(a.attemptedAt, a.statusCode, a.latencyMs, a.response, a.error)).toList());
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Attempt a delivery again now, with a fresh retry schedule")
    public DeliveryView retry(@PathParam("id") String idText) {
        long id = AdminParameters.id("id", idText);
        return recovery.retry(id).map(d -> view(d, null))
                .orElseThrow(() -> new RejectedRequestException(404, "not_found", "no delivery " + id));
    }

    private static DeliveryView view(DeliveryEntity d, List<AttemptView> attempts) {
        return new DeliveryView(d.id, d.endpoint, d.eventId, d.eventType, d.subject, d.channelKey, d.status.apiName(),
                d.attempts, d.nextAttemptAt, d.lastStatus, d.lastError, d.createdAt, d.deliveredAt, attempts);
    }
}
