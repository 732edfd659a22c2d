package org.kollussuite.commons.api;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.kollussuite.commons.callback.CallbackTokenFilter;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Answers in the JSON error shape what the HTTP layer would otherwise refuse with an empty page, before any
 * resource runs: a request target with a broken escape (or an admin path with a raw {@code ;}), a body declared over
 * {@code quarkus.http.limits.max-body-size}, a failure while reading. The query and body of a channel URL are
 * left to its service, which answers them in that URL's own shape (a signed denial, a quarantine).
 * The services run with {@value #URI_VALIDATION_OFF} so that such targets reach this check at all.
 */
@ApplicationScoped
public class FrameworkRefusals {

    /** The JVM option without which the HTTP layer answers a target {@link URI} refuses with an empty 400. */
    public static final String URI_VALIDATION_OFF = "vertx.disableURIValidation";

    /** Just ahead of Quarkus' own body limit, which answers an oversized body with an empty 413. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    private static final Logger LOG = Logger.getLogger(FrameworkRefusals.class);

    private final long maxBodySize;

    public FrameworkRefusals(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                             MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        // Routes without a path of their own: Vert.x fails every route with a path on a path it cannot decode.
        router.route().order(ORDER).handler(this::screen);
        router.route().order(ORDER).failureHandler(this::failed);
    }

    private void screen(RoutingContext context) {
        String uri = context.request().uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (path.startsWith(CallbackTokenFilter.CHANNELS_PATH)) {
            if (!readablePath(path)) {
                answer(context, 404, new ApiError("unknown_channel", "the channel in the path cannot be decoded"), false);
            } else {
                context.next();
            }
        } else if (!readablePath(path) || (query >= 0 && !readableQuery(uri.substring(query + 1)))) {
            answer(context, 400, new ApiError("invalid_parameter",
                    "the request target has a broken percent escape or a character that must be escaped"), false);
        } else if (path.startsWith(AdminTokenFilter.API_PATH) && path.indexOf(';') >= 0) {
            // The REST layer reads ';' as matrix parameters and then decodes the rest of the path a second time,
            // failing on what the first decoding made of %25. No admin path has matrix parameters.
            answer(context, 400, new ApiError("invalid_parameter",
                    "a path of the admin API holds no ';' (send it as %3B inside an id)"), false);
        } else if (declaredOverLimit(context.request().getHeader(HttpHeaders.CONTENT_LENGTH))) {
            answer(context, 413, new ApiError("payload_too_large",
                    "the body is larger than " + maxBodySize + " bytes"), true);
        } else {
            context.next();
        }
    }

    private void failed(RoutingContext context) {
        String path = context.request().path();
        if (context.response().ended() || (path != null && path.startsWith(CallbackTokenFilter.CHANNELS_PATH))) {
            context.next();
            return;
        }
        int status = context.statusCode() < 400 ? 500 : context.statusCode();
        if (status >= 500) {
            LOG.error("request failed", context.failure());
        }
        answer(context, status, switch (status) {
            case 400 -> new ApiError("invalid_parameter", "the request cannot be read");
            case 404 -> new ApiError("not_found", "no resource at this path");
            case 413 -> new ApiError("payload_too_large", "the body is larger than " + maxBodySize + " bytes");
            default -> status < 500 ? new ApiError("bad_request", "the request cannot be read")
                    : new ApiError("internal_error", "the request could not be processed");
        }, status == 413);
    }

    /** Whether the path is a valid URI path whose escapes all decode. */
    static boolean readablePath(String path) {
        try {
            new URI(path);
            QueryStringDecoder.decodeComponent(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            return true;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the query is valid in a URI and every escape in it decodes. */
    static boolean readableQuery(String query) {
        try {
            new URI("/?" + query);
            new QueryStringDecoder(query, StandardCharsets.UTF_8, false).parameters();
            return true;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    private boolean declaredOverLimit(String contentLength) {
        if (contentLength == null) {
            return false;
        }
        String digits = contentLength.strip();
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // The HTTP layer refuses an unreadable Content-Length itself, before any route.
            return false;
        }
        // More digits than a long holds is over any limit too.
        return digits.length() > 18 || Long.parseLong(digits) > maxBodySize;
    }

    private static void answer(RoutingContext context, int status, ApiError error, boolean close) {
        if (close) {
            // The body is not read: close once answered rather than take in what the client goes on sending.
            context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            context.addEndHandler(written -> context.request().connection().close());
        }
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(error));
    }
}
