package org.kollussuite.player.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.event.EventTypes;
import org.kollussuite.commons.testing.FaultNodes;
import org.kollussuite.commons.testing.Metrics;
import org.kollussuite.commons.testing.ServiceProcess;
import org.kollussuite.player.callback.PlayerCallbacksClient;

import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.player.callback.PlayerCallbacksClient.ADMIN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.TOKEN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newContent;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.playForm;

/**
 * Two replicas on the broker node the tests own, which is stopped and started for real: both of each
 * replica's consumers resume by themselves, so a channel event published afterwards builds the read
 * model and a revocation through one replica still reaches the other's cache within seconds.
 */
class ConsumersAfterBrokerRestartIT {

    private static final String CHANNEL = "restarted-channel";
    private static final String DATABASE = "kollus_faults_player";

    @AfterEach
    void restoreBroker() {
        FaultNodes.startBroker();
    }

    private static ServiceProcess replica() {
        Map<String, String> env = ServiceProcess.testEnvironment(DATABASE, ServiceProcess.freePort());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", FaultNodes.jdbcUrl(DATABASE));
        env.put("RABBITMQ_HOST", FaultNodes.HOST);
        env.put("RABBITMQ_PORT", String.valueOf(FaultNodes.RABBITMQ_PORT));
        env.put("RABBITMQ_VIRTUAL_HOST", FaultNodes.RABBITMQ_VIRTUAL_HOST);
        env.put("KOLLUS_CHANNELS_RESTARTED_KEY", CHANNEL);
        env.put("PLAYER_CACHE_MAX_STALENESS", "PT10M");
        return ServiceProcess.start(env);
    }

    @Test
    void bothConsumersOfEachReplicaResumeByThemselvesAfterARealBrokerRestart() throws Exception {
        try (ServiceProcess first = replica(); ServiceProcess second = replica()) {
            await().atMost(Duration.ofSeconds(90)).until(() -> (first.isReady() || !first.isAlive())
                    && (second.isReady() || !second.isAlive()));
            assertTrue(first.isAlive(), first::output);
            assertTrue(second.isAlive(), second::output);

            FaultNodes.stopBroker();
            await().atMost(Duration.ofSeconds(20)).until(() -> !first.isReady() && !second.isReady());
            FaultNodes.startBroker();
            Instant back = Instant.now();
            await().atMost(Duration.ofSeconds(30)).until(() -> first.isReady() && second.isReady());
            System.out.printf("[fault] player: both replicas ready again %d ms after the broker node started%n",
                    Duration.between(back, Instant.now()).toMillis());
            for (ServiceProcess replica : new ServiceProcess[] {first, second}) {
                await().atMost(Duration.ofSeconds(10)).until(() -> restarts(replica, PlayerMessaging.CHANNEL_CONTENTS_CONSUMER) >= 1
                        && restarts(replica, PlayerMessaging.INVALIDATIONS_CONSUMER) >= 1);
            }

            String added = newContent();
            publishContentAdded(added);
            await().atMost(Duration.ofSeconds(15)).until(() -> isInReadModel(added));

            String user = newUser();
            String content = newContent();
            long id = on(first).header("Authorization", ADMIN).contentType("application/json")
                    .body(Map.of("clientUserId", user, "channel", CHANNEL, "mediaContentKey", content))
                    .put("/api/v1/entitlements").then().statusCode(200).extract().jsonPath().getLong("id");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> kind3(second, user, content).get("content_expired").intValue() == 0);
            on(first).header("Authorization", ADMIN).delete("/api/v1/entitlements/" + id).then().statusCode(200);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> kind3(second, user, content).get("content_expired").intValue() == 1);
        }
    }

    private static double restarts(ServiceProcess replica, String consumer) {
        return Metrics.sum(replica.baseUrl(), "kollus_messaging_consumer_restarts_total", "consumer", consumer);
    }

    private static void publishContentAdded(String contentKey) throws Exception {
        CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), CloudEvent.sourceOf("test"),
                EventTypes.CHANNEL_CONTENT_ADDED, Instant.now(), contentKey, JsonNodeFactory.instance.objectNode()
                .put("channelKey", CHANNEL).put("mediaContentKey", contentKey).put("filename", "after-restart.mp4"),
                Map.of());
        try (Connection connection = FaultNodes.broker().open("restart-test-publisher");
             Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            channel.exchangeDeclare(EventTypes.EXCHANGE, BuiltinExchangeType.TOPIC, true);
            channel.basicPublish(EventTypes.EXCHANGE, event.type(), new AMQP.BasicProperties.Builder()
                    .contentType(CloudEvent.CONTENT_TYPE).deliveryMode(2).messageId(event.id()).build(), event.toBytes());
            channel.waitForConfirmsOrDie(10_000);
        }
    }

    private static boolean isInReadModel(String contentKey) throws Exception {
        try (java.sql.Connection connection = DriverManager.getConnection(FaultNodes.jdbcUrl(DATABASE), "kollus", "kollus");
             PreparedStatement select = connection.prepareStatement(
                     "select count(*) from channel_content where channel_key = ? and media_content_key = ?")) {
            select.setString(1, CHANNEL);
            select.setString(2, contentKey);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getInt(1) == 1;
            }
        }
    }

    private static JsonNode kind3(ServiceProcess replica, String user, String content) {
        return PlayerCallbacksClient.data(on(replica).queryParam("token", TOKEN)
                .contentType("application/x-www-form-urlencoded").formParams(playForm(3, user, content))
                .post("/callbacks/channels/" + CHANNEL + "/play"));
    }

    private static RequestSpecification on(ServiceProcess replica) {
        return given().baseUri(replica.baseUrl());
    }
}
