package org.kollussuite.player.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.ServiceProcess;
import org.kollussuite.player.callback.PlayerCallbacksClient;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.player.callback.PlayerCallbacksClient.ADMIN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.TOKEN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newContent;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.playForm;

/**
 * Two replicas on one database and broker: a revocation made through one reaches the other's cache
 * through the invalidation event, long before the (deliberately long) staleness bound.
 */
class RevocationAcrossReplicasIT {

    private static final String CHANNEL = "replicated-channel";

    private static ServiceProcess replica() {
        Map<String, String> env = ServiceProcess.testEnvironment("kollus_player_test", ServiceProcess.freePort());
        env.put("KOLLUS_CHANNELS_REPLICATED_KEY", CHANNEL);
        env.put("PLAYER_CACHE_MAX_STALENESS", "PT10M");
        return ServiceProcess.start(env);
    }

    private static JsonNode kind3(ServiceProcess replica, String user, String content) {
        return PlayerCallbacksClient.data(on(replica).queryParam("token", TOKEN)
                .contentType("application/x-www-form-urlencoded").formParams(playForm(3, user, content))
                .post("/callbacks/channels/" + CHANNEL + "/play"));
    }

    private static RequestSpecification on(ServiceProcess replica) {
        return given().baseUri(replica.baseUrl());
    }

    @Test
    void aRevocationThroughOneReplicaChangesTheOthersNextKind3WithinSeconds() {
        try (ServiceProcess first = replica(); ServiceProcess second = replica()) {
            await().atMost(Duration.ofSeconds(90)).until(() -> (first.isReady() || !first.isAlive())
                    && (second.isReady() || !second.isAlive()));
            assertTrue(first.isAlive(), first::output);
            assertTrue(second.isAlive(), second::output);
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
            assertEquals(0, kind3(second, user, content).get("result").intValue());
        }
    }
}
