package org.kollussuite.commons.callback;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

import java.util.Map;

/** A callback endpoint of the test application: answers the parameters it read. */
@Path("/callbacks")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_JSON)
public class EchoCallbackResource {

    @POST
    @Path("/platform/echo")
    public Map<String, String> platform(MultivaluedMap<String, String> form, @Context UriInfo uri) {
        return CallbackParameters.of(uri.getQueryParameters(), form).asMap();
    }

    @POST
    @Path("/channels/{channel}/echo")
    public Map<String, String> channel(@PathParam("channel") String channel, MultivaluedMap<String, String> form,
                                       HttpServerRequest http) {
        // As the channel services do: the raw query, so that a broken escape is this resource's own refusal.
        CallbackParameters parameters = CallbackParameters.of(CallbackParameters.query(http.query()), form);
        parameters.json("uservalues");
        return parameters.asMap();
    }

    @POST
    @Path("/platform/explode")
    public String explode() {
        throw new IllegalStateException("unexpected failure");
    }
}
