package org.kollussuite.commons.callback;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.kollussuite.commons.api.ApiErrorMappers;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;
import org.kollussuite.commons.config.KollusConfig;

import java.util.Optional;

/**
 * Guards every {@code /callbacks/**} URL: the {@code token} query parameter must equal the channel's
 * token (or the shared one for platform callbacks), compared in constant time; an unknown channel
 * answers 404. Nothing behind a refused request runs, so nothing is stored.
 */
public class CallbackTokenFilter {

    public static final String CALLBACKS_PATH = "/callbacks/";
    public static final String CHANNELS_PATH = CALLBACKS_PATH + "channels/";
    /** The request property holding the {@link Channel} a channel callback was addressed to. */
    public static final String CHANNEL_PROPERTY = Channel.class.getName();

    private static final Logger LOG = Logger.getLogger(CallbackTokenFilter.class);

    private final ChannelDirectory channels;
    private final KollusConfig config;
    private final MeterRegistry registry;

    public CallbackTokenFilter(ChannelDirectory channels, KollusConfig config, MeterRegistry registry) {
        this.channels = channels;
        this.config = config;
        this.registry = registry;
    }

    @ServerRequestFilter(preMatching = true, priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Optional<Response> checkToken(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(CALLBACKS_PATH)) {
            return Optional.empty();
        }
        if (!path.startsWith(CHANNELS_PATH) && HttpMethod.OPTIONS.equals(request.getMethod())) {
            // Platform callbacks come from Kollus' servers, never from a browser: there is no preflight to answer.
            return Optional.of(Response.fromResponse(ApiErrorMappers.jsonResponse(405, new RejectedRequestException(405,
                    "method_not_allowed", "this path accepts POST only").toApiError())).header(HttpHeaders.ALLOW, "POST").build());
        }
        String presented = CallbackParameters.firstInQuery(http.query(), CallbackParameters.TOKEN);
        try {
            if (path.startsWith(CHANNELS_PATH)) {
                request.setProperty(CHANNEL_PROPERTY, authorize(path, channelKeyOf(path), presented, http.remoteAddress()));
            } else {
                requireToken(path, presented, config.callbackToken().orElse(null), http.remoteAddress());
            }
            return Optional.empty();
        } catch (RejectedRequestException e) {
            return Optional.of(ApiErrorMappers.jsonResponse(e.status(), e.toApiError()));
        }
    }

    /**
     * The channel that a callback to {@code path}, addressed to {@code channelKey}, reaches with the token it
     * presented; otherwise a 404 (unknown channel) or 401 refusal, logged and counted. Callback routes served
     * outside the REST layer call it themselves.
     */
    public Channel authorize(String path, String channelKey, String presented, SocketAddress remote) {
        Channel channel = channels.byKey(channelKey).orElseThrow(() -> {
            LOG.warnf("Refused callback %s from %s: channel '%s' is not configured", path, remote, channelKey);
            count("unknown_channel");
            return new RejectedRequestException(404, "unknown_channel", "channel '" + channelKey + "' is not configured");
        });
        requireToken(path, presented, channel.callbackToken(), remote);
        return channel;
    }

    private void requireToken(String path, String presented, String expected, SocketAddress remote) {
        if (!Secrets.matches(presented, expected)) {
            LOG.warnf("Refused callback %s from %s: %s token", path, remote, presented == null ? "missing" : "wrong");
            count("unauthorized");
            throw new RejectedRequestException(401, "unauthorized",
                    presented == null ? "the token query parameter is missing" : "the token is not valid");
        }
    }

    private void count(String reason) {
        registry.counter("kollus.callbacks.refused", "reason", reason).increment();
    }

    /** The channel key in a {@code /callbacks/channels/{channel}/...} path. */
    static String channelKeyOf(String path) {
        String rest = path.substring(CHANNELS_PATH.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
