package org.kollussuite.console.web;

import io.quarkus.qute.Template;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.kollussuite.console.client.AdminApis;
import org.kollussuite.console.client.Result;
import org.kollussuite.console.client.Views;

import java.time.Instant;
import java.util.List;

/** Webhook endpoints with their state and circuit; re-enabling one, and replaying an endpoint's range. */
@Path("/endpoints")
@Produces(MediaType.TEXT_HTML)
public class EndpointsResource {

    private final Template endpoints;
    private final AdminApis apis;
    private final Pages pages;

    public EndpointsResource(Template endpoints, AdminApis apis, Pages pages) {
        this.endpoints = endpoints;
        this.apis = apis;
        this.pages = pages;
    }

    @GET
    public Response list(@QueryParam("enabled") String enabled) {
        return render(200, List.of(), enabled);
    }

    @POST
    @Path("/{name}/enable")
    public Response enable(@PathParam("name") String name) {
        Result<Views.Endpoint> done = apis.notifier(api -> api.enable(name));
        if (!done.ok()) {
            return pages.failed("Re-enabling endpoint " + name, done, "/endpoints", "Back to endpoints");
        }
        return pages.seeOther("/endpoints?enabled=" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8));
    }

    @POST
    @Path("/{name}/replay")
    public Response replay(@PathParam("name") String name, @FormParam("since") String sinceText,
                           @FormParam("until") String untilText) {
        Filters filters = new Filters();
        Instant since = filters.instant("Since", sinceText);
        Instant until = filters.instant("Until", untilText);
        if (since == null && filters.valid()) {
            filters.problem("Since is required: the replay starts with the deliveries created at that time.");
        }
        filters.range(since, until);
        if (!filters.valid()) {
            return render(400, filters.problems(), null);
        }
        Result<Views.Replay> started = apis.notifier(api -> api.replay(name, since.toString(),
                Filters.parameter(until)));
        if (!started.ok()) {
            return pages.failed("Replay of endpoint " + name, started, "/endpoints", "Back to endpoints");
        }
        return pages.seeOther("/replays/" + started.value().id());
    }

    private Response render(int status, List<String> problems, String enabled) {
        return Response.status(status).entity(endpoints.data("nav", "endpoints").data("problems", problems)
                .data("enabled", enabled).data("result", apis.notifier(api -> api.endpoints()))).build();
    }
}
