package org.kollussuite.platform.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.ServiceProcess;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration as an operator gives it: real environment variables of a real process. */
class EnvironmentConfigurationIT {

    @Test
    void twoChannelsConfiguredOnlyThroughTheEnvironmentAreBothVisibleWithTheirSettings() {
        Map<String, String> env = ServiceProcess.testEnvironment("kollus_platform_test", ServiceProcess.freePort());
        env.put("KOLLUS_CHANNELS_MATH_KEY", "ch-math-2025");
        env.put("KOLLUS_CHANNELS_MATH_PLAY_POLICY", "ALLOW");
        env.put("KOLLUS_CHANNELS_MATH_PLAY_EXPIRATION", "PT2H");
        env.put("KOLLUS_CHANNELS_ART_KEY", "ch-art-2025");
        env.put("KOLLUS_CHANNELS_ART_CALLBACK_TOKEN", "art-only-token");
        env.put("KOLLUS_CHANNELS_ART_DOWNLOAD_PLAY_COUNT", "5");
        env.put("KOLLUS_CHANNELS_ART_LMS_JSON_PARAM", "progress");

        try (ServiceProcess service = ServiceProcess.start(env)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> service.isReady() || !service.isAlive());
            assertTrue(service.isAlive(), service::output);

            given().baseUri(service.baseUrl()).auth().oauth2("test-admin-token")
                    .get("/api/v1/channels")
                    .then().statusCode(200)
                    .body("alias", containsInAnyOrder("MATH", "ART"))
                    .body("find { it.alias == 'MATH' }.key", equalTo("ch-math-2025"))
                    .body("find { it.alias == 'MATH' }.playPolicy", equalTo("ALLOW"))
                    .body("find { it.alias == 'MATH' }.playExpiration", equalTo("PT2H"))
                    .body("find { it.alias == 'MATH' }.ownCallbackToken", equalTo(false))
                    .body("find { it.alias == 'ART' }.key", equalTo("ch-art-2025"))
                    .body("find { it.alias == 'ART' }.playPolicy", equalTo("ENTITLEMENT"))
                    .body("find { it.alias == 'ART' }.ownCallbackToken", equalTo(true))
                    .body("find { it.alias == 'ART' }.downloadPlayCount", equalTo(5))
                    .body("find { it.alias == 'ART' }.lmsJsonParam", equalTo("progress"));
            assertTrue(!service.output().contains("art-only-token"), "the channel token is never printed");
        }
    }

    @ParameterizedTest(name = "{0}={1} stops the service")
    @CsvSource({
            "KOLLUS_CHANNELS_ORPHAN_PLAY_POLICY, ALLOW,    KOLLUS_CHANNELS_ORPHAN_KEY",
            "KOLLUS_CHANNELS_DEMO_PLAY_POLICY,   SOMETIMES, KOLLUS_CHANNELS_DEMO_PLAY_POLICY",
            "KOLLUS_CHANNELS_DEMO_PLAY_EXPIRATION, 24 hours, KOLLUS_CHANNELS_DEMO_PLAY_EXPIRATION",
            "KOLLUS_CHANNELS_DEMO_DOWNLOAD_PLAYTIME, 30,    KOLLUS_CHANNELS_DEMO_DOWNLOAD_PLAYTIME",
            "KOLLUS_PLATFORM_ALLOWED_CIDRS, 10.0.0.0/33,     KOLLUS_PLATFORM_ALLOWED_CIDRS",
            "KOLLUS_SERVICE_ACCOUNT_KEY,    '',              KOLLUS_SERVICE_ACCOUNT_KEY"
    })
    void malformedConfigurationStopsTheServiceNamingTheVariable(String variable, String value,
                                                                       String named) {
        Map<String, String> env = ServiceProcess.testEnvironment("kollus_platform_test", ServiceProcess.freePort());
        env.put("KOLLUS_CHANNELS_DEMO_KEY", "demo-channel");
        env.put(variable, value);

        ServiceProcess.assertRefusesToStart(env, named);
    }
}
