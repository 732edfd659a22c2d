package org.kollussuite.console.security;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.kollussuite.console.config.AdminTokenConfig;
import org.kollussuite.console.config.ConsoleConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The sign-in form, which takes the admin token, and signing out. Wrong tokens are throttled per source address
 * ({@link SignInThrottle}); a refused address gets {@code 429} with {@code Retry-After}.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    /** The longest return path followed; a longer one returns to the overview. */
    static final int MAX_NEXT = 2000;

    private static final Logger LOG = Logger.getLogger(SignInResource.class);

    private final Template signIn;
    private final Sessions sessions;
    private final AdminTokenConfig token;
    private final ConsoleConfig config;
    private final SignInThrottle throttle;

    public SignInResource(Template signIn, Sessions sessions, AdminTokenConfig token, ConsoleConfig config,
                          SignInThrottle throttle) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.token = token;
        this.config = config;
        this.throttle = throttle;
    }

    @GET
    @Path("sign-in")
    public TemplateInstance form(@QueryParam("next") String next) {
        return signIn.data("nav", "sign-in").data("next", safeNext(next)).data("problem", null).data("signedOut", false);
    }

    @POST
    @Path("sign-in")
    public Response signIn(@FormParam("token") String presented, @FormParam("next") String next,
                           HttpServerRequest request) {
        String address = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
        Optional<Duration> refused = throttle.refusedFor(address);
        if (refused.isPresent()) {
            long seconds = SignInThrottle.retryAfterSeconds(refused.get());
            return Response.status(Response.Status.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, seconds)
                    .entity(signIn.data("nav", "sign-in").data("next", safeNext(next))
                            .data("problem", "Too many wrong tokens were sent from your address. Try again in "
                                    + seconds + " seconds.")
                            .data("signedOut", false)).build();
        }
        if (!TokenCheck.matches(presented, token.apiToken())) {
            throttle.failed(address);
            LOG.info("a sign-in with a wrong token was refused");
            return Response.status(401).entity(signIn.data("nav", "sign-in").data("next", safeNext(next))
                    .data("problem", "That is not the admin token (ADMIN_API_TOKEN). Check it and try again.")
                    .data("signedOut", false)).build();
        }
        return Response.seeOther(URI.create(safeNext(next)))
                .cookie(SessionCookie.of(sessions.open(), config.secureCookie())).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut(@CookieParam(SessionCookie.NAME) String session) {
        sessions.close(session);
        return Response.ok(signIn.data("nav", "sign-in").data("next", "/").data("problem", null).data("signedOut", true))
                .cookie(SessionCookie.cleared(config.secureCookie())).build();
    }

    /**
     * Only a path of this console, as a valid URI in ASCII; anything else returns to the overview. An absolute or
     * protocol-relative URL would send the operator elsewhere, and browsers drop tabs and line breaks from a
     * URL and read a backslash as a slash, so {@code /<tab>/elsewhere} or {@code /\elsewhere} would too.
     */
    static String safeNext(String next) {
        if (next == null || next.length() > MAX_NEXT || !next.startsWith("/") || next.startsWith("//")
                || next.chars().anyMatch(c -> c <= ' ' || c == 0x7f || c == '\\')) {
            return "/";
        }
        try {
            URI uri = new URI(next);
            return uri.isAbsolute() || uri.getRawAuthority() != null || hasDotSegment(uri.getRawPath()) ? "/"
                    : uri.toASCIIString();
        } catch (URISyntaxException e) {
            return "/";
        }
    }

    /** A {@code .} or {@code ..} segment, escaped or not, which a browser resolves, {@code /..//x} into {@code //x}. */
    private static boolean hasDotSegment(String rawPath) {
        return Arrays.stream(rawPath.replace("%2e", ".").replace("%2E", ".").split("/", -1))
                .anyMatch(segment -> segment.equals(".") || segment.equals(".."));
    }
}
