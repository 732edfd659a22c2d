package org.kollussuite.commons.callback;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;

import java.util.Optional;

/**
 * Puts the channel's CORS headers on every answer of a configured channel's REST callback URLs, refusals
 * included, so that a web player can read a denial as well as a grant (suite contract §2).
 */
public class CorsResponseFilter {

    private final ChannelDirectory channels;

    public CorsResponseFilter(ChannelDirectory channels) {
        this.channels = channels;
    }

    @ServerResponseFilter
    public void addCorsHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(CallbackTokenFilter.CHANNELS_PATH)) {
            return;
        }
        Optional.ofNullable((Channel) request.getProperty(CallbackTokenFilter.CHANNEL_PROPERTY))
                .or(() -> channels.byKey(CallbackTokenFilter.channelKeyOf(path)))
                .ifPresent(channel -> CorsHeaders.answer(channel, request.getHeaderString(CorsHeaders.ORIGIN))
                        .forEach(response.getHeaders()::putSingle));
    }
}
