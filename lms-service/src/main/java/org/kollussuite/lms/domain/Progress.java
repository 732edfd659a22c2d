package org.kollussuite.lms.domain;

import org.kollussuite.lms.mapping.ProgressBasis;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A learner's progress on one content, merged from every session's snapshots so that the result
 * does not depend on the order, or the number of times, snapshots arrive:
 * <ul>
 *   <li>blocks: watched = OR, time and percent = max, across every snapshot;</li>
 *   <li>playtime and real playtime: the sum over sessions of each session's furthest value;</li>
 *   <li>last position: from the latest snapshot (latest session, then furthest playtime); duration and the
 *       player's playtime percent: the largest reported;</li>
 *   <li>block count: the most recent session's. Snapshots with another count are mapped onto it by
 *       position: block {@code j} of {@code m} takes the block of the other count containing its
 *       midpoint. When a newer session brings a new count, what was merged so far is mapped the
 *       same way. Exact for one change of count; percent never counts a block twice;</li>
 *   <li>percent, by the channel's {@link ProgressBasis}: watched blocks * 100 / block count, or real
 *       playtime * 100 / duration (the playtime percent when either is unknown), rounded down, at most
 *       100 and never lower than before; completed once it reaches the channel's
 *       {@code LMS_COMPLETION_PERCENT}, and never un-completed.</li>
 * </ul>
 */
public final class Progress {

    final ProgressKey key;
    int blockCount;
    long blockCountSession;
    boolean[] watched;
    int[] time;
    int[] percentByBlock;
    int watchedBlocks;
    int percent;
    Integer playtimePercent;
    long playtime;
    long realPlaytime;
    Integer duration;
    Integer lastPosition;
    long lastPositionSession;
    long lastPositionPlaytime;
    int sessionCount;
    Instant completedAt;
    int normalized;
    private final Map<Long, Session> sessions = new HashMap<>();
    private boolean changed;

    /** A learner's stored progress (a new learner's is all zeros). */
    public Progress(ProgressKey key, int blockCount, long blockCountSession, boolean[] watched, int[] time,
                    int[] percentByBlock, int percent, Integer playtimePercent, long playtime, long realPlaytime,
                    Integer duration, Integer lastPosition, long lastPositionSession, long lastPositionPlaytime,
                    int sessionCount, Instant completedAt, int normalized) {
        this.key = key;
        this.blockCount = blockCount;
        this.blockCountSession = blockCountSession;
        this.watched = watched;
        this.time = time;
        this.percentByBlock = percentByBlock;
        this.percent = percent;
        this.playtimePercent = playtimePercent;
        this.playtime = playtime;
        this.realPlaytime = realPlaytime;
        this.duration = duration;
        this.lastPosition = lastPosition;
        this.lastPositionSession = lastPositionSession;
        this.lastPositionPlaytime = lastPositionPlaytime;
        this.sessionCount = sessionCount;
        this.completedAt = completedAt;
        this.normalized = normalized;
        countWatched();
    }

    /** Makes a stored session of this progress known before snapshots are applied. */
    public void knowSession(Session session) {
        sessions.put(session.startAt, session);
    }

    /**
     * Merges {@code snapshot} and answers whether anything changed: a repeated or older snapshot of a
     * session changes nothing.
     */
    public boolean apply(Snapshot snapshot, ProgressBasis basis, int completionPercent, Instant now) {
        boolean advanced = applySession(snapshot);
        boolean blocksChanged = applyBlocks(snapshot);
        boolean positionChanged = false;
        if (snapshot.lastPosition() != null && snapshot.isAfter(lastPositionSession, lastPositionPlaytime)) {
            positionChanged = !snapshot.lastPosition().equals(lastPosition) || lastPositionSession != snapshot.startAt();
            lastPosition = snapshot.lastPosition();
            lastPositionSession = snapshot.startAt();
            lastPositionPlaytime = snapshot.playtime();
        }
        boolean reported = false;
        if (snapshot.duration() != null && (duration == null || snapshot.duration() > duration)) {
            duration = snapshot.duration();
            reported = true;
        }
        if (snapshot.playtimePercent() != null && (playtimePercent == null || snapshot.playtimePercent() > playtimePercent)) {
            playtimePercent = snapshot.playtimePercent();
            reported = true;
        }
        if (blocksChanged) {
            countWatched();
        }
        int before = percent;
        percent = Math.max(percent, computedPercent(basis));
        if (completedAt == null && percent >= completionPercent) {
            completedAt = now;
        }
        normalized |= snapshot.normalized();
        boolean any = advanced || blocksChanged || positionChanged || reported || percent != before;
        changed |= any;
        return any;
    }

    private int computedPercent(ProgressBasis basis) {
        boolean byBlocks = basis == ProgressBasis.BLOCKS || (basis == ProgressBasis.AUTO && blockCount > 0);
        if (byBlocks) {
            return blockCount == 0 ? 0 : watchedBlocks * 100 / blockCount;
        }
        if (duration != null && duration > 0 && realPlaytime > 0) {
            return (int) Math.min(100, realPlaytime * 100 / duration);
        }
        return playtimePercent == null ? 0 : Math.min(100, playtimePercent);
    }

