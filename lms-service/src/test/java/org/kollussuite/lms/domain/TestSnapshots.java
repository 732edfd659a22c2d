package org.kollussuite.lms.domain;

/** Snapshots built directly, for tests below the HTTP layer: 10 blocks, none watched through. */
final class TestSnapshots {

    static final int BLOCKS = 10;

    private TestSnapshots() {
    }

    /** Session {@code startAt} at {@code playtime} seconds (real playtime and position alike), as {@code raw}. */
    static Snapshot snapshot(ProgressKey key, long startAt, long playtime, String raw) {
        int[] none = new int[BLOCKS];
        return new Snapshot(key, startAt, playtime, playtime, (int) playtime, 1000, null, BLOCKS, new boolean[BLOCKS],
                none, none, "player-" + startAt, raw, 0);
    }
}
