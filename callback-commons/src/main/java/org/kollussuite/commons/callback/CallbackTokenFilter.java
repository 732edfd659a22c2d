package org.kollussuite.commons.callback;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.kollussuite.commons.api.ApiError;
import org.kollussuite.commons.api.ApiErrorMappers;
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
        String presented = request.getUriInfo().getQueryParameters().getFirst(CallbackParameters.TOKEN);
        String expected;
        if (path.startsWith(CHANNELS_PATH)) {
            String channelKey = channelKeyOf(path);
            Optional<Channel> channel = channels.byKey(channelKey);
            if (channel.isEmpty()) {
                LOG.warnf("Refused callback %s from %s: channel '%s' is not configured", path, http.remoteAddress(),
                        channelKey);
                count("unknown_channel");
                return Optional.of(ApiErrorMappers.jsonResponse(404, new ApiError("unknown_channel",
                        "channel '" + channelKey + "' is not configured")));
            }
            request.setProperty(CHANNEL_PROPERTY, channel.get());
            expected = channel.get().callbackToken();
        } else {
            expected = config.callbackToken().orElse(null);
        }
        if (!Secrets.matches(presented, expected)) {
            LOG.warnf("Refused callback %s from %s: %s token", path, http.remoteAddress(),
                    presented == null ? "missing" : "wrong");
            count("unauthorized");
            return Optional.of(ApiErrorMappers.jsonResponse(401, new ApiError("unauthorized",
                    presented == null ? "the token query parameter is missing" : "the token is not valid")));
        }
        return Optional.empty();
    }

    private void count(String reason) {
        registry.counter("kollus.callbacks.refused", "reason", reason).increment();
    }

    private static String channelKeyOf(String path) {
        String rest = path.substring(CHANNELS_PATH.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
