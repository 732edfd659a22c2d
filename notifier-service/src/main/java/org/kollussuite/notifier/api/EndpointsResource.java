package org.kollussuite.notifier.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.notifier.config.ReplayLimit;
import org.kollussuite.notifier.config.Webhook;
import org.kollussuite.notifier.config.WebhookDirectory;
import org.kollussuite.notifier.delivery.Dispatcher;
import org.kollussuite.notifier.delivery.Recovery;
import org.kollussuite.notifier.persistence.DeliveryEntity;
import org.kollussuite.notifier.persistence.EndpointStateEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The configured endpoints with their state, and the actions on them (secrets are never shown). */
@Path("/api/v1/endpoints")
@Produces(MediaType.APPLICATION_JSON)
public class EndpointsResource {

    /** One endpoint: its settings, whether it is enabled, its circuit and its deliveries by status. */
    public record EndpointView(String name, String url, List<String> events, List<String> channels,
                               List<String> retrySchedule, String timeout, int maxInFlight, String state,
                               Instant disabledAt, String disabledReason, String circuit, int inFlight,
                               Map<String, Long> deliveries) {
    }

    private final WebhookDirectory webhooks;
    private final Dispatcher dispatcher;
    private final Recovery recovery;
    private final ReplayLimit replayLimit;

    public EndpointsResource(WebhookDirectory webhooks, Dispatcher dispatcher, Recovery recovery,
                             ReplayLimit replayLimit) {
        this.webhooks = webhooks;
        this.dispatcher = dispatcher;
        this.recovery = recovery;
        this.replayLimit = replayLimit;
    }

    @GET
    @Operation(summary = "Every endpoint with its state, circuit and delivery counts")
    public List<EndpointView> list() {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        List<Object[]> rows = DeliveryEntity.getEntityManager().createQuery(
                "select d.endpoint, d.status, count(d) from DeliveryEntity d group by d.endpoint, d.status", Object[].class)
                .getResultList();
        for (Object[] row : rows) {
            counts.computeIfAbsent((String) row[0], e -> new LinkedHashMap<>())
                    .put(row[1].toString().toLowerCase(Locale.ROOT), (Long) row[2]);
        }
        return webhooks.all().stream().map(w -> view(w, counts.getOrDefault(w.name(), Map.of()))).toList();
    }

    @POST
    @Path("/{name}/enable")
    @Operation(summary = "Re-enable an endpoint disabled by a 410 answer")
    public EndpointView enable(@PathParam("name") String name) {
        Webhook webhook = webhook(name);
        recovery.enable(webhook.name());
        return view(webhook, Map.of());
    }

    @POST
    @Path("/{name}/replay")
    @Operation(summary = "Deliver again, in the background, every delivery of the endpoint created in [since, until),"
            + " a range of at most NOTIFIER_REPLAY_MAX_RANGE")
    public Response replay(@PathParam("name") String name, @QueryParam("since") String since,
                           @QueryParam("until") String until) {
        Webhook webhook = webhook(name);
        Instant from = AdminParameters.instant("since", since);
        if (from == null) {
            throw RejectedRequestException.badRequest("missing_parameter", "since is required (an ISO-8601 instant)");
        }
        Instant given = AdminParameters.instant("until", until);
        Instant to = given == null ? Instant.now() : given;
        if (!to.isAfter(from)) {
            throw AdminParameters.invalid("until must be after since");
        }
        if (Duration.between(from, to).compareTo(replayLimit.maxRange()) > 0) {
            throw AdminParameters.invalid("a replay covers at most " + replayLimit.setting() + " (" + ReplayLimit.VARIABLE
                    + "); replay a longer period in parts");
        }
        return Response.accepted(ReplaysResource.view(recovery.replay(webhook.name(), from, to))).build();
    }

    private Webhook webhook(String name) {
        String wanted = AdminParameters.filter("name", name);
        return webhooks.byName(wanted).orElseThrow(() -> new RejectedRequestException(404, "not_found",
                "no endpoint named " + name));
    }

    private EndpointView view(Webhook webhook, Map<String, Long> counts) {
        EndpointStateEntity state = EndpointStateEntity.findById(webhook.name());
        boolean disabled = state != null && state.disabledAt != null;
        Dispatcher.Endpoint live = dispatcher.endpoints().get(webhook.name());
        return new EndpointView(webhook.name(), webhook.shownUrl(), webhook.eventPatterns(),
                List.copyOf(webhook.channelKeys()), webhook.retrySchedule().stream().map(Object::toString).toList(),
                webhook.timeout().toString(), webhook.maxInFlight(), disabled ? "disabled" : "enabled",
                disabled ? state.disabledAt : null, disabled ? state.disabledReason : null,
                live.circuit().state().name().toLowerCase(Locale.ROOT), live.inFlight(), counts);
    }
}
