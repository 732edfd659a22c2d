package org.kollussuite.notifier.config;

import org.kollussuite.commons.logging.SecretRedactingFilter;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured webhook endpoint, validated and typed.
 *
 * @param name          the operator's name for it, the {@code <NAME>} of its variables
 * @param secretKey     the decoded signing key of its {@code whsec_} secret
 * @param eventPatterns event-type patterns: exact types, {@code prefix.*} or {@code *}
 * @param channelKeys   channel keys it receives; empty for every channel
 * @param retrySchedule delays after each failed attempt; after the last the delivery is dead
 */
public record Webhook(String name, URI url, byte[] secretKey, List<String> eventPatterns, Set<String> channelKeys,
                      List<Duration> retrySchedule, Duration timeout, int maxInFlight) {

    /** The user info of a URL ({@code //user:password@}), which holds a credential when present. */
    private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/?#]*@");

    /** The URL as answers and logs show it: {@link #shown(String)}. */
    public String shownUrl() {
        return shown(url.toString());
    }

    /**
     * {@code url} with its user info and its secret query parameters (such as {@code token}) masked: an
     * operator may put a receiver's credentials in the URL, and they must appear nowhere else.
     */
    public static String shown(String url) {
        return SecretRedactingFilter.redact(USER_INFO.matcher(url).replaceFirst(SecretRedactingFilter.MASK + "@"));
    }

    /**
     * Whether an event of {@code type} with channel {@code channelKey} (null when it has none) goes
     * here. An endpoint with a channel filter receives only events of those channels.
     */
    public boolean accepts(String type, String channelKey) {
        boolean typeMatches = eventPatterns.stream().anyMatch(pattern -> matches(pattern, type));
        if (!typeMatches) {
            return false;
        }
        return channelKeys.isEmpty() || (channelKey != null && channelKeys.contains(channelKey));
    }

    static boolean matches(String pattern, String type) {
        if (pattern.equals("*")) {
            return type.startsWith("kollus.");
        }
        if (pattern.endsWith(".*")) {
            return type.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(type);
    }

    @Override
    public String toString() {
        return "Webhook[" + name + " -> " + shownUrl() + "]";
    }
}
