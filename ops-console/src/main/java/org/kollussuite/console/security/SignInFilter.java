package org.kollussuite.console.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Lets nothing of the console through without a live session: a browser is sent to the sign-in page, a
 * program (one that does not ask for HTML) gets {@code 401}. Only the sign-in page and the style sheet and
 * script are public; health and metrics are served outside these pages.
 */
public class SignInFilter {

    public static final String SIGN_IN_PATH = "/sign-in";
    static final String STATIC_PATH = "/static/";

    private final Sessions sessions;

    public SignInFilter(Sessions sessions) {
        this.sessions = sessions;
    }

    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Optional<Response> requireSession(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.equals(SIGN_IN_PATH) || path.startsWith(STATIC_PATH)) {
            return Optional.empty();
        }
        Cookie cookie = request.getCookies().get(SessionCookie.NAME);
        if (sessions.touch(cookie == null ? null : cookie.getValue())) {
            return Optional.empty();
        }
        if (!wantsHtml(request)) {
            return Optional.of(Response.status(401).type(MediaType.TEXT_PLAIN)
                    .entity("Sign in at " + SIGN_IN_PATH + " first.").build());
        }
        String next = "GET".equals(request.getMethod()) ? request.getUriInfo().getRequestUri().getRawPath()
                + Optional.ofNullable(request.getUriInfo().getRequestUri().getRawQuery()).map(q -> "?" + q).orElse("")
                : "/";
        // Encoded by hand: UriBuilder would read braces in the received path as template variables.
        return Optional.of(Response.seeOther(URI.create(SIGN_IN_PATH + "?next="
                + URLEncoder.encode(SignInResource.safeNext(next), StandardCharsets.UTF_8))).build());
    }

    private static boolean wantsHtml(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML);
    }
}
