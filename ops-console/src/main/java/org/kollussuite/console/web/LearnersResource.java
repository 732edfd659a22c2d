package org.kollussuite.console.web;

import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.kollussuite.console.client.AdminApis;
import org.kollussuite.console.client.Result;
import org.kollussuite.console.client.Views;
import org.kollussuite.console.config.ConsoleConfig;

import java.util.List;

/**
 * Learners' progress by user or by content, a content's summary for its course owner, and one learner's
 * progress on one content with its block map.
 */
@Path("/learners")
@Produces(MediaType.TEXT_HTML)
public class LearnersResource {

    private final Template learners;
    private final Template learner;
    private final AdminApis apis;
    private final ConsoleConfig config;

    public LearnersResource(Template learners, Template learner, AdminApis apis, ConsoleConfig config) {
        this.learners = learners;
        this.learner = learner;
        this.apis = apis;
        this.config = config;
    }

    @GET
    public Response list(@QueryParam("clientUserId") String userText, @QueryParam("mediaContentKey") String contentText,
                         @QueryParam("channel") String channelText, @QueryParam("page") String pageText,
                         @Context UriInfo uri) {
        Filters filters = new Filters();
        String user = filters.text("Learner", userText);
        String content = filters.text("Media content key", contentText);
        String channel = filters.text("Channel", channelText);
        int page = filters.page(pageText);
        int size = config.pageSize();
        boolean valid = filters.valid();
        Result<List<Views.Progress>> fetched = valid
                ? apis.lms(api -> api.progress(user, content, channel, Pager.limit(size), Pager.offset(page, size)))
                : Result.ok(null, List.of());
        Result<Views.ContentSummary> summary = valid && content != null && channel != null
                ? apis.lms(api -> api.summary(channel, content)) : null;
        int count = fetched.ok() ? fetched.value().size() : 0;
        return Response.status(filters.status()).entity(learners.data("nav", "learners")
                .data("problems", filters.problems())
                .data("clientUserId", userText).data("mediaContentKey", contentText).data("channel", channelText)
                .data("result", fetched).data("summary", summary)
                .data("rows", fetched.ok() ? Pager.rows(fetched.value(), size) : List.of())
                .data("pager", Pager.of(uri, page, size, count))).build();
    }

    @GET
    @Path("/{channel}/{mediaContentKey}/{clientUserId}")
    public Response one(@PathParam("channel") String channel, @PathParam("mediaContentKey") String mediaContentKey,
                        @PathParam("clientUserId") String clientUserId) {
        Result<Views.Progress> found = apis.lms(api -> api.one(channel, mediaContentKey, clientUserId));
        return Response.status(found.notFound() ? 404 : 200).entity(learner.data("nav", "learners")
                .data("channel", channel).data("mediaContentKey", mediaContentKey).data("clientUserId", clientUserId)
                .data("progress", found)).build();
    }
}
