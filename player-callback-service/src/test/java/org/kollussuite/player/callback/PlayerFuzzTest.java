package org.kollussuite.player.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.player.callback.PlayerCallbacksClient.ADMIN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.COURSE;
import static org.kollussuite.player.callback.PlayerCallbacksClient.CUSTOM_KEY;
import static org.kollussuite.player.callback.PlayerCallbacksClient.TOKEN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.grant;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newContent;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.play;
import static org.kollussuite.player.callback.PlayerCallbacksClient.playForm;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.Fuzzing;
import org.kollussuite.commons.testing.Metrics;
import org.kollussuite.commons.testing.RawHttp;

/**
 * Hostile requests to every player URL, with an honest viewer playing meanwhile: each gets a signed denial
 * (or the admin API's JSON refusal), never a 5xx, never a grant, and no received value becomes a metric label.
 */
@QuarkusTest
class PlayerFuzzTest {

    private static final List<String> PLAY_NAMES = List.of("kind", "client_user_id", "media_content_key", "player_id",
            "hardware_id", "device_name", "uservalues");
    private static final List<String> DRM_NAMES = List.of("items", "kind", "client_user_id", "media_content_key",
            "session_key", "start_at", "content_expired", "uservalues");
    private static final List<String> NEXT_NAMES = List.of("mck", "media_content_key", "client_user_id", "cuid");
    private static final List<String> ADMIN_NAMES = List.of("clientUserId", "channel", "mediaContentKey", "limit",
            "offset", "status", "callback");
    private static final Set<String> KIND_LABELS = Set.of("1", "2", "3", "invalid", "unknown");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String honestUser = newUser();
    private final String honestContent = newContent();

    @BeforeEach
    void grantTheHonestViewer() {
        grant(honestUser, COURSE, honestContent, null, false);
    }

    @AfterEach
    void noReceivedValueBecameALabel() {
        Map<String, Set<String>> labels = Metrics.labelValues("kollus_");
        assertTrue(KIND_LABELS.containsAll(labels.getOrDefault("kind", Set.of())), labels.get("kind").toString());
        labels.getOrDefault("channel", Set.of()).forEach(channel ->
                assertTrue(channel.matches("[A-Z0-9_]+|unknown"), "channel label " + channel));
        // Histogram buckets ("le") are a fixed set of their own, as large as the timer's percentile histogram.
        labels.forEach((label, values) -> assertTrue(label.equals("le") || values.size() <= 40,
                label + " took " + values.size() + " values"));
    }

    @Test
    void hostilePlayCallbacksAreAllAnsweredWithSignedDenials() {
        fuzzCallback("play", PLAY_NAMES);
    }

    @Test
    void hostileDrmCallbacksAreAllAnsweredWithSignedDenials() {
        fuzzCallback("drm", DRM_NAMES);
    }

    @Test
    void hostileNextEpisodeCallbacksAreAllAnsweredWithSignedRefusals() {
        fuzzCallback("next-episode", NEXT_NAMES);
    }

    @Test
    void hostileAdminQueriesAreAnsweredWithJsonOrRefusedAsJson() {
        for (String path : List.of("/api/v1/entitlements", "/api/v1/callbacks")) {
            Fuzzing.fuzz("player GET " + path, ADMIN_NAMES,
                    inputs -> inputs.request("GET", path).withHeader("Authorization", ADMIN),
                    PlayerFuzzTest::jsonAnswer, honestViewer());
        }
    }

    @Test
    void hostileEntitlementBodiesAreRefusedAsJson() {
        Fuzzing.fuzz("player PUT entitlements", List.of("clientUserId", "channel", "mediaContentKey", "validFrom",
                        "validUntil", "downloadAllowed"),
                inputs -> inputs.request("PUT", "/api/v1/entitlements").withHeader("Authorization", ADMIN),
                PlayerFuzzTest::jsonAnswer, honestViewer());
    }

    private void fuzzCallback(String callback, List<String> names) {
        String path = "/callbacks/channels/" + COURSE + "/" + callback + "?token=" + TOKEN;
        Fuzzing.fuzz("player " + callback, names, inputs -> inputs.request("POST", path),
                PlayerFuzzTest::signedRefusal, honestViewer());
    }

    /** A signed answer that grants nothing. */
    private static void signedRefusal(RawHttp.Answer answer) {
        assertEquals(200, answer.status(), answer.text());
        assertEquals(CUSTOM_KEY, answer.header("X-Kollus-UserKey"));
        JsonNode data = PlayerCallbacksClient.verified(answer.text()).get("data");
        assertNotEquals(1, granted(data), "a hostile request was granted: " + data);
    }

    /** The admin API's answer: a JSON list or object, or a JSON error; never a bare framework page. */
    private static void jsonAnswer(RawHttp.Answer answer) {
        try {
            JsonNode body = MAPPER.readTree(answer.text());
            if (answer.status() >= 400) {
                assertTrue(body.hasNonNull("error") && body.hasNonNull("message"), answer.status() + " " + body);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(answer.status() + " is not JSON: " + answer.text());
        }
    }

    /** 1 when any item of {@code data} was granted: a play, a download or a next episode. */
    private static int granted(JsonNode data) {
        if (data.isArray()) {
            for (JsonNode item : data) {
                if (granted(item) == 1) {
                    return 1;
                }
            }
            return 0;
        }
        return data.path("result").asInt(0);
    }

    private Callable<Boolean> honestViewer() {
        return () -> play(COURSE, playForm(1, honestUser, honestContent)).get("result").intValue() == 1;
    }
}
