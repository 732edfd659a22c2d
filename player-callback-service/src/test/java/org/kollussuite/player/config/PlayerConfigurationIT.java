package org.kollussuite.player.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kollussuite.commons.testing.ServiceProcess;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A configured value outside its documented range stops the service at start, naming the variable. */
class PlayerConfigurationIT {

    @ParameterizedTest(name = "{0}={1} stops the service")
    @CsvSource({
            "KOLLUS_CHANNELS_DEMO_DOWNLOAD_PLAY_COUNT,   1001,    KOLLUS_CHANNELS_DEMO_DOWNLOAD_PLAY_COUNT",
            "KOLLUS_CHANNELS_DEMO_DOWNLOAD_PLAYTIME,     59,      KOLLUS_CHANNELS_DEMO_DOWNLOAD_PLAYTIME",
            "KOLLUS_CHANNELS_DEMO_DOWNLOAD_PLAYTIME,     604801,  KOLLUS_CHANNELS_DEMO_DOWNLOAD_PLAYTIME",
            "KOLLUS_CHANNELS_DEMO_DOWNLOAD_EXPIRATION,   -PT1H,   KOLLUS_CHANNELS_DEMO_DOWNLOAD_EXPIRATION",
            "KOLLUS_CHANNELS_DEMO_DOWNLOAD_CHECK_ABUSE,  yes,     KOLLUS_CHANNELS_DEMO_DOWNLOAD_CHECK_ABUSE",
            "KOLLUS_CHANNELS_DEMO_DOWNLOAD_REVOKED_ACTION, WIPE,  KOLLUS_CHANNELS_DEMO_DOWNLOAD_REVOKED_ACTION",
            "KOLLUS_CHANNELS_DEMO_PLAY_FAIL_MODE,        MAYBE,   KOLLUS_CHANNELS_DEMO_PLAY_FAIL_MODE",
            "KOLLUS_CHANNELS_DEMO_NEXT_EPISODE_ORDER,    RANDOM,  KOLLUS_CHANNELS_DEMO_NEXT_EPISODE_ORDER",
            "KOLLUS_SECURITY_KEY,                        '',      KOLLUS_SECURITY_KEY",
            "KOLLUS_CUSTOM_KEY,                          '',      KOLLUS_CUSTOM_KEY",
            "PLAYER_CACHE_MAX_STALENESS,                 PT0S,    PLAYER_CACHE_MAX_STALENESS"
    })
    void anOutOfRangeSettingStopsTheServiceNamingTheVariable(String variable, String value, String named) {
        Map<String, String> env = ServiceProcess.testEnvironment("kollus_player_test", ServiceProcess.freePort());
        env.put("KOLLUS_CHANNELS_DEMO_KEY", "demo-channel");
        env.put(variable, value);

        try (ServiceProcess service = ServiceProcess.start(env)) {
            int exit = service.awaitExit(Duration.ofSeconds(60));

            assertNotEquals(0, exit);
            assertTrue(service.output().contains(named), () -> "the output names " + named + ":\n" + service.output());
        }
    }
}
