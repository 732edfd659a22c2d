package org.kollussuite.console.security;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * What every answer of the console carries so that a browser cannot be turned against it, and the refusal of a
 * request target the framework cannot read. Its pages load their one script and style sheet as files from
 * {@code /static/} and hold no inline script, style or event handler, so {@code 'self'} is all the policy allows.
 */
@ApplicationScoped
public class BrowserDefenses {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'none'; object-src 'none'";
    /** The console's URLs carry learners' ids and keys an operator searched for: no other site learns them. */
    public static final String REFERRER_POLICY = "no-referrer";
    public static final String FRAME_OPTIONS = "DENY";
    public static final String CONTENT_TYPE_OPTIONS = "nosniff";

    /** Ahead of every route with a path: Vert.x fails those on a path it cannot decode, before they run. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    private final Template error;

    public BrowserDefenses(@Location("error") Template error) {
        this.error = error;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::screen);
    }

    private void screen(RoutingContext context) {
        // Set as the headers go out, so that answers of the framework's own handlers carry them too.
        context.addHeadersEndHandler(ignored -> secure(context.response().headers()));
        if (readable(context.request().uri())) {
            context.next();
            return;
        }
        context.response().setStatusCode(400)
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_HTML + ";charset=UTF-8")
                .end(error.data("title", "Address refused")
                        .data("message", "This address has a broken percent escape or a character that must be "
                                + "escaped, so the console cannot read it. Nothing was changed. Go back and follow a "
                                + "link of the console instead.")
                        .data("nav", "bare").render());
    }

    static void secure(MultiMap headers) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", CONTENT_TYPE_OPTIONS)
                .set("Referrer-Policy", REFERRER_POLICY)
                .set("X-Frame-Options", FRAME_OPTIONS);
    }

    /** Whether the request target is a valid URI reference whose every escape decodes. */
    static boolean readable(String target) {
        if (target == null) {
            return false;
        }
        try {
            new URI(target);
            int query = target.indexOf('?');
            String path = query < 0 ? target : target.substring(0, query);
            QueryStringDecoder.decodeComponent(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (query >= 0) {
                new QueryStringDecoder(target.substring(query + 1), StandardCharsets.UTF_8, false).parameters();
            }
            return true;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }
}
