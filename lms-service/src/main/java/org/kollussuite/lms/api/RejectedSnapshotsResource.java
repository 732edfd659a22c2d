package org.kollussuite.lms.api;

import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;
import org.kollussuite.commons.api.Paging;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.lms.persistence.RejectedSnapshotEntity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Refused LMS callbacks, newest first; accepted snapshots live on as progress and sessions. */
@Path("/api/v1/callbacks")
@Produces(MediaType.APPLICATION_JSON)
public class RejectedSnapshotsResource {

    /** One refused callback. */
    public record RejectedSnapshotView(long id, Instant receivedAt, String channel, String status, String error,
                                       String message, Map<String, String> parameters, String sourceAddress) {
    }

    @GET
    @Operation(summary = "Rejected LMS callbacks (status=rejected), optionally of one channel")
    public List<RejectedSnapshotView> list(@RestQuery String status, @RestQuery String channel,
                                           @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        if (status != null && !status.isBlank() && !status.equalsIgnoreCase("rejected")) {
            throw RejectedRequestException.badRequest("invalid_parameter",
                    "only rejected LMS callbacks are recorded: status must be rejected or absent");
        }
        int pageSize = Paging.limit(limit);
        int first = Paging.offset(offset);
        Sort newestFirst = Sort.by("receivedAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending);
        return (channel == null || channel.isBlank()
                ? RejectedSnapshotEntity.<RejectedSnapshotEntity>findAll(newestFirst)
                : RejectedSnapshotEntity.<RejectedSnapshotEntity>find("channelKey", newestFirst, channel))
                .range(first, first + pageSize - 1).stream()
                .map(e -> new RejectedSnapshotView(e.id, e.receivedAt, e.channelKey, "rejected", e.error, e.message,
                        e.parameters, e.sourceAddress))
                .toList();
    }
}
