package org.kollussuite.lms.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kollussuite.commons.testing.ServiceProcess;

import java.util.Map;

/** LMS settings as an operator gives them: real environment variables of a real process. */
class LmsConfigurationIT {

    @ParameterizedTest(name = "{0}={1} stops the service")
    @CsvSource({"LMS_WRITERS, 0, LMS_WRITERS", "LMS_BATCH_SIZE, many, lms.batch-size"})
    void anInvalidSettingStopsTheServiceNamingIt(String variable, String value, String named) {
        Map<String, String> env = ServiceProcess.testEnvironment("kollus_lms_test", ServiceProcess.freePort());
        env.put("KOLLUS_CHANNELS_DEMO_KEY", "demo-channel");
        env.put(variable, value);

        ServiceProcess.assertRefusesToStart(env, named);
    }
}
