package org.kollussuite.console.client;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.util.List;

/** The admin API of notifier-service: endpoints, the delivery log, retries, replays. */
@Path("/api/v1")
public interface NotifierApi {

    @GET
    @Path("/endpoints")
    List<Views.Endpoint> endpoints();

    @POST
    @Path("/endpoints/{name}/enable")
    Views.Endpoint enable(@PathParam("name") String name);

    @POST
    @Path("/endpoints/{name}/replay")
    Views.Replay replay(@PathParam("name") String name, @QueryParam("since") String since,
                        @QueryParam("until") String until);

    @GET
    @Path("/replays/{id}")
    Views.Replay replayProgress(@PathParam("id") long id);

    @DELETE
    @Path("/replays/{id}")
    Views.Replay cancelReplay(@PathParam("id") long id);

    @GET
    @Path("/deliveries")
    List<Views.Delivery> deliveries(@QueryParam("status") String status, @QueryParam("endpoint") String endpoint,
                                    @QueryParam("type") String type, @QueryParam("subject") String subject,
                                    @QueryParam("since") String since, @QueryParam("until") String until,
                                    @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path("/deliveries/{id}")
    Views.Delivery delivery(@PathParam("id") long id);

    @POST
    @Path("/deliveries/{id}/retry")
    Views.Delivery retry(@PathParam("id") long id);
}
