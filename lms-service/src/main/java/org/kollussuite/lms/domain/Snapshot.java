package org.kollussuite.lms.domain;

/**
 * One LMS transmission: a cumulative snapshot of one viewing session ({@code startAt}) of one
 * learner on one content. Within a session every value only grows.
 *
 * @param blockCount 0 when the snapshot carries no block information
 * @param raw        the JSON document as received
 */
public record Snapshot(ProgressKey key, long startAt, long playtime, long realPlaytime, Integer lastPosition,
                       Integer duration, int blockCount, boolean[] watched, int[] time, int[] percent,
                       String playerId, String raw) {

    /** Whether this snapshot is later in the learner's history than (session, playtime). */
    boolean isAfter(long session, long sessionPlaytime) {
        return startAt > session || (startAt == session && playtime > sessionPlaytime);
    }
}
