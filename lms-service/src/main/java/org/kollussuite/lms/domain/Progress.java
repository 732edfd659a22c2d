package org.kollussuite.lms.domain;

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
 *   <li>last position: from the latest snapshot (latest session, then furthest playtime);</li>
 *   <li>block count: the most recent session's. Snapshots with another count are mapped onto it by
 *       position: block {@code j} of {@code m} takes the block of the other count containing its
 *       midpoint. When a newer session brings a new count, what was merged so far is mapped the
 *       same way. Exact for one change of count; percent never counts a block twice;</li>
 *   <li>percent = watched blocks * 100 / block count, rounded down; completed once percent reaches
 *       the channel's {@code LMS_COMPLETION_PERCENT}, and never un-completed.</li>
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
    long playtime;
    long realPlaytime;
    Integer duration;
    Integer lastPosition;
    long lastPositionSession;
    long lastPositionPlaytime;
    int sessionCount;
    Instant completedAt;
    private final Map<Long, Session> sessions = new HashMap<>();
    private boolean changed;

    /** A learner's stored progress (a new learner's is all zeros). */
    public Progress(ProgressKey key, int blockCount, long blockCountSession, boolean[] watched, int[] time,
                    int[] percentByBlock, long playtime, long realPlaytime, Integer duration, Integer lastPosition,
                    long lastPositionSession, long lastPositionPlaytime, int sessionCount, Instant completedAt) {
        this.key = key;
        this.blockCount = blockCount;
        this.blockCountSession = blockCountSession;
        this.watched = watched;
        this.time = time;
        this.percentByBlock = percentByBlock;
        this.playtime = playtime;
        this.realPlaytime = realPlaytime;
        this.duration = duration;
        this.lastPosition = lastPosition;
        this.lastPositionSession = lastPositionSession;
        this.lastPositionPlaytime = lastPositionPlaytime;
        this.sessionCount = sessionCount;
        this.completedAt = completedAt;
        recount();
    }

    /** Makes a stored session of this progress known before snapshots are applied. */
    public void knowSession(Session session) {
        sessions.put(session.startAt, session);
    }

    /**
     * Merges {@code snapshot} and answers whether anything changed: a repeated or older snapshot of a
     * session changes nothing.
     */
    public boolean apply(Snapshot snapshot, int completionPercent, Instant now) {
        boolean advanced = applySession(snapshot);
        boolean blocksChanged = applyBlocks(snapshot);
        boolean positionChanged = false;
        if (snapshot.lastPosition() != null && snapshot.isAfter(lastPositionSession, lastPositionPlaytime)) {
            positionChanged = !snapshot.lastPosition().equals(lastPosition) || lastPositionSession != snapshot.startAt();
            lastPosition = snapshot.lastPosition();
            lastPositionSession = snapshot.startAt();
            lastPositionPlaytime = snapshot.playtime();
            if (snapshot.duration() != null) {
                duration = snapshot.duration();
            }
        }
        if (blocksChanged) {
            recount();
        }
        if (completedAt == null && blockCount > 0 && percent >= completionPercent) {
            completedAt = now;
        }
        boolean any = advanced || blocksChanged || positionChanged;
        changed |= any;
        return any;
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

    private void recount() {
        int count = 0;
        for (boolean block : watched) {
            if (block) {
                count++;
            }
        }
        watchedBlocks = count;
        percent = blockCount == 0 ? 0 : watchedBlocks * 100 / blockCount;
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