    private boolean applySession(Snapshot snapshot) {
        Session session = sessions.get(snapshot.startAt());
        if (session == null) {
            session = new Session(snapshot);
            sessions.put(snapshot.startAt(), session);
            sessionCount++;
            playtime += snapshot.playtime();
            realPlaytime += snapshot.realPlaytime();
            return true;
        }
        session.snapshots++;
        session.normalized |= snapshot.normalized();
        boolean advanced = false;
        if (snapshot.playtime() > session.playtime) {
            playtime += snapshot.playtime() - session.playtime;
            session.playtime = snapshot.playtime();
            session.lastPosition = snapshot.lastPosition();
            session.snapshot = snapshot.raw();
            advanced = true;
        }
        if (snapshot.realPlaytime() > session.realPlaytime) {
            realPlaytime += snapshot.realPlaytime() - session.realPlaytime;
            session.realPlaytime = snapshot.realPlaytime();
            advanced = true;
        }
        if (snapshot.blockCount() > 0) {
            session.blockCount = snapshot.blockCount();
        }
        return advanced;
    }

    private boolean applyBlocks(Snapshot snapshot) {
        int count = snapshot.blockCount();
        if (count == 0) {
            return false;
        }
        boolean changedCount = false;
        if (blockCount == 0) {
            blockCount = count;
            blockCountSession = snapshot.startAt();
            watched = new boolean[count];
            time = new int[count];
            percentByBlock = new int[count];
            changedCount = true;
        } else if (count != blockCount && snapshot.startAt() > blockCountSession) {
            watched = remap(watched, count);
            time = remap(time, count);
            percentByBlock = remap(percentByBlock, count);
            blockCount = count;
            blockCountSession = snapshot.startAt();
            changedCount = true;
        } else if (count == blockCount && snapshot.startAt() > blockCountSession) {
            blockCountSession = snapshot.startAt();
        }
        boolean changedBlocks = changedCount;
        for (int j = 0; j < blockCount; j++) {
            int source = sourceBlock(j, blockCount, count);
            if (snapshot.watched()[source] && !watched[j]) {
                watched[j] = true;
                changedBlocks = true;
            }
            if (snapshot.time()[source] > time[j]) {
                time[j] = snapshot.time()[source];
                changedBlocks = true;
            }
            if (snapshot.percent()[source] > percentByBlock[j]) {
                percentByBlock[j] = snapshot.percent()[source];
                changedBlocks = true;
            }
        }
        return changedBlocks;
    }

    /** The block of a {@code from}-block division that contains the midpoint of block {@code j} of {@code to}. */
    static int sourceBlock(int j, int to, int from) {
        return to == from ? j : (int) Math.min(from - 1, ((2L * j + 1) * from) / (2L * to));
    }

    private static boolean[] remap(boolean[] values, int to) {
        boolean[] mapped = new boolean[to];
        for (int j = 0; j < to; j++) {
            mapped[j] = values[sourceBlock(j, to, values.length)];
        }
        return mapped;
    }

    private static int[] remap(int[] values, int to) {
        int[] mapped = new int[to];
        for (int j = 0; j < to; j++) {
            mapped[j] = values[sourceBlock(j, to, values.length)];
        }
        return mapped;
    }

    private void countWatched() {
        int count = 0;
        for (boolean block : watched) {
            if (block) {
                count++;
            }
        }
        watchedBlocks = count;
    }

    public boolean changed() {
        return changed;
    }

    /** The sessions this batch created or advanced, or that received a snapshot. */
    public Iterable<Session> sessions() {
        return sessions.values();
    }

    public ProgressKey key() {
        return key;
    }

    public int blockCount() {
        return blockCount;
    }

    public long blockCountSession() {
        return blockCountSession;
    }

    public boolean[] watched() {
        return Arrays.copyOf(watched, watched.length);
    }

    public int[] time() {
        return Arrays.copyOf(time, time.length);
    }

    public int[] percentByBlock() {
        return Arrays.copyOf(percentByBlock, percentByBlock.length);
    }

    public int watchedBlocks() {
        return watchedBlocks;
    }

    public int percent() {
        return percent;
    }

    public Integer playtimePercent() {
        return playtimePercent;
    }

    /** The {@link Normalization} rules applied to any of its snapshots, as a bit set. */
    public int normalized() {
        return normalized;
    }

    public long playtime() {
        return playtime;
    }

    public long realPlaytime() {
        return realPlaytime;
    }

    public Integer duration() {
        return duration;
    }

    public Integer lastPosition() {
        return lastPosition;
    }

    public long lastPositionSession() {
        return lastPositionSession;
    }

    public long lastPositionPlaytime() {
        return lastPositionPlaytime;
    }

    public int sessionCount() {
        return sessionCount;
    }

    public Instant completedAt() {
        return completedAt;
    }
}
