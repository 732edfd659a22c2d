package org.kollussuite.commons.config;

import java.time.Duration;

/**
 * One configured Kollus channel, validated and typed.
 *
 * @param alias                the operator's name for it, the {@code <ALIAS>} of its environment variables
 * @param key                  the Kollus channel key
 * @param callbackToken        the inbound token its URLs must carry
 * @param ownCallbackToken     whether that token is the channel's own rather than the shared one
 * @param playExpiration       {@code expiration_date} = now + this; zero is unlimited
 * @param playPlaytimeLimit    seconds of playback allowed ({@code expiration_playtime}); 0 is unlimited
 * @param downloadPlayCount    {@code expiration_count} of downloads, 0 to 1000; 0 is unlimited
 * @param downloadPlaytime     {@code expiration_playtime} of downloads: 0 or 60 to 604800 seconds
 * @param downloadRevokedAction what offline playback of a download whose entitlement was revoked gets
 * @param lmsCompletionPercent progress at which a learner has completed a content
 * @param lmsProgressStep      a progress event each time progress crosses a multiple of this
 * @param corsOrigins          which web origins may read the answers of its URLs
 */
public record Channel(String alias, String key, String callbackToken, boolean ownCallbackToken,
                      AccessPolicy playPolicy, Duration playExpiration, long playPlaytimeLimit, boolean playVmcheck,
                      String playDenyMessage, FailMode playFailMode,
                      AccessPolicy downloadPolicy, Duration downloadExpiration, int downloadPlayCount,
                      long downloadPlaytime, boolean downloadCheckAbuse,
                      RevokedDownloadAction downloadRevokedAction,
                      EpisodeOrder nextEpisodeOrder,
                      String lmsJsonParam, int lmsCompletionPercent, int lmsProgressStep, CorsOrigins corsOrigins) {

    @Override
    public String toString() {
        return "Channel[alias=" + alias + ", key=" + key + "]";
    }
}
