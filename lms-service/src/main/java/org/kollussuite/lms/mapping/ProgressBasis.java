package org.kollussuite.lms.mapping;

/** What a channel's progress percent is computed from ({@code LMS_PROGRESS_BASIS}). */
public enum ProgressBasis {

    /** Watched blocks ÷ block count. */
    BLOCKS,
    /** Real playtime ÷ duration, which does not count repeats; the reported playtime percent when either is missing. */
    PLAYTIME,
    /** Blocks once the learner's snapshots carried block information, playtime until then. */
    AUTO
}
