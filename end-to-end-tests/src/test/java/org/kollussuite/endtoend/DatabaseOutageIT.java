package org.kollussuite.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PostgreSQL is unreachable from all four services for ten seconds under load: platform callbacks that cannot
 * be stored are answered 503, LMS snapshots get no answer at all (the player keeps them), never 200; every
 * service reports itself not ready until the database is back, and Kollus' retries and the players' re-sends
 * then get everything stored and delivered once.
 */
@ExtendWith(SuiteExtension.class)
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(10);

    @Test
    void tenSecondsWithoutPostgresqlNeverAnswerAnUncommitted200NorAnErrorToASnapshotAndLoseNothing(Suite suite)
            throws Exception {
        try (KollusLoad load = new KollusLoad(suite)) {
            load.start();
            load.awaitFlowing();

            Instant cut = Instant.now();
            suite.database().cut();
            await().atMost(OUTAGE.plusSeconds(30)).until(() -> Arrays.stream(SuiteService.values()).noneMatch(suite::isReady)
                    && load.statuses("upload").containsKey(503) && load.statuses("lms").containsKey(KollusLoad.NO_ANSWER)
                    && Duration.between(cut, Instant.now()).compareTo(OUTAGE) >= 0);
            suite.database().restore();
            await().atMost(Duration.ofSeconds(60)).until(suite::allReady);
            load.awaitFlowing();
            load.stop();

            assertEquals(Set.of(200, 503), load.statuses("upload").keySet(), "platform answers");
            assertEquals(Set.of(KollusLoad.NO_ANSWER, 200), load.statuses("lms").keySet(), "LMS answers");
            load.resendUntilAcknowledged();
            load.assertNothingLostNorDoubled(Set.of());
        }
    }
}
