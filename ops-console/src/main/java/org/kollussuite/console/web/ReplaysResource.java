package org.kollussuite.console.web;

import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.kollussuite.console.client.AdminApis;
import org.kollussuite.console.client.Result;
import org.kollussuite.console.client.Views;

/** A replay's progress (the page reloads itself while it runs) and cancelling it. */
@Path("/replays")
@Produces(MediaType.TEXT_HTML)
public class ReplaysResource {

    private static final String BACK = "Back to endpoints";

    private final Template replay;
    private final AdminApis apis;
    private final Pages pages;

    public ReplaysResource(Template replay, AdminApis apis, Pages pages) {
        this.replay = replay;
        this.apis = apis;
        this.pages = pages;
    }

    @GET
    @Path("/{id}")
    public Response show(@PathParam("id") String idText) {
        long id = Filters.id("Replay", idText, "/endpoints", BACK);
        Result<Views.Replay> found = apis.notifier(api -> api.replayProgress(id));
        return Response.status(found.notFound() ? 404 : 200)
                .entity(replay.data("nav", "endpoints").data("id", id).data("replay", found)).build();
    }

    @POST
    @Path("/{id}/cancel")
    public Response cancel(@PathParam("id") String idText) {
        long id = Filters.id("Replay", idText, "/endpoints", BACK);
        Result<Views.Replay> cancelled = apis.notifier(api -> api.cancelReplay(id));
        if (!cancelled.ok()) {
            return pages.failed("Cancelling replay " + id, cancelled, "/endpoints", BACK);
        }
        return pages.seeOther("/replays/" + id);
    }
}
