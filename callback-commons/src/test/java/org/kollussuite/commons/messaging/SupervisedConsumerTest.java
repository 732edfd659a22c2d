package org.kollussuite.commons.messaging;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.health.ConsumerLivenessCheck;
import org.kollussuite.commons.messaging.SupervisedConsumer.Outcome;
import org.kollussuite.commons.testing.FaultNodes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Consumers against the broker node the tests own, stopped and started for real. */
class SupervisedConsumerTest {

    private static final int MESSAGES = 3000;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SupervisedConsumer consumer;

    @AfterEach
    void stop() throws InterruptedException {
        FaultNodes.startBroker();
        if (consumer != null) {
            consumer.stop(Duration.ofSeconds(5));
        }
    }

    private static String quorumQueue(Channel channel, String queue) throws java.io.IOException {
        channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
        return queue;
    }

    private static void publish(String queue, int count) throws Exception {
        try (Connection connection = FaultNodes.broker().open("test-publisher"); Channel channel = connection.createChannel()) {
            quorumQueue(channel, queue);
            channel.confirmSelect();
            for (int i = 0; i < count; i++) {
                channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                        Integer.toString(i).getBytes(StandardCharsets.UTF_8));
            }
            channel.waitForConfirmsOrDie(30_000);
        }
    }

    @Test
    void aConsumerResumesByItselfAfterARealBrokerRestartAndLosesNoMessage() throws Exception {
        String queue = "supervised-" + UUID.randomUUID();
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        consumer = SupervisedConsumer.builder("restart-test", FaultNodes.broker(), registry)
                .topology(channel -> quorumQueue(channel, queue))
                .prefetch(200)
                .handler(delivery -> {
                    handled.computeIfAbsent(new String(delivery.getBody(), StandardCharsets.UTF_8),
                            id -> new AtomicInteger()).incrementAndGet();
                    // Settled a little later, from another thread, as a group commit does.
                    return CompletableFuture.supplyAsync(() -> Outcome.ACK,
                            CompletableFuture.delayedExecutor(2, TimeUnit.MILLISECONDS));
                })
                .build();
        publish(queue, MESSAGES);
        consumer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() >= MESSAGES / 10);

        FaultNodes.stopBroker();
        await().atMost(Duration.ofSeconds(15)).until(() -> !consumer.consuming());
        FaultNodes.startBroker();
        Instant back = Instant.now();
        await().atMost(Duration.ofSeconds(30)).until(consumer::consuming);
        Duration resumedAfter = Duration.between(back, Instant.now());

        await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == MESSAGES);
        long redelivered = handled.values().stream().mapToInt(AtomicInteger::get).filter(n -> n > 1).count();
        System.out.printf("[fault] consumer resumed %d ms after the broker node started; %d of %d messages handled "
                + "twice (unacknowledged when it stopped)%n", resumedAfter.toMillis(), redelivered, MESSAGES);
        assertEquals(1.0, registry.get("kollus.messaging.consumer.restarts").tag("consumer", "restart-test").counter().count());
        assertTrue(redelivered <= 200, "only what was unacknowledged comes again: " + redelivered);
    }

    @Test
    void aConsumerThatCannotReachTheBrokerKeepsTryingAndFailsLivenessOnlyPastTheResumeLimit() throws Exception {
        String queue = "supervised-" + UUID.randomUUID();
        FaultNodes.stopBroker();
        consumer = SupervisedConsumer.builder("unreachable-test", FaultNodes.broker(), registry)
                .topology(channel -> quorumQueue(channel, queue))
                .handler(delivery -> CompletableFuture.completedFuture(Outcome.ACK))
                .build();
        Consumers consumers = new Consumers();
        consumers.start(consumer);
        ConsumerLivenessCheck liveness = new ConsumerLivenessCheck(consumers, Duration.ofSeconds(2));

        assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus(), "within the limit it is still alive");
        await().atMost(Duration.ofSeconds(10)).until(() -> liveness.call().getStatus() == HealthCheckResponse.Status.DOWN);
        assertFalse(consumer.consuming());
        assertTrue(liveness.call().getData().orElseThrow().get("unreachable-test").toString().startsWith("idle for"));

        FaultNodes.startBroker();
        await().atMost(Duration.ofSeconds(30)).until(consumer::consuming);
        assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus());
    }
}
