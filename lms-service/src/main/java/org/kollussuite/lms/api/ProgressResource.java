package org.kollussuite.lms.api;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;
import org.kollussuite.commons.api.Paging;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.lms.persistence.ProgressEntity;

import java.util.ArrayList;
import java.util.List;

/** Learners' progress for the LMS and course owners. */
@Path("/api/v1/progress")
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {

    /** How a content is doing across its learners. */
    public record ContentSummary(String channel, String mediaContentKey, long learners, double averagePercent,
                                 long completions) {
    }

    @GET
    @Operation(summary = "Progress filtered by learner, content and channel, most recently updated first")
    public List<ProgressView> list(@RestQuery String clientUserId, @RestQuery String mediaContentKey,
                                   @RestQuery String channel, @QueryParam("limit") String limit,
                                   @QueryParam("offset") String offset) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        String user = AdminParameters.id("clientUserId", clientUserId);
        if (user != null) {
            conditions.add("clientUserId = :user");
            parameters.and("user", user);
        }
        String content = AdminParameters.id("mediaContentKey", mediaContentKey);
        if (content != null) {
            conditions.add("mediaContentKey = :content");
            parameters.and("content", content);
        }
        String channelKey = AdminParameters.id("channel", channel);
        if (channelKey != null) {
            conditions.add("channelKey = :channel");
            parameters.and("channel", channelKey);
        }
        int pageSize = Paging.limit(AdminParameters.integer("limit", limit));
        int first = Paging.offset(AdminParameters.integer("offset", offset));
        int last = (int) Math.min(Integer.MAX_VALUE, (long) first + pageSize - 1);
        return ProgressEntity.<ProgressEntity>find(String.join(" and ", conditions),
                        Sort.by("updatedAt", Sort.Direction.Descending).and("id"), parameters)
                .range(first, last).stream().map(ProgressView::of).toList();
    }

    @GET
    @Path("/{channel}/{mediaContentKey}/{clientUserId}")
    @Operation(summary = "One learner's progress on one content")
    public ProgressView one(@PathParam("channel") String channel, @PathParam("mediaContentKey") String mediaContentKey,
                            @PathParam("clientUserId") String clientUserId) {
        AdminParameters.id("channel", channel);
        AdminParameters.id("mediaContentKey", mediaContentKey);
        AdminParameters.id("clientUserId", clientUserId);
        return ProgressEntity.<ProgressEntity>find("channelKey = ?1 and mediaContentKey = ?2 and clientUserId = ?3",
                        channel, mediaContentKey, clientUserId)
                .firstResultOptional().map(ProgressView::of)
                .orElseThrow(() -> new RejectedRequestException(404, "not_found",
                        "no progress of " + clientUserId + " on " + mediaContentKey + " in channel " + channel));
    }

    @GET
    @Path("/{channel}/{mediaContentKey}")
    @Operation(summary = "A content's learners, average progress and completions, for course owners")
    public ContentSummary summary(@PathParam("channel") String channel,
                                  @PathParam("mediaContentKey") String mediaContentKey) {
        AdminParameters.id("channel", channel);
        AdminParameters.id("mediaContentKey", mediaContentKey);
        Object[] row = (Object[]) ProgressEntity.getEntityManager().createQuery("""
                        select count(p), coalesce(avg(p.percent), 0), count(p.completedAt)
                          from ProgressEntity p where p.channelKey = ?1 and p.mediaContentKey = ?2
                        """)
                .setParameter(1, channel).setParameter(2, mediaContentKey).getSingleResult();
        double average = ((Number) row[1]).doubleValue();
        return new ContentSummary(channel, mediaContentKey, ((Number) row[0]).longValue(),
                Math.round(average * 10) / 10.0, ((Number) row[2]).longValue());
    }
}
