package org.kollussuite.player.callback;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.player.callback.PlayerCallbacksClient.CLOSED;
import static org.kollussuite.player.callback.PlayerCallbacksClient.COURSE;
import static org.kollussuite.player.callback.PlayerCallbacksClient.grant;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newContent;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.play;
import static org.kollussuite.player.callback.PlayerCallbacksClient.playForm;

@QuarkusTest
class PlayerMetricsTest {

    private static double metric(String name, String... labels) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : body.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                Matcher value = Pattern.compile(" ([0-9.E+-]+)$").matcher(line);
                assertTrue(value.find(), line);
                sum += Double.parseDouble(value.group(1));
            }
        }
        return sum;
    }

    @Test
    void decisionsAreCountedByChannelKindAndResult() {
        double denied = metric("kollus_player_decisions_total", "channel=\"CLOSED\"", "callback=\"play\"", "kind=\"3\"",
                "result=\"denied\"");

        play(CLOSED, playForm(3, newUser(), newContent()));
        play(CLOSED, playForm(3, newUser(), newContent()));

        assertEquals(denied + 2, metric("kollus_player_decisions_total", "channel=\"CLOSED\"", "callback=\"play\"",
                "kind=\"3\"", "result=\"denied\""));
        assertTrue(metric("kollus_player_decision_duration_seconds_count", "callback=\"play\"") >= 2);
    }

    @Test
    void theCacheHitRatioIsExposed() {
        String user = newUser();
        String content = newContent();
        grant(user, COURSE, content, null, false);
        double hits = metric("cache_gets_total", "cache=\"entitlements\"", "result=\"hit\"");
        double misses = metric("cache_gets_total", "cache=\"entitlements\"", "result=\"miss\"");

        play(COURSE, playForm(1, user, content));
        play(COURSE, playForm(3, user, content));
        play(COURSE, playForm(3, user, content));

        assertEquals(misses + 1, metric("cache_gets_total", "cache=\"entitlements\"", "result=\"miss\""));
        assertEquals(hits + 2, metric("cache_gets_total", "cache=\"entitlements\"", "result=\"hit\""));
    }
}
