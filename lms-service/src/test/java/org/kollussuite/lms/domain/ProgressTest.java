package org.kollussuite.lms.domain;

import org.junit.jupiter.api.Test;
import org.kollussuite.lms.mapping.ProgressBasis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class ProgressTest {

    private static final ProgressKey KEY = new ProgressKey("ch", "mck", "user");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static Progress empty() {
        return new Progress(KEY, 0, 0, new boolean[0], new int[0], new int[0], 0, null, 0, 0, null, null, 0, -1, 0, null, 0);
    }

    private static Snapshot snapshot(long startAt, long playtime, int blockCount, Set<Integer> watched) {
        boolean[] blocks = new boolean[blockCount];
        int[] time = new int[blockCount];
        int[] percent = new int[blockCount];
        watched.forEach(i -> {
            blocks[i] = true;
            time[i] = 10;
            percent[i] = 100;
        });
        return new Snapshot(KEY, startAt, playtime, playtime, (int) playtime, 1000, null, blockCount, blocks, time, percent,
                "p", "{}", 0);
    }

    private static Progress applied(List<Snapshot> snapshots) {
        Progress progress = empty();
        snapshots.forEach(s -> progress.apply(s, ProgressBasis.AUTO, 90, NOW));
        return progress;
    }

    @Test
    void aNewerSessionWithMoreBlocksMapsWhatWasWatchedByPosition() {
        Snapshot tenBlocks = snapshot(100, 300, 10, Set.of(0, 1, 2, 3, 4));
        Snapshot twentyBlocks = snapshot(200, 300, 20, Set.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19));

        Progress oldFirst = applied(List.of(tenBlocks, twentyBlocks));
        Progress newFirst = applied(List.of(twentyBlocks, tenBlocks));

        assertEquals(20, oldFirst.blockCount());
        assertEquals(100, oldFirst.percent(), "the first half came from ten blocks, the second from twenty");
        assertArrayEquals(oldFirst.watched(), newFirst.watched(), "the order of arrival does not matter");
        assertEquals(oldFirst.percent(), newFirst.percent());
    }

    @Test
    void anOlderSessionWithAnotherBlockCountIsMappedOntoTheCurrentOne() {
        Progress progress = applied(List.of(snapshot(200, 100, 20, Set.of(0)), snapshot(100, 100, 5, Set.of(4))));

        assertEquals(20, progress.blockCount());
        assertEquals(5, progress.watchedBlocks(), "block 4 of 5 is blocks 16 to 19 of 20, with block 0");
        assertEquals(25, progress.percent());
    }

    @Test
    void repeatedAndOlderSnapshotsOfASessionChangeNothing() {
        Progress progress = empty();
        Snapshot early = snapshot(100, 100, 10, Set.of(0));
        Snapshot late = snapshot(100, 300, 10, Set.of(0, 1, 2));
        progress.apply(early, ProgressBasis.AUTO, 90, NOW);
        progress.apply(late, ProgressBasis.AUTO, 90, NOW);

        assertFalse(progress.apply(late, ProgressBasis.AUTO, 90, NOW));
        assertFalse(progress.apply(early, ProgressBasis.AUTO, 90, NOW));
        assertEquals(300, progress.playtime());
        assertEquals(300, progress.lastPosition());
        assertEquals(1, progress.sessionCount());
    }

    @Test
    void everyOrderOfTheSameSnapshotsGivesTheSameProgress() {
        List<Snapshot> snapshots = List.of(snapshot(100, 100, 10, Set.of(0)), snapshot(100, 250, 10, Set.of(0, 1, 2)),
                snapshot(300, 80, 10, Set.of(7)), snapshot(300, 90, 10, Set.of(7, 8)), snapshot(200, 50, 10, Set.of(5)));
        Progress reference = applied(snapshots);

        for (List<Snapshot> order : permutations(snapshots)) {
            Progress other = applied(order);
            assertArrayEquals(reference.watched(), other.watched());
            assertEquals(reference.playtime(), other.playtime());
            assertEquals(reference.realPlaytime(), other.realPlaytime());
            assertEquals(reference.lastPosition(), other.lastPosition());
            assertEquals(reference.sessionCount(), other.sessionCount());
        }
        assertEquals(250 + 90 + 50, reference.playtime());
        assertEquals(90, reference.lastPosition(), "from the latest session's furthest snapshot");
        assertEquals(60, reference.percent());
        assertNull(reference.completedAt());
    }

    /** A snapshot of a channel with block information switched off. */
    private static Snapshot withoutBlocks(long startAt, long realPlaytime, Integer duration, Integer playtimePercent) {
        return new Snapshot(KEY, startAt, realPlaytime, realPlaytime, (int) realPlaytime, duration, playtimePercent, 0,
                new boolean[0], new int[0], new int[0], "p", "{}", 0);
    }

    @Test
    void withoutBlockInformationProgressComesFromRealPlaytimeOverDurationAndCompletes() {
        for (ProgressBasis basis : List.of(ProgressBasis.AUTO, ProgressBasis.PLAYTIME)) {
            Progress progress = empty();
            progress.apply(withoutBlocks(100, 450, 1000, null), basis, 90, NOW);
            assertEquals(45, progress.percent(), basis.name());
            assertNull(progress.completedAt());

            progress.apply(withoutBlocks(200, 460, 1000, null), basis, 90, NOW);
            assertEquals(91, progress.percent(), "real playtime of both sessions over the duration");
            assertEquals(NOW, progress.completedAt());
        }
    }

    @Test
    void withoutADurationThePlayersPlaytimePercentCounts() {
        Progress progress = empty();
        progress.apply(withoutBlocks(100, 0, null, 35), ProgressBasis.PLAYTIME, 90, NOW);
        progress.apply(withoutBlocks(100, 0, null, 30), ProgressBasis.PLAYTIME, 90, NOW);

        assertEquals(35, progress.percent(), "the largest reported percent");
    }

    @Test
    void theBlocksBasisIgnoresPlaytime() {
        Progress progress = empty();
        progress.apply(withoutBlocks(100, 900, 1000, 90), ProgressBasis.BLOCKS, 90, NOW);

        assertEquals(0, progress.percent());
        assertNull(progress.completedAt());
    }

    @Test
    void percentNeverGoesDownWhenBlockInformationAppearsLater() {
        Progress progress = empty();
        progress.apply(withoutBlocks(100, 600, 1000, null), ProgressBasis.AUTO, 90, NOW);
        progress.apply(snapshot(200, 100, 10, Set.of(0)), ProgressBasis.AUTO, 90, NOW);

        assertEquals(10, progress.blockCount());
        assertEquals(60, progress.percent(), "blocks now count, but percent stays where it was");
    }

    private static List<List<Snapshot>> permutations(List<Snapshot> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<Snapshot>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<Snapshot> rest = new ArrayList<>(items);
            Snapshot head = rest.remove(i);
            for (List<Snapshot> tail : permutations(rest)) {
                List<Snapshot> order = new ArrayList<>();
                order.add(head);
                order.addAll(tail);
                result.add(order);
            }
        }
        return result;
    }
}
