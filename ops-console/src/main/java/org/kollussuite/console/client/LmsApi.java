package org.kollussuite.console.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import java.util.List;

/** The admin API of lms-service: learners' progress and the quarantine of LMS callbacks it could not read. */
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
    @Path("/quarantine")
    List<Views.QuarantineEntry> quarantine(@QueryParam("channel") String channel, @QueryParam("reason") String reason,
                                           @QueryParam("status") String status, @QueryParam("limit") int limit,
                                           @QueryParam("offset") int offset);

    @POST
    @Path("/quarantine/{id}/apply")
    Views.QuarantineEntry reapply(@PathParam("id") long id);

    @POST
    @Path("/quarantine/apply")
    Views.Reapplied reapplyChannel(@QueryParam("channel") String channel);
}
