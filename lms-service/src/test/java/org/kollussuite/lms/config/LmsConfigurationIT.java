package org.kollussuite.lms.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kollussuite.commons.testing.ServiceProcess;

import java.util.Map;

/** LMS settings as an operator gives them: real environment variables of a real process. */
class LmsConfigurationIT {

    @ParameterizedTest(name = "{0}={1} stops the service")
    @CsvSource(delimiter = '|', value = {
            "LMS_WRITERS                                 | 0          | LMS_WRITERS",
            "LMS_BATCH_SIZE                              | many       | lms.batch-size",
            "LMS_QUARANTINE_MAX_PER_CHANNEL              | 0          | LMS_QUARANTINE_MAX_PER_CHANNEL",
            "KOLLUS_CHANNELS_DEMO_LMS_BLOCK_KEYS         | B1,T{i},-  | KOLLUS_CHANNELS_DEMO_LMS_BLOCK_KEYS",
            "KOLLUS_CHANNELS_DEMO_LMS_PROGRESS_BASIS     | MINUTES    | KOLLUS_CHANNELS_DEMO_LMS_PROGRESS_BASIS",
            "KOLLUS_CHANNELS_DEMO_LMS_PARAM_START_AT     | ','        | KOLLUS_CHANNELS_DEMO_LMS_PARAM_START_AT",
            "KOLLUS_CHANNELS_DEMO_CORS_ORIGINS           | https://learn.example.com/path | KOLLUS_CHANNELS_DEMO_CORS_ORIGINS"
    })
    void anInvalidSettingStopsTheServiceNamingIt(String variable, String value, String named) {
        Map<String, String> env = ServiceProcess.testEnvironment("kollus_lms_test", ServiceProcess.freePort());
        env.put("KOLLUS_CHANNELS_DEMO_KEY", "demo-channel");
        env.put(variable, value);

        ServiceProcess.assertRefusesToStart(env, named);
    }
}
