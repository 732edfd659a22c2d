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
import java.time.Instant;
import java.util.List;

/** A learner's entitlements; granting one (or updating it) and revoking one. */
@Path("/entitlements")
@Produces(MediaType.TEXT_HTML)
public class EntitlementsResource {

    private final Template entitlements;
    private final AdminApis apis;
    private final Pages pages;
    private final ConsoleConfig config;

    public EntitlementsResource(Template entitlements, AdminApis apis, Pages pages, ConsoleConfig config) {
        this.entitlements = entitlements;
        this.apis = apis;
        this.pages = pages;
        this.config = config;
    }

    @GET
    public Response list(@QueryParam("clientUserId") String userText, @QueryParam("page") String pageText,
                         @QueryParam("done") String done, @Context UriInfo uri) {
        Filters filters = new Filters();
        String user = filters.text("Learner", userText);
        int page = filters.page(pageText);
        return render(filters, user, userText, page, done, uri);
    }

    @POST
    public Response grant(@FormParam("clientUserId") String userText, @FormParam("channel") String channelText,
                          @FormParam("mediaContentKey") String contentText, @FormParam("validFrom") String fromText,
                          @FormParam("validUntil") String untilText, @FormParam("downloadAllowed") String download,
                          @Context UriInfo uri) {
        Filters filters = new Filters();
        String user = filters.text("Learner", userText);
        String channel = filters.text("Channel key", channelText);
        String content = filters.text("Media content key", contentText);
        Instant from = filters.instant("Valid from", fromText);
        Instant until = filters.instant("Valid until", untilText);
        filters.range(from, until);
        if (user == null || channel == null) {
            filters.problem("A grant needs the learner (client user id) and the channel key.");
        }
        if (!filters.valid()) {
            return render(filters, user, userText, 1, null, uri);
        }
        Result<Views.Entitlement> granted = apis.player(api -> api.grant(new Views.EntitlementRequest(user, channel,
                content, from, until, download != null)));
        if (!granted.ok()) {
            if (!granted.unreachable() && granted.status() == 400) {
                filters.problem(granted.problem() + ". Nothing was granted.");
                return render(filters, user, userText, 1, null, uri);
            }
            return pages.failed("Granting an entitlement to " + user, granted, back(user), "Back to entitlements");
        }
        return pages.seeOther(back(user) + "&done=granted");
    }

    @POST
    @Path("/{id}/revoke")
    public Response revoke(@PathParam("id") String idText, @FormParam("clientUserId") String userText) {
        long id = Filters.id("Entitlement", idText, "/entitlements", "Back to entitlements");
        String user = userText == null ? null : userText.strip();
        Result<Views.Entitlement> revoked = apis.player(api -> api.revoke(id));
        if (!revoked.ok()) {
            return pages.failed("Revoking entitlement " + id, revoked, back(user), "Back to entitlements");
        }
        return pages.seeOther(back(revoked.value().clientUserId()) + "&done=revoked");
    }

    private static String back(String user) {
        return "/entitlements?clientUserId=" + URLEncoder.encode(user == null ? "" : user, StandardCharsets.UTF_8);
    }

    private Response render(Filters filters, String user, String userText, int page, String done, UriInfo uri) {
        int size = config.pageSize();
        Result<List<Views.Entitlement>> fetched = filters.valid() && user != null
                ? apis.player(api -> api.entitlements(user, Pager.limit(size), Pager.offset(page, size)))
                : Result.ok(null, List.of());
        int count = fetched.ok() ? fetched.value().size() : 0;
        return Response.status(filters.status()).entity(entitlements.data("nav", "entitlements")
                .data("problems", filters.problems()).data("clientUserId", userText).data("searched", user != null)
                .data("done", done).data("result", fetched)
                .data("rows", fetched.ok() ? Pager.rows(fetched.value(), size) : List.of())
                .data("pager", Pager.of(uri, page, size, count))).build();
    }
}
