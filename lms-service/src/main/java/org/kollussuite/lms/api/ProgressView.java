package org.kollussuite.lms.api;

import org.kollussuite.lms.domain.Normalization;
import org.kollussuite.lms.persistence.ProgressEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A learner's progress as the API shows it.
 *
 * @param watchedBlocks the indexes of the watched blocks
 * @param completed     whether percent reached the channel's completion percent at some point
 * @param normalized    the rules by which imperfect values of its snapshots were read (kollus-callbacks.md §9.12)
 */
public record ProgressView(String channel, String mediaContentKey, String clientUserId, int percent,
                           List<Integer> watchedBlocks, int watchedBlockCount, int blockCount, long playtime,
                           long realPlaytime, Integer lastPosition, Integer duration, Integer playtimePercent,
                           int sessions, boolean completed, Instant completedAt, Instant updatedAt,
                           List<String> normalized) {

    static ProgressView of(ProgressEntity e) {
        List<Integer> watched = new ArrayList<>();
        boolean[] blocks = e.blockWatched == null ? new boolean[0] : e.blockWatched;
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i]) {
                watched.add(i);
            }
        }
        return new ProgressView(e.channelKey, e.mediaContentKey, e.clientUserId, e.percent, watched, e.watchedBlocks,
                e.blockCount, e.playtime, e.realPlaytime, e.lastPosition, e.duration, e.playtimePercent, e.sessions,
                e.completedAt != null, e.completedAt, e.updatedAt, Normalization.labels(e.normalized));
    }
}
