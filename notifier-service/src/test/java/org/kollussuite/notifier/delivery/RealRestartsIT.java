package org.kollussuite.notifier.delivery;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.event.EventTypes;
import org.kollussuite.commons.messaging.BrokerConnections;
import org.kollussuite.commons.testing.FaultNodes;
import org.kollussuite.commons.testing.Metrics;
import org.kollussuite.commons.testing.ServiceProcess;
import org.kollussuite.commons.testing.WebhookReceiver;

import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notifier on the broker node and database cluster the tests own, each stopped and started for
 * real while events keep arriving: every event the broker confirmed reaches the receiver once, the
 * delivery log holds one delivery per event, and consumer and readiness come back without a restart.
 */
class RealRestartsIT {

    private static final String TYPE = "kollus.test.restarts";
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean publishing = new AtomicBoolean(true);

    @AfterEach
    void restoreNodes() {
        publishing.set(false);
        FaultNodes.startBroker();
        FaultNodes.startDatabase();
    }

    @Test
    void everyConfirmedEventIsDeliveredOnceAcrossARealBrokerRestartAndARealDatabaseRestart() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            Map<String, String> env = ServiceProcess.testEnvironment("kollus_faults_notifier", ServiceProcess.freePort());
            env.put("QUARKUS_DATASOURCE_JDBC_URL", FaultNodes.jdbcUrl("kollus_faults_notifier"));
            env.put("RABBITMQ_HOST", FaultNodes.HOST);
            env.put("RABBITMQ_PORT", String.valueOf(FaultNodes.RABBITMQ_PORT));
            env.put("RABBITMQ_VIRTUAL_HOST", FaultNodes.RABBITMQ_VIRTUAL_HOST);
            env.put("NOTIFIER_WEBHOOKS_RESTARTS_URL", receiver.url("/restarts"));
            env.put("NOTIFIER_WEBHOOKS_RESTARTS_SECRET", Receivers.SECRET);
            env.put("NOTIFIER_WEBHOOKS_RESTARTS_EVENTS", TYPE);

            try (ServiceProcess notifier = ServiceProcess.start(env)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> notifier.isReady() || !notifier.isAlive());
                assertTrue(notifier.isAlive(), notifier::output);
                Thread publisher = new Thread(this::publishUntilStopped, "restart-test-publisher");
                publisher.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> receivedIds(receiver).size() >= 500);

                FaultNodes.stopBroker();
                await().atMost(Duration.ofSeconds(20)).until(() -> !notifier.isReady());
                pause(OUTAGE);
                FaultNodes.startBroker();
                Duration brokerRecovery = timeUntilReady(notifier);
                await().atMost(Duration.ofSeconds(30)).until(() -> restarts(notifier) >= 1);
                int beforeDatabaseStop = confirmed.size();
                await().atMost(Duration.ofSeconds(30)).until(() -> confirmed.size() >= beforeDatabaseStop + 500);

                FaultNodes.stopDatabase();
                await().atMost(Duration.ofSeconds(20)).until(() -> !notifier.isReady());
                pause(OUTAGE);
                FaultNodes.startDatabase();
                Duration databaseRecovery = timeUntilReady(notifier);
                int beforeEnd = confirmed.size();
                await().atMost(Duration.ofSeconds(30)).until(() -> confirmed.size() >= beforeEnd + 500);
                publishing.set(false);
                publisher.join(30_000);

                Set<String> sent = Set.copyOf(confirmed);
                await().atMost(Duration.ofSeconds(120)).until(() -> receivedIds(receiver).containsAll(sent));
                Map<String, Long> arrivals = receiver.on("/restarts").stream().map(r -> r.header("webhook-id"))
                        .filter(sent::contains).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                long doubled = arrivals.values().stream().filter(n -> n > 1).count();
                long[] logged = deliveries(sent);
                System.out.printf("[fault] notifier: %d events confirmed by the broker, %d delivered, %d delivered twice; "
                                + "ready again %d ms after the broker node started and %d ms after the database started; "
                                + "consumer restarts %.0f%n", sent.size(), arrivals.size(), doubled,
                        brokerRecovery.toMillis(), databaseRecovery.toMillis(), restarts(notifier));
                assertEquals(sent.size(), logged[0], "one delivery per event in the log");
                assertEquals(sent.size(), logged[1], "every one delivered");
                assertEquals(0, doubled, "no webhook sent twice");
                assertTrue(brokerRecovery.compareTo(Duration.ofSeconds(30)) < 0, "resumed within 30 s: " + brokerRecovery);
                assertTrue(databaseRecovery.compareTo(Duration.ofSeconds(30)) < 0, "resumed within 30 s: " + databaseRecovery);
            }
        }
    }

    /**
     * Publishes events with confirms, ten at a time, as an outbox relay does: a batch the broker did not
     * confirm is published again under the same ids once it is back, and only confirmed events count.
     */
    private void publishUntilStopped() {
        BrokerConnections broker = FaultNodes.broker();
        Connection connection = null;
        List<CloudEvent> batch = new ArrayList<>();
        while (publishing.get()) {
            try {
                if (connection == null || !connection.isOpen()) {
                    BrokerConnections.abort(connection);
                    connection = broker.open("restart-test-publisher");
                }
                if (batch.isEmpty()) {
                    for (int i = 0; i < 10; i++) {
                        batch.add(NotifierTestSupport.event(TYPE, "restarts-" + UUID.randomUUID(), null));
                    }
                }
                try (Channel channel = connection.createChannel()) {
                    channel.confirmSelect();
                    channel.exchangeDeclare(EventTypes.EXCHANGE, BuiltinExchangeType.TOPIC, true);
                    for (CloudEvent event : batch) {
                        channel.basicPublish(EventTypes.EXCHANGE, event.type(), new AMQP.BasicProperties.Builder()
                                .contentType(CloudEvent.CONTENT_TYPE).deliveryMode(2).messageId(event.id()).build(),
                                event.toBytes());
                    }
                    channel.waitForConfirmsOrDie(5_000);
                }
                batch.forEach(event -> confirmed.add(event.id()));
                batch.clear();
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception brokerAway) {
                BrokerConnections.abort(connection);
                connection = null;
                pause(Duration.ofMillis(500));
            }
        }
        BrokerConnections.abort(connection);
    }

    private static Duration timeUntilReady(ServiceProcess notifier) {
        Instant start = Instant.now();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(notifier::isReady);
        return Duration.between(start, Instant.now());
    }

    private static double restarts(ServiceProcess notifier) {
        return Metrics.sum(notifier.baseUrl(), "kollus_messaging_consumer_restarts_total");
    }

    private static Set<String> receivedIds(WebhookReceiver receiver) {
        return receiver.on("/restarts").stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
    }

    /** Deliveries of {@code ids} in the log, and how many of them are delivered. */
    private static long[] deliveries(Set<String> ids) throws Exception {
        try (java.sql.Connection connection = DriverManager.getConnection(FaultNodes.jdbcUrl("kollus_faults_notifier"),
                "kollus", "kollus");
             PreparedStatement count = connection.prepareStatement("select count(*), count(*) filter (where status = "
                     + "'DELIVERED') from delivery where lower(endpoint) = 'restarts' and event_id = any(?)")) {
            count.setArray(1, connection.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return new long[] {row.getLong(1), row.getLong(2)};
            }
        }
    }

    private static void pause(Duration duration) {
        // The outage itself: the broker or database stays down this long, whatever the service does.
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
