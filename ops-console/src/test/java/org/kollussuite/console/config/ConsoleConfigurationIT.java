package org.kollussuite.console.config;

import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.ServiceProcess;

import java.util.HashMap;
import java.util.Map;

/** The console refuses to start with a setting it cannot use, and says which. */
class ConsoleConfigurationIT {

    private static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ServiceProcess.freePort()));
        env.put(ConfigKeys.env(ConfigKeys.ADMIN_API_TOKEN), "some-token");
        return env;
    }

    @Test
    void aServiceUrlThatIsNotAnHttpUrlStopsTheStartNamingIt() {
        Map<String, String> env = valid();
        env.put(ConfigKeys.env(ConfigKeys.NOTIFIER_URL), "notifier:8084");
        ServiceProcess.assertRefusesToStart(env, "CONSOLE_NOTIFIER_URL");
    }

    @Test
    void aMissingAdminTokenStopsTheStartNamingIt() {
        Map<String, String> env = valid();
        env.remove(ConfigKeys.env(ConfigKeys.ADMIN_API_TOKEN));
        ServiceProcess.assertRefusesToStart(env, ConfigKeys.ADMIN_API_TOKEN);
    }

    @Test
    void aPageSizeOutOfRangeStopsTheStartNamingIt() {
        Map<String, String> env = valid();
        env.put(ConfigKeys.env(ConfigKeys.PAGE_SIZE), "0");
        ServiceProcess.assertRefusesToStart(env, "CONSOLE_PAGE_SIZE");
    }

    @Test
    void anUnreadableActionTimeoutStopsTheStartNamingIt() {
        Map<String, String> env = valid();
        env.put(ConfigKeys.env(ConfigKeys.ACTION_TIMEOUT), "two minutes");
        ServiceProcess.assertRefusesToStart(env, ConfigKeys.ACTION_TIMEOUT);
    }
}
