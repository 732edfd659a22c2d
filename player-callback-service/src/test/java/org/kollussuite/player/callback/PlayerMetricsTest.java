package org.kollussuite.player.callback;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.player.callback.PlayerCallbacksClient.CLOSED;
import static org.kollussuite.player.callback.PlayerCallbacksClient.COURSE;
import static org.kollussuite.player.callback.PlayerCallbacksClient.grant;
import static org.kollussuite.player.callback.PlayerCallbacksClient.metric;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newContent;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.play;
import static org.kollussuite.player.callback.PlayerCallbacksClient.playForm;

@QuarkusTest
class PlayerMetricsTest {

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
