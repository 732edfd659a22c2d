package org.kollussuite.endtoend;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kollussuite.commons.testing.FaultNodes;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker node, then the database cluster, really stopped and started under load (the suite runs on
 * nodes the tests own): RabbitMQ closes every connection itself and redelivers what was unacknowledged at
 * once, PostgreSQL cuts every session. Every service comes back by itself, consumers included, within
 * 30 s of each start, and nothing acknowledged is lost or reaches the webhook twice.
 */
@ExtendWith(SuiteExtension.class)
class RealRestartsIT {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    @AfterEach
    void restoreNodes() {
        FaultNodes.startBroker();
        FaultNodes.startDatabase();
    }

    @Test
    void aRealBrokerRestartAndARealDatabaseRestartUnderLoadLoseOrDoubleNothing(Suite suite) throws Exception {
        try (KollusLoad load = new KollusLoad(suite)) {
            load.start();
            load.awaitFlowing();

            Instant brokerStopped = Instant.now();
            FaultNodes.stopBroker();
            await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(SuiteService.values()).noneMatch(suite::isReady)
                    && Duration.between(brokerStopped, Instant.now()).compareTo(OUTAGE) >= 0);
            FaultNodes.startBroker();
            Duration brokerRecovery = timeUntilAllReady(suite);
            load.awaitFlowing();

            Instant databaseStopped = Instant.now();
            FaultNodes.stopDatabase();
            await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(SuiteService.values()).noneMatch(suite::isReady)
                    && Duration.between(databaseStopped, Instant.now()).compareTo(OUTAGE) >= 0);
            FaultNodes.startDatabase();
            Duration databaseRecovery = timeUntilAllReady(suite);
            load.awaitFlowing();
            load.stop();

            System.out.printf("[fault] suite: every service ready again %d ms after the broker node started and %d ms "
                    + "after the database cluster started%n", brokerRecovery.toMillis(), databaseRecovery.toMillis());
            assertTrue(Set.of(200, 503).containsAll(load.statuses("upload").keySet()), "platform answers "
                    + load.statuses("upload") + ": stored (200) or refused for now (503), nothing else");
            assertTrue(Set.of(KollusLoad.NO_ANSWER, 200).containsAll(load.statuses("lms").keySet()),
                    "LMS answers " + load.statuses("lms") + ": stored (200) or none at all, never an error status");
            load.resendUntilAcknowledged();
            load.assertNothingLostNorDoubled(Set.of());
        }
    }

    private static Duration timeUntilAllReady(Suite suite) {
        Instant start = Instant.now();
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(200)).until(suite::allReady);
        return Duration.between(start, Instant.now());
    }
}
