package org.kollussuite.console.web;

import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.kollussuite.console.client.AdminApis;
import org.kollussuite.console.client.Result;
import org.kollussuite.console.config.ConsoleConfig;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Received callbacks: the platform's inbox (every callback, accepted, duplicate or rejected, with its raw
 * parameters) and the player's refused callbacks, which are all that service records. The LMS records no
 * refused callback: those it authenticated but cannot read are on the quarantine page.
 */
@Path("/callbacks")
@Produces(MediaType.TEXT_HTML)
public class CallbacksResource {

    static final List<String> SOURCES = List.of("platform", "player");
    static final List<String> TYPES = List.of("upload", "transcoding", "content-update", "channel-add", "channel-remove");
    static final List<String> STATUSES = List.of("accepted", "duplicate", "rejected");

    private final Template callbacks;
    private final AdminApis apis;
    private final ConsoleConfig config;

    public CallbacksResource(Template callbacks, AdminApis apis, ConsoleConfig config) {
        this.callbacks = callbacks;
        this.apis = apis;
        this.config = config;
    }

    @GET
    public Response list(@QueryParam("source") String sourceText, @QueryParam("type") String typeText,
                         @QueryParam("status") String statusText, @QueryParam("uploadFileKey") String keyText,
                         @QueryParam("since") String sinceText, @QueryParam("until") String untilText,
                         @QueryParam("page") String pageText, @Context UriInfo uri) {
        Filters filters = new Filters();
        String source = Objects.requireNonNullElse(filters.oneOf("Source", sourceText, SOURCES), "platform");
        String type = filters.oneOf("Type", typeText, TYPES);
        String status = filters.oneOf("Status", statusText, STATUSES);
        String uploadFileKey = filters.text("Upload file key", keyText);
        Instant since = filters.instant("Since", sinceText);
        Instant until = filters.instant("Until", untilText);
        filters.range(since, until);
        int page = filters.page(pageText);
        int size = config.pageSize();
        Result<? extends List<?>> fetched;
        if (!filters.valid()) {
            fetched = Result.ok(null, List.of());
        } else if (source.equals("platform")) {
            fetched = apis.platform(api -> api.callbacks(status, type, uploadFileKey, Filters.parameter(since), Filters.parameter(until),
                    Pager.limit(size), Pager.offset(page, size)));
        } else {
            fetched = apis.player(api -> api.rejected(Pager.limit(size), Pager.offset(page, size)));
        }
        int count = fetched.ok() ? fetched.value().size() : 0;
        return Response.status(filters.status()).entity(callbacks.data("nav", "callbacks")
                .data("problems", filters.problems())
                .data("source", source).data("type", typeText).data("status", statusText).data("uploadFileKey", keyText)
                .data("since", Filters.echo(since, sinceText)).data("until", Filters.echo(until, untilText))
                .data("sources", SOURCES).data("types", TYPES).data("statuses", STATUSES)
                .data("result", fetched)
                .data("rows", fetched.ok() ? Pager.rows(fetched.value(), size) : List.of())
                .data("pager", Pager.of(uri, page, size, count))).build();
    }
}
