package org.kollussuite.console.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** The readiness endpoint every service has. */
@Path("/q/health")
public interface HealthApi {

    @GET
    @Path("/ready")
    Response ready();
}
