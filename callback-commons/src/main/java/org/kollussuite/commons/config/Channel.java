package org.kollussuite.commons.config;

/**
 * One configured Kollus channel.
 *
 * @param alias         the operator's name for it, the {@code <ALIAS>} of its environment variables
 * @param key           the Kollus channel key
 * @param callbackToken the inbound token its URLs must carry
 * @param settings      every other setting
 */
public record Channel(String alias, String key, String callbackToken, ChannelSettings settings) {

    @Override
    public String toString() {
        return "Channel[alias=" + alias + ", key=" + key + "]";
    }
}
