package org.kollussuite.console.web;

import io.quarkus.qute.Template;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The LMS quarantine filtered by channel, reason and status; re-applying one entry, or all of a channel. */
@Path("/quarantine")
@Produces(MediaType.TEXT_HTML)
public class QuarantineResource {

    static final List<String> REASONS = List.of("malformed_form", "malformed_json", "unsupported_media_type",
            "body_too_large", "missing_parameter", "invalid_number", "invalid_parameter", "refused_by_database");
    static final List<String> STATUSES = List.of("quarantined", "applied");
    private static final String BACK = "Back to the LMS quarantine";

    private final Template quarantine;
    private final AdminApis apis;
    private final Pages pages;
    private final ConsoleConfig config;

    public QuarantineResource(Template quarantine, AdminApis apis, Pages pages, ConsoleConfig config) {
        this.quarantine = quarantine;
        this.apis = apis;
        this.pages = pages;
        this.config = config;
    }

    @GET
    public Response list(@QueryParam("channel") String channelText, @QueryParam("reason") String reasonText,
                         @QueryParam("status") String statusText, @QueryParam("page") String pageText,
                         @QueryParam("done") String done, @QueryParam("entry") String entry,
                         @QueryParam("applied") String applied, @QueryParam("stillQuarantined") String stillQuarantined,
                         @Context UriInfo uri) {
        Filters filters = new Filters();
        String channel = filters.text("Channel", channelText);
        String reason = filters.oneOf("Reason", reasonText, REASONS);
        String status = filters.oneOf("Status", statusText, STATUSES);
        int page = filters.page(pageText);
        int size = config.pageSize();
        Result<List<Views.QuarantineEntry>> fetched = filters.valid()
                ? apis.lms(api -> api.quarantine(channel, reason, status, Pager.limit(size), Pager.offset(page, size)))
                : Result.ok(null, List.of());
        int count = fetched.ok() ? fetched.value().size() : 0;
        return Response.status(filters.status()).entity(quarantine.data("nav", "quarantine")
                .data("problems", filters.problems())
                .data("channel", channelText).data("reason", reasonText).data("status", statusText)
                .data("channelKey", channel).data("reasons", REASONS).data("statuses", STATUSES)
                .data("done", done).data("entry", entry).data("applied", applied)
                .data("stillQuarantined", stillQuarantined)
                .data("result", fetched)
                .data("rows", fetched.ok() ? Pager.rows(fetched.value(), size) : List.of())
                .data("pager", Pager.of(uri, page, size, count))).build();
    }

    @POST
    @Path("/{id}/apply")
    public Response reapply(@PathParam("id") String idText, @FormParam("channel") String channel,
                            @FormParam("reason") String reason, @FormParam("status") String status) {
        String back = back(channel, reason, status);
        long id = Filters.id("Quarantine entry", idText, back, BACK);
        Result<Views.QuarantineEntry> reapplied = apis.lmsAction(api -> api.reapply(id));
        if (!reapplied.ok()) {
            return pages.failed("Re-applying quarantine entry " + id, reapplied, back, BACK);
        }
        String done = "applied".equals(reapplied.value().status()) ? "applied" : "still-quarantined";
        return pages.seeOther(back + "&done=" + done + "&entry=" + id);
    }

    @POST
    @Path("/apply")
    public Response reapplyChannel(@FormParam("channel") String channelText, @FormParam("reason") String reason,
                                   @FormParam("status") String status) {
        String channel = channelText == null ? "" : channelText.strip();
        String back = back(channel, reason, status);
        if (channel.isEmpty()) {
            throw new BadInputException("No channel to re-apply",
                    "Re-applying all of a channel needs its channel key: filter the quarantine by channel first.",
                    back, BACK);
        }
        Result<Views.Reapplied> reapplied = apis.lmsAction(api -> api.reapplyChannel(channel));
        if (!reapplied.ok()) {
            return pages.failed("Re-applying the quarantine of channel " + channel, reapplied, back, BACK);
        }
        return pages.seeOther(back + "&done=channel&applied=" + reapplied.value().applied()
                + "&stillQuarantined=" + reapplied.value().quarantined());
    }

    /** The list with the filters the action was sent from, so that the operator lands where they were. */
    private static String back(String channel, String reason, String status) {
        return "/quarantine?channel=" + encode(channel) + "&reason=" + encode(reason) + "&status=" + encode(status);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
