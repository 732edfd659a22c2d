package org.kollussuite.console.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.util.List;

/** The admin API of platform-callback-service: the inbox and the content catalog. */
@Path("/api/v1")
public interface PlatformApi {

    @GET
    @Path("/callbacks")
    List<Views.Callback> callbacks(@QueryParam("status") String status, @QueryParam("type") String type,
                                   @QueryParam("uploadFileKey") String uploadFileKey, @QueryParam("since") String since,
                                   @QueryParam("until") String until, @QueryParam("limit") int limit,
                                   @QueryParam("offset") int offset);

    @GET
    @Path("/contents")
    List<Views.Content> contents(@QueryParam("channel") String channel, @QueryParam("status") String status,
                                 @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path("/contents/{uploadFileKey}")
    Views.Content content(@PathParam("uploadFileKey") String uploadFileKey);
}
