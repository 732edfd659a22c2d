package org.kollussuite.console.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.util.List;

/** The admin API of lms-service: learners' progress and refused LMS callbacks. */
@Path("/api/v1")
public interface LmsApi {

    @GET
    @Path("/progress")
    List<Views.Progress> progress(@QueryParam("clientUserId") String clientUserId,
                                  @QueryParam("mediaContentKey") String mediaContentKey,
                                  @QueryParam("channel") String channel, @QueryParam("limit") int limit,
                                  @QueryParam("offset") int offset);

    @GET
    @Path("/progress/{channel}/{mediaContentKey}/{clientUserId}")
    Views.Progress one(@PathParam("channel") String channel, @PathParam("mediaContentKey") String mediaContentKey,
                       @PathParam("clientUserId") String clientUserId);

    @GET
    @Path("/progress/{channel}/{mediaContentKey}")
    Views.ContentSummary summary(@PathParam("channel") String channel,
                                 @PathParam("mediaContentKey") String mediaContentKey);

    @GET
    @Path("/callbacks")
    List<Views.RejectedCallback> rejected(@QueryParam("limit") int limit, @QueryParam("offset") int offset);
}
