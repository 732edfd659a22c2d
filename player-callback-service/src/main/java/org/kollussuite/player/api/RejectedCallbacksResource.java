package org.kollussuite.player.api;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;
import org.kollussuite.commons.api.AdminInput;
import org.kollussuite.commons.api.Paging;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.player.persistence.RejectedCallbackEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Player callbacks answered with a denial because they could not be decided, newest first. Decided
 * callbacks are not stored here: their decisions are events.
 */
@Path("/api/v1/callbacks")
@Produces(MediaType.APPLICATION_JSON)
public class RejectedCallbacksResource {

    /** One rejected callback. */
    public record RejectedCallbackView(long id, Instant receivedAt, String callback, String channel, String status,
                                       String error, String message, Map<String, String> parameters,
                                       String sourceAddress) {
    }

    @GET
    @Operation(summary = "Rejected player callbacks (status=rejected), filtered by callback and channel")
    public List<RejectedCallbackView> list(@RestQuery String status, @RestQuery String callback,
                                           @RestQuery String channel, @QueryParam("limit") Integer limit,
                                           @QueryParam("offset") Integer offset) {
        if (status != null && !status.isBlank() && !status.equalsIgnoreCase("rejected")) {
            throw RejectedRequestException.badRequest("invalid_parameter",
                    "only rejected player callbacks are recorded: status must be rejected or absent");
        }
        AdminInput.text("status", status);
        AdminInput.text("callback", callback);
        AdminInput.text("channel", channel);
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (callback != null && !callback.isBlank()) {
            conditions.add("callback = :callback");
            parameters.and("callback", callback);
        }
        if (channel != null && !channel.isBlank()) {
            conditions.add("channelKey = :channel");
            parameters.and("channel", channel);
        }
        int pageSize = Paging.limit(limit);
        int first = Paging.offset(offset);
        return RejectedCallbackEntity.<RejectedCallbackEntity>find(String.join(" and ", conditions),
                        Sort.by("receivedAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending), parameters)
                .range(first, first + pageSize - 1).stream()
                .map(e -> new RejectedCallbackView(e.id, e.receivedAt, e.callback, e.channelKey, "rejected", e.error,
                        e.message, e.parameters, e.sourceAddress))
                .toList();
    }
}
