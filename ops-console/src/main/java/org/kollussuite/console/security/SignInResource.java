package org.kollussuite.console.security;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.kollussuite.console.config.AdminTokenConfig;
import org.kollussuite.console.config.ConsoleConfig;

import java.net.URI;

/** The sign-in form, which takes the admin token, and signing out. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    private static final Logger LOG = Logger.getLogger(SignInResource.class);

    private final Template signIn;
    private final Sessions sessions;
    private final AdminTokenConfig token;
    private final ConsoleConfig config;

    public SignInResource(Template signIn, Sessions sessions, AdminTokenConfig token, ConsoleConfig config) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.token = token;
        this.config = config;
    }

    @GET
    @Path("sign-in")
    public TemplateInstance form(@QueryParam("next") String next) {
        return signIn.data("nav", "sign-in").data("next", safeNext(next)).data("problem", null).data("signedOut", false);
    }

    @POST
    @Path("sign-in")
    public Response signIn(@FormParam("token") String presented, @FormParam("next") String next) {
        if (!TokenCheck.matches(presented, token.apiToken())) {
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

    /** Only a path of this console: an absolute or protocol-relative URL would send the operator elsewhere. */
    static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }
}
