package org.kollussuite.commons.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.kollussuite.commons.callback.Secrets;

import java.util.Optional;

/** Requires {@code Authorization: Bearer <ADMIN_API_TOKEN>} on every {@code /api/**} request. */
public class AdminTokenFilter {

    public static final String API_PATH = "/api/";
    private static final String BEARER = "Bearer ";

    private final AdminConfig config;

    public AdminTokenFilter(AdminConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Optional<Response> checkBearer(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith(API_PATH)) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip() : null;
        if (Secrets.matches(presented, config.apiToken())) {
            return Optional.empty();
        }
        return Optional.of(Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type("application/json")
                .entity(new ApiError("unauthorized", "a valid bearer token is required"))
                .build());
    }
}
