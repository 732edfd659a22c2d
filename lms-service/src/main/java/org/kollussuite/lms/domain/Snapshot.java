package org.kollussuite.lms.domain;

/**
 * One LMS transmission: a cumulative snapshot of one viewing session ({@code startAt}) of one
 * learner on one content. Within a session every value only grows.
 *
 * @param playtimePercent the player's own playtime percent, null when not sent
 * @param blockCount      0 when the snapshot carries no block information
 * @param raw             what the session keeps of it: the JSON document as received, or the flat parameters
 * @param normalized      the {@link Normalization} rules applied while reading it, as a bit set
 */
public record Snapshot(ProgressKey key, long startAt, long playtime, long realPlaytime, Integer lastPosition,
                       Integer duration, Integer playtimePercent, int blockCount, boolean[] watched, int[] time,
                       int[] percent, String playerId, String raw, int normalized) {

    /** The same snapshot, its session keeping {@code kept} instead of {@link #raw}. */
    public Snapshot withRaw(String kept) {
        return new Snapshot(key, startAt, playtime, realPlaytime, lastPosition, duration, playtimePercent, blockCount,
                watched, time, percent, playerId, kept, normalized);
    }

    /** Whether this snapshot is later in the learner's history than (session, playtime). */
    boolean isAfter(long session, long sessionPlaytime) {
        return startAt > session || (startAt == session && playtime > sessionPlaytime);
    }
}
