package org.kollussuite.commons.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;

import java.util.List;

/** Shows operators the channels this service loaded from its environment, secrets left out. */
@Path("/api/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
public class ChannelsResource {

    private final ChannelDirectory channels;

    public ChannelsResource(ChannelDirectory channels) {
        this.channels = channels;
    }

    /** One channel's effective settings. */
    public record ChannelView(String alias, String key, boolean ownCallbackToken, String playPolicy,
                              String playExpiration, long playPlaytimeLimit, boolean playVmcheck,
                              String playFailMode, String downloadPolicy, String downloadExpiration,
                              int downloadPlayCount, long downloadPlaytime, boolean downloadCheckAbuse,
                              String nextEpisodeOrder, String lmsJsonParam, int lmsCompletionPercent,
                              int lmsProgressStep, String corsOrigins) {

        static ChannelView of(Channel channel) {
            Channel c = channel;
            return new ChannelView(c.alias(), c.key(), c.ownCallbackToken(), c.playPolicy().name(),
                    c.playExpiration().toString(), c.playPlaytimeLimit(), c.playVmcheck(), c.playFailMode().name(),
                    c.downloadPolicy().name(), c.downloadExpiration().toString(), c.downloadPlayCount(),
                    c.downloadPlaytime(), c.downloadCheckAbuse(), c.nextEpisodeOrder().name(), c.lmsJsonParam(),
                    c.lmsCompletionPercent(), c.lmsProgressStep(), c.corsOrigins().toString());
        }
    }

    @GET
    public List<ChannelView> list() {
        return channels.all().stream().map(ChannelView::of).toList();
    }
}
