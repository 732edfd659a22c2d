package org.kollussuite.lms.domain;

import java.util.Comparator;

/** Whose progress on what: one learner, one content of one channel. */
public record ProgressKey(String channelKey, String mediaContentKey, String clientUserId) implements Comparable<ProgressKey> {

    private static final Comparator<ProgressKey> ORDER = Comparator.comparing(ProgressKey::channelKey)
            .thenComparing(ProgressKey::mediaContentKey).thenComparing(ProgressKey::clientUserId);

    /** The order in which rows are locked, the same in every replica so that two batches never deadlock. */
    @Override
    public int compareTo(ProgressKey other) {
        return ORDER.compare(this, other);
    }
}
