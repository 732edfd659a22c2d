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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The content catalog, and one content with its channels and the deliveries its events caused. */
@Path("/contents")
@Produces(MediaType.TEXT_HTML)
public class ContentsResource {

    static final List<String> STATES = List.of("uploaded", "transcoded", "transcoding-failed", "unknown");
    /** Deliveries shown per subject on a content's page; the deliveries page has them all. */
    static final int DELIVERIES_PER_SUBJECT = 50;

    private final Template contents;
    private final Template content;
    private final AdminApis apis;
    private final ConsoleConfig config;

    public ContentsResource(Template contents, Template content, AdminApis apis, ConsoleConfig config) {
        this.contents = contents;
        this.content = content;
        this.apis = apis;
        this.config = config;
    }

    @GET
    public Response list(@QueryParam("channel") String channelText, @QueryParam("status") String statusText,
                         @QueryParam("page") String pageText, @Context UriInfo uri) {
        Filters filters = new Filters();
        String channel = filters.text("Channel", channelText);
        String status = filters.oneOf("Transcoding state", statusText, STATES);
        int page = filters.page(pageText);
        int size = config.pageSize();
        Result<List<Views.Content>> fetched = filters.valid()
                ? apis.platform(api -> api.contents(channel, status, Pager.limit(size), Pager.offset(page, size)))
                : Result.ok(null, List.of());
        int count = fetched.ok() ? fetched.value().size() : 0;
        return Response.status(filters.status()).entity(contents.data("nav", "contents")
                .data("problems", filters.problems()).data("channel", channelText).data("status", statusText)
                .data("states", STATES).data("result", fetched)
                .data("rows", fetched.ok() ? Pager.rows(fetched.value(), size) : List.of())
                .data("pager", Pager.of(uri, page, size, count))).build();
    }

    @GET
    @Path("/{uploadFileKey}")
    public Response one(@PathParam("uploadFileKey") String uploadFileKey) {
        Result<Views.Content> found = apis.platform(api -> api.content(uploadFileKey));
        Set<String> subjects = new LinkedHashSet<>();
        subjects.add(uploadFileKey);
        if (found.ok() && found.value().channels() != null) {
            found.value().channels().forEach(m -> subjects.add(m.mediaContentKey()));
        }
        Result<List<Views.Delivery>> deliveries = apis.notifier(api -> {
            List<Views.Delivery> all = new ArrayList<>();
            for (String subject : subjects) {
                all.addAll(api.deliveries(null, null, null, subject, null, null, DELIVERIES_PER_SUBJECT, 0));
            }
            all.sort(Comparator.comparingLong(Views.Delivery::id).reversed());
            return all;
        });
        int status = found.ok() ? 200 : found.notFound() ? 404 : 200;
        return Response.status(status).entity(content.data("nav", "contents").data("uploadFileKey", uploadFileKey)
                .data("perSubject", DELIVERIES_PER_SUBJECT)
                .data("content", found).data("deliveries", deliveries)).build();
    }
}
