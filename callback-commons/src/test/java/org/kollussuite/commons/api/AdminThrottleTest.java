package org.kollussuite.commons.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(AdminThrottleTest.ThreeFailuresProfile.class)
class AdminThrottleTest {

    private static final String ADMIN_TOKEN = "test-admin-token";
    private static final String CHANNELS = "/api/v1/channels";

    /** An instance that refuses an address after three failed bearer tokens within three seconds. */
    public static class ThreeFailuresProfile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("admin.api-failure-limit", "3", "admin.api-failure-window", "PT3S");
        }
    }

    @Test
    void anAddressThatGuessedWrongTooOftenIsRefusedWithRetryAfterEvenWithTheRightTokenUntilItsWindowEnds() {
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2("guess-" + i).get(CHANNELS).then().statusCode(401);
        }

        String retryAfter = given().auth().oauth2(ADMIN_TOKEN).get(CHANNELS).then()
                .statusCode(429)
                .body("error", equalTo("too_many_requests"))
                .extract().header("Retry-After");
        assertTrue(Integer.parseInt(retryAfter) >= 1 && Integer.parseInt(retryAfter) <= 3, retryAfter);

        await().atMost(Duration.ofSeconds(6)).untilAsserted(() ->
                given().auth().oauth2(ADMIN_TOKEN).get(CHANNELS).then().statusCode(200));
    }
}
