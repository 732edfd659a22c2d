package org.kollussuite.player.callback;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;
import org.kollussuite.player.config.PlayerConfig;
import org.kollussuite.player.config.PlayerSettings;
import org.kollussuite.player.domain.CallbackDecider;
import org.kollussuite.player.domain.DecisionMetrics;
import org.kollussuite.player.domain.DrmDecisions;
import org.kollussuite.player.domain.NextEpisodeDecisions;
import org.kollussuite.player.domain.PlayDecisions;

import java.util.Map;

/**
 * The URLs the Kollus player calls while a viewer waits. Every answer is HTTP 200 with a bare
 * HS256 JWT and the {@code X-Kollus-UserKey} header, a denial included; token and channel were
 * checked before this resource runs.
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
    public Response play(@PathParam("channel") String channel, byte[] body, @Context HttpHeaders headers,
                         @Context UriInfo uri, @Context HttpServerRequest request) {
        return answer(play, channel, body, headers, uri, request);
    }

    @POST
    @Path("/drm")
    @Operation(summary = "DRM download callback (kind 1 download, 2 download complete, 3 offline playback)")
    public Response drm(@PathParam("channel") String channel, byte[] body, @Context HttpHeaders headers,
                        @Context UriInfo uri, @Context HttpServerRequest request) {
        return answer(drm, channel, body, headers, uri, request);
    }

    @POST
    @Path("/next-episode")
    @Operation(summary = "Next-episode callback: the next content of the channel and a player URL for it")
    public Response nextEpisode(@PathParam("channel") String channel, byte[] body, @Context HttpHeaders headers,
                                @Context UriInfo uri, @Context HttpServerRequest request) {
        return answer(nextEpisode, channel, body, headers, uri, request);
    }

    private Response answer(CallbackDecider decider, String channelKey, byte[] body, HttpHeaders headers,
                            UriInfo uri, HttpServerRequest request) {
        long start = System.nanoTime();
        Channel channel = channels.byKey(channelKey).orElseThrow(() -> new RejectedRequestException(404,
                "unknown_channel", "channel '" + channelKey + "' is not configured"));
        String source = request.remoteAddress().hostAddress();
        Map<String, Object> payload;
        try {
            CallbackParameters parameters = CallbackParameters.ofBody(uri.getQueryParameters(),
                    headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body, config.maxBodySize().asLongValue());
            payload = decider.decide(channel, parameters, source);
        } catch (RejectedRequestException e) {
            payload = decider.refuse(channel, CallbackParameters.of(uri.getQueryParameters(), null), source, e.error(),
                    e.getMessage());
        } catch (RuntimeException e) {
            // The viewer still gets a signed answer; the operator gets the stack trace.
            LOG.errorf(e, "Unexpected failure deciding a %s callback on channel %s", decider.callback(), channel.alias());
            payload = decider.refuse(channel, CallbackParameters.of(uri.getQueryParameters(), null), source,
                    "internal_error", "The request could not be decided. Please try again.");
        }
        String token = settings.jwt().sign(payload);
        metrics.took(decider.callback(), start);
        return Response.ok(token, ANSWER_TYPE).header(USER_KEY_HEADER, settings.customKey()).build();
    }
}
