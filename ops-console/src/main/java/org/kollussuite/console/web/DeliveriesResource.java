package org.kollussuite.console.web;

import io.quarkus.qute.Template;
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

import java.time.Instant;
import java.util.List;

/** The delivery log filtered by endpoint, state, event type and time; one delivery with every attempt; retry. */
@Path("/deliveries")
@Produces(MediaType.TEXT_HTML)
public class DeliveriesResource {

    static final List<String> STATES = List.of("pending", "delivered", "failed");
    private static final String BACK = "Back to deliveries";

    private final Template deliveries;
    private final Template delivery;
    private final AdminApis apis;
    private final Pages pages;
    private final ConsoleConfig config;

    public DeliveriesResource(Template deliveries, Template delivery, AdminApis apis, Pages pages, ConsoleConfig config) {
        this.deliveries = deliveries;
        this.delivery = delivery;
        this.apis = apis;
        this.pages = pages;
        this.config = config;
    }

    @GET
    public Response list(@QueryParam("endpoint") String endpointText, @QueryParam("status") String statusText,
                         @QueryParam("type") String typeText, @QueryParam("subject") String subjectText,
                         @QueryParam("since") String sinceText, @QueryParam("until") String untilText,
                         @QueryParam("page") String pageText, @Context UriInfo uri) {
        Filters filters = new Filters();
        String endpoint = filters.text("Endpoint", endpointText);
        String status = filters.oneOf("State", statusText, STATES);
        String type = filters.text("Event type", typeText);
        String subject = filters.text("Subject", subjectText);
        Instant since = filters.instant("Since", sinceText);
        Instant until = filters.instant("Until", untilText);
        filters.range(since, until);
        int page = filters.page(pageText);
        int size = config.pageSize();
        Result<List<Views.Endpoint>> endpoints = apis.notifier(api -> api.endpoints());
        Result<List<Views.Delivery>> fetched = filters.valid()
                ? apis.notifier(api -> api.deliveries(status, endpoint, type, subject, Filters.parameter(since),
                Filters.parameter(until), Pager.limit(size), Pager.offset(page, size)))
                : Result.ok(null, List.of());
        int count = fetched.ok() ? fetched.value().size() : 0;
        return Response.status(filters.status()).entity(deliveries.data("nav", "deliveries")
                .data("problems", filters.problems())
                .data("endpoint", endpointText).data("status", statusText).data("type", typeText)
                .data("subject", subjectText).data("since", Filters.echo(since, sinceText)).data("until", Filters.echo(until, untilText))
                .data("states", STATES)
                .data("endpointNames", endpoints.ok() ? endpoints.value().stream().map(Views.Endpoint::name).toList()
                        : List.of())
                .data("result", fetched)
                .data("rows", fetched.ok() ? Pager.rows(fetched.value(), size) : List.of())
                .data("pager", Pager.of(uri, page, size, count))).build();
    }

    @GET
    @Path("/{id}")
    public Response one(@PathParam("id") String idText, @QueryParam("done") String done) {
        long id = Filters.id("Delivery", idText, "/deliveries", BACK);
        Result<Views.Delivery> found = apis.notifier(api -> api.delivery(id));
        return Response.status(found.notFound() ? 404 : 200).entity(delivery.data("nav", "deliveries").data("id", id)
                .data("delivery", found).data("retried", "retried".equals(done))).build();
    }

    @POST
    @Path("/{id}/retry")
    public Response retry(@PathParam("id") String idText) {
        long id = Filters.id("Delivery", idText, "/deliveries", BACK);
        Result<Views.Delivery> retried = apis.notifier(api -> api.retry(id));
        if (!retried.ok()) {
            return pages.failed("Retry of delivery " + id, retried, "/deliveries", BACK);
        }
        return pages.seeOther("/deliveries/" + id + "?done=retried");
    }
}
