package org.kollussuite.simulator.delivery;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kollussuite.simulator.http.CallbackClient;
import org.kollussuite.simulator.testing.StubSuite;
import org.kollussuite.simulator.wire.CallbackRequest;
import org.kollussuite.simulator.wire.CallbackType;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedeliveryTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private StubSuite suite;

    @BeforeEach
    void startSuite() throws IOException {
        suite = new StubSuite();
    }

    @AfterEach
    void stop() {
        suite.close();
        scheduler.shutdownNow();
    }

    private Redelivery redelivery(Duration responseTimeout) {
        return new Redelivery(new CallbackClient(Duration.ofSeconds(2), responseTimeout, 4), scheduler, Duration.ofMillis(100), 3,
                Redelivery.RetryOn.NOT_OK, (request, attempt, due, answer) -> { });
    }

    private CallbackRequest upload() {
        return new CallbackRequest(CallbackType.PLATFORM, "upload", URI.create(suite.url() + "/callbacks/platform/upload?token=t"),
                "upload_file_key=k");
    }

    @Test
    void aCallbackAnsweredLaterThanTheResponseTimeoutCountsAsFailedAndIsRetried() {
        suite.delayAnswers(500);
        Redelivery redelivery = redelivery(Duration.ofMillis(200));

        CompletableFuture<Redelivery.Delivery> delivery = redelivery.deliver(upload(), System.nanoTime());

        await().atMost(Duration.ofSeconds(10)).until(delivery::isDone);
        assertFalse(delivery.join().delivered());
        assertEquals("timeout", delivery.join().lastAnswer().outcome());
        assertEquals(4, delivery.join().attempts());
        assertEquals(new Redelivery.Counts(0, 0, 1, 3, 0), redelivery.counts());
    }

    @Test
    void aCallbackDeliveredByItsSecondAttemptCountsAsDeliveredOnRetry() {
        suite.fail("/upload", 1, 500);
        Redelivery redelivery = redelivery(Duration.ofSeconds(3));

        CompletableFuture<Redelivery.Delivery> delivery = redelivery.deliver(upload(), System.nanoTime());

        await().atMost(Duration.ofSeconds(10)).until(delivery::isDone);
        assertTrue(delivery.join().delivered());
        assertEquals(2, suite.received("/upload").size());
        assertEquals(new Redelivery.Counts(0, 1, 0, 1, 0), redelivery.counts());
    }
}
