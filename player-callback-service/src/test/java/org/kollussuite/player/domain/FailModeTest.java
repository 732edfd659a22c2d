package org.kollussuite.player.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.ProxiedDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.player.callback.PlayerCallbacksClient.COURSE;
import static org.kollussuite.player.callback.PlayerCallbacksClient.LENIENT;
import static org.kollussuite.player.callback.PlayerCallbacksClient.grant;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newContent;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.play;
import static org.kollussuite.player.callback.PlayerCallbacksClient.playForm;

@QuarkusTest
@WithTestResource(value = ProxiedDatabase.class,
        initArgs = @ResourceArg(name = ProxiedDatabase.DATABASE, value = "kollus_player_test"))
class FailModeTest {

    @AfterEach
    void reconnect() {
        ProxiedDatabase.proxy().restore();
    }

    @Test
    void withoutTheDatabaseEachChannelAnswersItsFailModeSignedAndInTime() {
        String cached = newUser();
        String content = newContent();
        grant(cached, COURSE, content, null, false);
        assertEquals(1, play(COURSE, playForm(1, cached, content)).get("result").intValue());

        ProxiedDatabase.proxy().cut();
        assertEquals(1, play(COURSE, playForm(1, cached, content)).get("result").intValue(),
                "a cached user still plays during the outage");

        long start = System.nanoTime();
        JsonNode strict = play(COURSE, playForm(1, newUser(), content));
        JsonNode lenient = play(LENIENT, playForm(1, newUser(), content));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(0, strict.get("result").intValue(), "PLAY_FAIL_MODE=DENY");
        assertEquals(1, lenient.get("result").intValue(), "PLAY_FAIL_MODE=ALLOW");
        assertTrue(elapsedMillis < 3000, "both answered within Kollus' 3 seconds: " + elapsedMillis + " ms");
    }
}
