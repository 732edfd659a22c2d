package org.kollussuite.lms.domain;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kollussuite.lms.mapping.ProgressBasis;
import org.kollussuite.lms.persistence.ProgressStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.kollussuite.lms.callback.LmsClient.MATH;
import static org.kollussuite.lms.callback.LmsClient.newContent;
import static org.kollussuite.lms.callback.LmsClient.newUser;
import static org.kollussuite.lms.callback.LmsClient.progress;

/**
 * Two replicas writing the same learners: each replica's writer reads progress rows without locking
 * them, so the write-back must notice a row another replica changed meanwhile and apply the batch again.
 */
@QuarkusTest
class ProgressWriterAcrossReplicasTest {

    @Inject
    ProgressWriter writer;

    @Inject
    ProgressStore store;

    private static Snapshot snapshot(ProgressKey key, long startAt, long playtime) {
        return TestSnapshots.snapshot(key, startAt, playtime, "{\"playtime\":" + playtime + "}");
    }

    @Test
    void aRowChangedBetweenReadAndWriteBackFailsTheWriteAndNothingOfItIsStored() throws Exception {
        ProgressKey key = new ProgressKey(MATH, newContent(), newUser());
        writer.apply(List.of(snapshot(key, 100, 10)));

        assertThrows(ProgressStore.ConcurrentUpdateException.class, () -> QuarkusTransaction.requiringNew().call(() -> {
            ProgressStore.Loaded loaded = store.read(List.of(key), false);
            store.loadSessions(loaded.progress(), List.of(key), List.of(200L));
            loaded.progress().get(key).apply(snapshot(key, 200, 50), ProgressBasis.AUTO, 90, Instant.now());
            // Another replica's writer commits a snapshot of the same learner meanwhile.
            writer.apply(List.of(snapshot(key, 300, 20)));
            store.save(loaded, Instant.now());
            return null;
        }));

        JsonPath progress = progress(MATH, key.mediaContentKey(), key.clientUserId());
        assertEquals(2, progress.getInt("sessions"));
        assertEquals(30, progress.getLong("playtime"));
    }

    @Test
    void twoReplicasApplyingTheSameLearnersAtOnceLoseNoSnapshot() throws Exception {
        String content = newContent();
        List<ProgressKey> learners = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            learners.add(new ProgressKey(MATH, content, newUser()));
        }
        int rounds = 25;
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (long[] session : List.of(new long[] {1000, 10}, new long[] {2000, 7})) {
                done.add(replicas.submit(() -> {
                    for (int round = 1; round <= rounds; round++) {
                        long playtime = round * session[1];
                        together.await();
                        writer.apply(learners.stream().map(key -> snapshot(key, session[0], playtime)).toList());
                    }
                    return null;
                }));
            }
            for (Future<?> replica : done) {
                replica.get();
            }
        } finally {
            replicas.shutdownNow();
        }

        for (ProgressKey key : learners) {
            JsonPath progress = progress(MATH, content, key.clientUserId());
            assertEquals(Arrays.asList(2, rounds * 10L + rounds * 7L),
                    Arrays.asList(progress.getInt("sessions"), progress.getLong("playtime")), key.clientUserId());
        }
    }
}
