package org.kollussuite.lms.domain;

/** One viewing session of a learner on a content, at its furthest snapshot so far. */
public final class Session {

    final long startAt;
    long playtime;
    long realPlaytime;
    Integer lastPosition;
    int blockCount;
    String playerId;
    int snapshots;
    String snapshot;
    int normalized;
    final String row;

    /** A session as stored in {@code row} (its physical address, for the write-back). */
    public Session(String row, long startAt, long playtime, long realPlaytime, Integer lastPosition, int blockCount,
                   String playerId, int snapshots, String snapshot, int normalized) {
        this.row = row;
        this.startAt = startAt;
        this.playtime = playtime;
        this.realPlaytime = realPlaytime;
        this.lastPosition = lastPosition;
        this.blockCount = blockCount;
        this.playerId = playerId;
        this.snapshots = snapshots;
        this.snapshot = snapshot;
        this.normalized = normalized;
    }

    /** The first snapshot of a session. */
    Session(Snapshot first) {
        this.startAt = first.startAt();
        this.playtime = first.playtime();
        this.realPlaytime = first.realPlaytime();
        this.lastPosition = first.lastPosition();
        this.blockCount = first.blockCount();
        this.playerId = first.playerId();
        this.snapshots = 1;
        this.snapshot = first.raw();
        this.normalized = first.normalized();
        this.row = null;
    }

    /** Where the session is stored, as read in this transaction; null for a session not stored yet. */
    public String row() {
        return row;
    }

    public long startAt() {
        return startAt;
    }

    public long playtime() {
        return playtime;
    }

    public long realPlaytime() {
        return realPlaytime;
    }

    public Integer lastPosition() {
        return lastPosition;
    }

    public int blockCount() {
        return blockCount;
    }

    public String playerId() {
        return playerId;
    }

    public int snapshots() {
        return snapshots;
    }

    public String snapshot() {
        return snapshot;
    }

    /** The {@link Normalization} rules applied to any of its snapshots, as a bit set. */
    public int normalized() {
        return normalized;
    }
}
