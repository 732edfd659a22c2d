package org.kollussuite.notifier.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kollussuite.commons.testing.ServiceProcess;

import java.util.Map;

/** An invalid endpoint setting stops the notifier at start, naming the variable. */
class WebhookConfigurationIT {

    @ParameterizedTest(name = "{0}={1} stops the service")
    @CsvSource({
            "NOTIFIER_WEBHOOKS_CMS_URL,            ftp://cms.example,   NOTIFIER_WEBHOOKS_CMS_URL",
            "NOTIFIER_WEBHOOKS_CMS_SECRET,         plain-password,      NOTIFIER_WEBHOOKS_CMS_SECRET",
            "NOTIFIER_WEBHOOKS_CMS_EVENTS,         'kollus.lms.*,LMS!', NOTIFIER_WEBHOOKS_CMS_EVENTS",
            "NOTIFIER_WEBHOOKS_CMS_CHANNELS,       NOSUCHCHANNEL,       NOTIFIER_WEBHOOKS_CMS_CHANNELS",
            "NOTIFIER_WEBHOOKS_CMS_RETRY_SCHEDULE, 'PT5S,5 minutes',    NOTIFIER_WEBHOOKS_CMS_RETRY_SCHEDULE",
            "NOTIFIER_WEBHOOKS_CMS_MAX_IN_FLIGHT,  0,                   NOTIFIER_WEBHOOKS_CMS_MAX_IN_FLIGHT"
    })
    void anInvalidEndpointSettingStopsTheServiceNamingTheVariable(String variable, String value, String named) {
        Map<String, String> env = ServiceProcess.testEnvironment("kollus_notifier_test", ServiceProcess.freePort());
        env.put("KOLLUS_CHANNELS_DEMO_KEY", "demo-channel");
        env.put("NOTIFIER_WEBHOOKS_CMS_URL", "https://cms.example/hooks");
        env.put("NOTIFIER_WEBHOOKS_CMS_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        env.put(variable, value);

        ServiceProcess.assertRefusesToStart(env, named);
    }
}
