package org.kollussuite.player.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The ranges Kollus documents for answer fields. Every computed value passes through here before it
 * is signed: a value out of range blocks playback, and a wrong DRM expiry can never be revoked.
 */
public final class KollusLimits {

    /** 2029-12-31 23:59:59 GMT, the latest {@code expiration_date} Kollus accepts. */
    public static final long MAX_EXPIRATION_DATE = 1_893_455_999L;
    public static final int MAX_EXPIRATION_COUNT = 1000;
    public static final long MIN_DOWNLOAD_PLAYTIME = 60;
    public static final long MAX_DOWNLOAD_PLAYTIME = 604_800;
    /** The play callback documents no upper bound for {@code expiration_playtime}; it is a JSON integer. */
    public static final long MAX_PLAY_PLAYTIME = Integer.MAX_VALUE;

    private KollusLimits() {
    }

    /**
     * {@code expiration_date}: now + {@code duration} (zero = unlimited), never past {@code until} (the
     * entitlement's end, when it has one), never past {@link #MAX_EXPIRATION_DATE}; 0 means unlimited.
     */
    public static long expirationDate(Instant now, Duration duration, Instant until) {
        Instant end = duration.isZero() ? null : now.plus(duration);
        if (until != null && (end == null || until.isBefore(end))) {
            end = until;
        }
        if (end == null) {
            return 0;
        }
        return Math.max(1, Math.min(end.getEpochSecond(), MAX_EXPIRATION_DATE));
    }

    public static long expirationCount(long count) {
        return Math.max(0, Math.min(count, MAX_EXPIRATION_COUNT));
    }

    /** Downloads: 0 (unlimited) or 60 to 604800 seconds. */
    public static long downloadPlaytime(long seconds) {
        if (seconds <= 0) {
            return 0;
        }
        return Math.max(MIN_DOWNLOAD_PLAYTIME, Math.min(seconds, MAX_DOWNLOAD_PLAYTIME));
    }

    public static long playPlaytime(long seconds) {
        return Math.max(0, Math.min(seconds, MAX_PLAY_PLAYTIME));
    }

    /** Kollus flags are the integers 0 and 1, never booleans. */
    public static int flag(boolean value) {
        return value ? 1 : 0;
    }
}
