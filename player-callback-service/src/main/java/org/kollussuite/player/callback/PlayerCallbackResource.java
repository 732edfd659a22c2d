package org.kollussuite.player.callback;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.BoundedBody;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.callback.CallbackTokenFilter;
import org.kollussuite.commons.callback.CorsHeaders;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;
import org.kollussuite.player.config.PlayerConfig;
import org.kollussuite.player.config.PlayerSettings;
import org.kollussuite.player.domain.CallbackDecider;
import org.kollussuite.player.domain.DecisionMetrics;
import org.kollussuite.player.domain.DrmDecisions;
import org.kollussuite.player.domain.NextEpisodeDecisions;
import org.kollussuite.player.domain.PlayDecisions;

import java.io.InputStream;
import java.util.Map;

/**
 * The URLs the Kollus player calls while a viewer waits. Every answer is HTTP 200 with a bare
 * HS256 JWT and the {@code X-Kollus-UserKey} header, a denial included; token and channel were
 * checked before this resource runs. Bodies are read under their limit as they arrive, never buffered
 * whole first.
 */
@Path("/callbacks/channels/{channel}")
@Consumes(MediaType.WILDCARD)
@Produces(PlayerCallbackResource.ANSWER_TYPE)
public class PlayerCallbackResource {

    public static final String USER_KEY_HEADER = "X-Kollus-UserKey";
    public static final String ANSWER_TYPE = "text/plain; charset=utf-8";

    private static final Logger LOG = Logger.getLogger(PlayerCallbackResource.class);

    private final ChannelDirectory channels;
    private final PlayerSettings settings;
    private final PlayerConfig config;
    private final DecisionMetrics metrics;
    private final PlayDecisions play;
    private final DrmDecisions drm;
    private final NextEpisodeDecisions nextEpisode;

    public PlayerCallbackResource(ChannelDirectory channels, PlayerSettings settings, PlayerConfig config,
                                  DecisionMetrics metrics, PlayDecisions play, DrmDecisions drm,
                                  NextEpisodeDecisions nextEpisode) {
        this.channels = channels;
        this.settings = settings;
        this.config = config;
        this.metrics = metrics;
        this.play = play;
        this.drm = drm;
        this.nextEpisode = nextEpisode;
    }

    @POST
    @Path("/play")
    @Operation(summary = "Play callback (kind 1 before playback, kind 3 when the player is ready)")
    public Response play(@PathParam("channel") String channel, InputStream body, @Context HttpHeaders headers,
                         @Context RoutingContext routing) {
        return answer(play, config.maxBodySize(), channel, body, headers, routing);
    }

    @POST
    @Path("/drm")
    @Operation(summary = "DRM download callback (kind 1 download, 2 download complete, 3 offline playback)")
    public Response drm(@PathParam("channel") String channel, InputStream body, @Context HttpHeaders headers,
                        @Context RoutingContext routing) {
        return answer(drm, config.drmMaxBodySize(), channel, body, headers, routing);
    }

    @POST
    @Path("/next-episode")
    @Operation(summary = "Next-episode callback: the next content of the channel and a player URL for it")
    public Response nextEpisode(@PathParam("channel") String channel, InputStream body, @Context HttpHeaders headers,
                                @Context RoutingContext routing) {
        return answer(nextEpisode, config.maxBodySize(), channel, body, headers, routing);
    }

    @OPTIONS
    @Path("/play")
    @Operation(summary = "CORS preflight of a web player, token and channel checked as for the POST")
    public Response playPreflight(@Context ContainerRequestContext request) {
        return preflight(request);
    }

    @OPTIONS
    @Path("/drm")
    @Operation(summary = "CORS preflight of a web player, token and channel checked as for the POST")
    public Response drmPreflight(@Context ContainerRequestContext request) {
        return preflight(request);
    }

    @OPTIONS
    @Path("/next-episode")
    @Operation(summary = "CORS preflight of a web player, token and channel checked as for the POST")
    public Response nextEpisodePreflight(@Context ContainerRequestContext request) {
        return preflight(request);
    }

    private static Response preflight(ContainerRequestContext request) {
        Channel channel = (Channel) request.getProperty(CallbackTokenFilter.CHANNEL_PROPERTY);
        Response.ResponseBuilder answer = Response.noContent();
        CorsHeaders.preflight(channel, request.getHeaderString(CorsHeaders.ORIGIN),
                request.getHeaderString(CorsHeaders.REQUEST_HEADERS)).forEach(answer::header);
        return answer.build();
    }

    private Response answer(CallbackDecider decider, MemorySize maxBodySize, String channelKey, InputStream body,
                            HttpHeaders headers, RoutingContext routing) {
        long start = System.nanoTime();
        Channel channel = channels.byKey(channelKey).orElseThrow(() -> new RejectedRequestException(404,
                "unknown_channel", "channel '" + channelKey + "' is not configured"));
        String source = routing.request().remoteAddress().hostAddress();
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        Map<String, Object> payload;
        boolean unread = false;
        byte[] bytes = new byte[0];
        try {
            long limit = maxBodySize.asLongValue();
            try {
                bytes = BoundedBody.read(body, headers.getHeaderString(HttpHeaders.CONTENT_LENGTH), limit);
            } catch (RejectedRequestException e) {
                unread = true;
                throw e;
            }
            CallbackParameters parameters = CallbackParameters.ofBody(CallbackParameters.query(routing.request().query()), contentType,
                    bytes, limit);
            payload = decider.decide(channel, parameters, source);
        } catch (RejectedRequestException e) {
            payload = decider.refuse(channel, CallbackParameters.asReceived(routing.request().query(), contentType, bytes),
                    source, e.error(), e.getMessage());
        } catch (RuntimeException e) {
            // The viewer still gets a signed answer; the operator gets the stack trace.
            LOG.errorf(e, "Unexpected failure deciding a %s callback on channel %s", decider.callback(), channel.alias());
            payload = decider.refuse(channel, CallbackParameters.asReceived(routing.request().query(), contentType, bytes),
                    source, "internal_error", e.toString());
        }
        String token = settings.jwt().sign(payload);
        metrics.took(decider.callback(), start);
        Response.ResponseBuilder answer = Response.ok(token, ANSWER_TYPE).header(USER_KEY_HEADER, settings.customKey());
        if (unread) {
            // What is left of a body refused for its size is never read: the connection closes once the
            // answer is out, since otherwise the server would keep taking in whatever the client goes on sending.
            answer.header("Connection", "close");
            routing.addEndHandler(written -> routing.request().connection().close());
        }
        return answer.build();
    }
}
