package org.kollussuite.lms.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;
import org.kollussuite.commons.api.Paging;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.lms.domain.UnreadableSnapshotException.Reason;
import org.kollussuite.lms.quarantine.QuarantineStore;
import org.kollussuite.lms.quarantine.QuarantinedSnapshot;
import org.kollussuite.lms.quarantine.QuarantinedSnapshot.Status;
import org.kollussuite.lms.quarantine.Reapplication;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Quarantined LMS snapshots, newest first, and their re-application after a channel's mapping was fixed. */
@Path("/api/v1/quarantine")
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineResource {

    private final QuarantineStore store;
    private final Reapplication reapplication;

    public QuarantineResource(QuarantineStore store, Reapplication reapplication) {
        this.store = store;
        this.reapplication = reapplication;
    }

    /** One quarantined snapshot: what was received, the token removed, and why it was kept. */
    public record QuarantineView(long id, Instant receivedAt, String channel, String reason, String message,
                                 String status, boolean reappliable, String contentType, Map<String, String> parameters,
                                 String body, String sourceAddress, Instant appliedAt) {

        static QuarantineView of(QuarantinedSnapshot e) {
            Map<String, String> parameters = new LinkedHashMap<>();
            e.query().forEach((name, values) -> parameters.put(name, values.isEmpty() ? "" : values.get(0)));
            return new QuarantineView(e.id(), e.receivedAt(), e.channelKey(), e.reason(), e.message(),
                    e.status().label(), e.reappliable(), e.contentType(), parameters,
                    new String(e.body(), StandardCharsets.UTF_8), e.sourceAddress(), e.appliedAt());
        }
    }

    /** What re-applying a channel did. */
    public record ReapplicationView(int applied, int quarantined) {
    }

    @GET
    @Operation(summary = "Quarantined LMS snapshots, newest first, optionally of one channel, reason or status")
    public List<QuarantineView> list(@RestQuery String channel, @RestQuery String reason, @RestQuery String status,
                                     @QueryParam("limit") String limit, @QueryParam("offset") String offset)
            throws SQLException {
        String reasonLabel = AdminParameters.id("reason", reason);
        if (reasonLabel != null && Reason.ofLabel(reasonLabel) == null) {
            throw RejectedRequestException.badRequest("invalid_parameter", "reason must be one of "
                    + String.join(", ", Arrays.stream(Reason.values()).map(Reason::label).toList()));
        }
        return store.page(AdminParameters.id("channel", channel), reasonLabel, status(status),
                        Paging.offset(AdminParameters.integer("offset", offset)),
                        Paging.limit(AdminParameters.integer("limit", limit)))
                .stream().map(QuarantineView::of).toList();
    }

    @POST
    @Path("/{id}/apply")
    @Operation(summary = "Reads one quarantined snapshot again with its channel's current mapping and merges it")
    public QuarantineView apply(@PathParam("id") String entry) throws SQLException {
        long id = AdminParameters.longId("id", entry);
        return reapplication.apply(id).map(QuarantineView::of).orElseThrow(() -> new RejectedRequestException(404,
                "not_found", "no quarantined snapshot " + id));
    }

    @POST
    @Path("/apply")
    @Operation(summary = "Re-applies every quarantined snapshot of a channel, oldest first")
    public ReapplicationView applyChannel(@RestQuery String channel) throws SQLException {
        String channelKey = AdminParameters.id("channel", channel);
        if (channelKey == null) {
            throw RejectedRequestException.badRequest("missing_parameter", "channel (a channel key) is required");
        }
        Reapplication.Outcome outcome = reapplication.applyChannel(channelKey);
        return new ReapplicationView(outcome.applied(), outcome.quarantined());
    }

    private static Status status(String status) {
        if (AdminParameters.id("status", status) == null) {
            return null;
        }
        try {
            return Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RejectedRequestException.badRequest("invalid_parameter", "status must be quarantined or applied");
        }
    }
}
