package org.kollussuite.endtoend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RabbitMQ goes away under load: every service reports itself not ready, callbacks are still acknowledged
 * (their events wait in the outboxes), and once the broker is back every event is delivered once.
 *
 * <p>The outage cuts the services' AMQP connections at a proxy: they drop without a word from the broker
 * and every reconnection is refused until the path is restored. {@link RealRestartsIT} stops the broker
 * itself.
 */
@ExtendWith(SuiteExtension.class)
class BrokerOutageIT {

    @Test
    void aBrokerOutageUnderLoadTurnsReadinessDownThenUpAndLosesOrDoublesNothing(Suite suite) throws Exception {
        try (KollusLoad load = new KollusLoad(suite)) {
            load.start();
            load.awaitFlowing();

            suite.broker().cut();
            await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(SuiteService.values()).noneMatch(suite::isReady));
            load.awaitFlowing();
            suite.broker().restore();
            await().atMost(Duration.ofSeconds(60)).until(suite::allReady);
            load.awaitFlowing();
            load.stop();

            assertEquals(Set.of(200), load.statuses("upload").keySet(), "platform callbacks need no broker to be stored");
            assertEquals(Set.of(200), load.statuses("lms").keySet(), "LMS snapshots need no broker to be stored");
            load.resendUntilAcknowledged();
            load.assertNothingLostNorDoubled(Set.of());
        }
    }
}
