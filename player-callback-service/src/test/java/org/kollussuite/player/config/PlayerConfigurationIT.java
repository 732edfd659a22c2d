package org.kollussuite.player.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kollussuite.commons.testing.ServiceProcess;

import java.util.Map;

/** A configured value outside its documented range stops the service at start, naming the variable. */
class PlayerConfigurationIT {

    @ParameterizedTest(name = "{0}={1} stops the service")
    @CsvSource({
            "KOLLUS_CHANNELS_DEMO_DOWNLOAD_PLAY_COUNT,   1001,    KOLLUS_CHANNELS_DEMO_DOWNLOAD_PLAY_COUNT",
            "KOLLUS_CHANNELS_DEMO_DOWNLOAD_PLAYTIME,     59,      KOLLUS_CHANNELS_DEMO_DOWNLOAD_PLAYTIME",
            "KOLLUS_CHANNELS_DEMO_DOWNLOAD_REVOKED_ACTION, WIPE,  KOLLUS_CHANNELS_DEMO_DOWNLOAD_REVOKED_ACTION",
            "KOLLUS_CHANNELS_DEMO_PLAY_FAIL_MODE,        MAYBE,   KOLLUS_CHANNELS_DEMO_PLAY_FAIL_MODE",
            "KOLLUS_CHANNELS_DEMO_NEXT_EPISODE_PARAM_MCK, ' , ',  KOLLUS_CHANNELS_DEMO_NEXT_EPISODE_PARAM_MCK",
            "KOLLUS_CHANNELS_DEMO_NEXT_EPISODE_PARAM_USER, 'cuid,token', KOLLUS_CHANNELS_DEMO_NEXT_EPISODE_PARAM_USER",
            "KOLLUS_SECURITY_KEY,                        '',      KOLLUS_SECURITY_KEY",
            "PLAYER_CACHE_MAX_STALENESS,                 PT0S,    PLAYER_CACHE_MAX_STALENESS"
    })
    void anOutOfRangeSettingStopsTheServiceNamingTheVariable(String variable, String value, String named) {
        Map<String, String> env = ServiceProcess.testEnvironment("kollus_player_test", ServiceProcess.freePort());
        env.put("KOLLUS_CHANNELS_DEMO_KEY", "demo-channel");
        env.put(variable, value);

        ServiceProcess.assertRefusesToStart(env, named);
    }
}
