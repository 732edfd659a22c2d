package org.kollussuite.notifier.api;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.notifier.delivery.Recovery;
import org.kollussuite.notifier.persistence.ReplayJobEntity;

import java.time.Instant;

/** Progress and cancellation of replays started with {@code POST /api/v1/endpoints/{name}/replay}. */
@Path("/api/v1/replays")
@Produces(MediaType.APPLICATION_JSON)
public class ReplaysResource {

    /** A replay: how many deliveries of the range, how many put back so far. */
    public record ReplayView(long id, String endpoint, Instant since, Instant until, String status, int total,
                             int replayed, Instant createdAt, Instant finishedAt) {
    }

    private final Recovery recovery;

    public ReplaysResource(Recovery recovery) {
        this.recovery = recovery;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A replay's progress")
    public ReplayView get(@PathParam("id") String idText) {
        long id = AdminParameters.id("id", idText);
        ReplayJobEntity job = ReplayJobEntity.findById(id);
        if (job == null) {
            throw new RejectedRequestException(404, "not_found", "no replay " + id);
        }
        return view(job);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a running replay after its current chunk")
    public ReplayView cancel(@PathParam("id") String idText) {
        long id = AdminParameters.id("id", idText);
        return recovery.cancel(id).map(ReplaysResource::view)
                .orElseThrow(() -> new RejectedRequestException(404, "not_found", "no replay " + id));
    }

    static ReplayView view(ReplayJobEntity job) {
        return new ReplayView(job.id, job.endpoint, job.since, job.until, job.status, job.total, job.replayed,
                job.createdAt, job.finishedAt);
    }
}
