package org.kollussuite.commons.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.kollussuite.commons.callback.Secrets;

import java.time.Duration;
import java.util.Optional;

/**
 * Requires {@code Authorization: Bearer <ADMIN_API_TOKEN>} on every {@code /api/**} request; a source address
 * that failed too often is answered 429 with {@code Retry-After}, its token not even checked, until its window ends.
 */
public class AdminTokenFilter {

    public static final String API_PATH = "/api/";
    private static final String BEARER = "Bearer ";

    private final AdminConfig config;
    private final FailureThrottle throttle;

    public AdminTokenFilter(AdminConfig config) {
        this.config = config;
        this.throttle = new FailureThrottle(config.apiFailureLimit(), config.apiFailureWindow());
    }

    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Optional<Response> checkBearer(ContainerRequestContext request, HttpServerRequest connection) {
        if (!request.getUriInfo().getPath().startsWith(API_PATH)) {
            return Optional.empty();
        }
        String address = connection.remoteAddress() == null ? "" : connection.remoteAddress().hostAddress();
        Optional<Duration> refused = throttle.refusedFor(address);
        if (refused.isPresent()) {
            return Optional.of(Response.status(429)
                    .header(HttpHeaders.RETRY_AFTER, FailureThrottle.retryAfterSeconds(refused.get()))
                    .type("application/json")
                    .entity(new ApiError("too_many_requests", "too many failed bearer tokens from this address"))
                    .build());
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip() : null;
        if (Secrets.matches(presented, config.apiToken())) {
            return Optional.empty();
        }
        throttle.failed(address);
        return Optional.of(Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type("application/json")
                .entity(new ApiError("unauthorized", "a valid bearer token is required"))
                .build());
    }
}
