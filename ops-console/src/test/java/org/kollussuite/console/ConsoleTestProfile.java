package org.kollussuite.console;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.RestAssured;
import org.kollussuite.console.config.ConfigKeys;

import java.util.Map;

/**
 * The console on its own, without the services behind it: enough for signing in, its headers and cookies. Wrong
 * tokens are not throttled here, so that tests sending many of them do not lock the others out.
 */
public class ConsoleTestProfile implements QuarkusTestProfile {

    public static final String TOKEN = "console-test-admin-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(ConfigKeys.ADMIN_API_TOKEN, TOKEN, ConfigKeys.ADMIN_API_FAILURE_LIMIT, "1000000");
    }

    /** The console under test, as a browser reaches it. */
    public static String consoleUrl() {
        return "http://localhost:" + RestAssured.port;
    }
}
