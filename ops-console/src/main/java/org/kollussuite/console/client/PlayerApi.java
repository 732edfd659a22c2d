package org.kollussuite.console.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The admin API of player-callback-service: entitlements and refused player callbacks. */
@Path("/api/v1")
public interface PlayerApi {

    @GET
    @Path("/entitlements")
    List<Views.Entitlement> entitlements(@QueryParam("clientUserId") String clientUserId,
                                         @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @PUT
    @Path("/entitlements")
    @Consumes(MediaType.APPLICATION_JSON)
    Views.Entitlement grant(Views.EntitlementRequest request);

    @DELETE
    @Path("/entitlements/{id}")
    Views.Entitlement revoke(@PathParam("id") long id);

    @GET
    @Path("/callbacks")
    List<Views.RejectedCallback> rejected(@QueryParam("limit") int limit, @QueryParam("offset") int offset);
}
