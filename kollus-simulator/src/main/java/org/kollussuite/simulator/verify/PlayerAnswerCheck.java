package org.kollussuite.simulator.verify;

import com.fasterxml.jackson.databind.JsonNode;
import org.kollussuite.simulator.http.Answer;
import org.kollussuite.simulator.wire.DrmItem;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges the answers to play, DRM and next-episode callbacks as the Kollus player would, and then
 * some: HTTP 200, the {@code X-Kollus-UserKey} header equal to the custom key, a JWT signed with the
 * security key, every field the wire format types as an integer a JSON integer
 * (kollus-callbacks.md §3.3, §4.3), and the decision the simulation expects.
 */
public final class PlayerAnswerCheck {

    /** The last date Kollus accepts in an {@code expiration_date}. */
    private static final long LAST_EXPIRATION = 1893455999L;

    private static final Set<String> INTEGER_FIELDS = Set.of("result", "kind", "expiration_date",
            "expiration_playtime", "expiration_count", "expiration_playtime_type", "expiration_refresh_popup",
            "vmcheck", "disable_tvout", "content_expired", "check_abuse", "check_expiration_date",
            "content_delete", "content_expire_reset", "start_at");

    private final KollusJwtVerifier jwt;
    private final byte[] customKey;

    public PlayerAnswerCheck(String securityKey, String customKey) {
        this.jwt = new KollusJwtVerifier(securityKey);
        this.customKey = customKey.getBytes(StandardCharsets.UTF_8);
    }

    /** Checks a play answer; {@code allowed} is the decision due. */
    public void play(int kind, boolean allowed, Answer answer, Violations.Sink sink) {
        JsonNode data = data(answer, sink);
        if (data == null) {
            return;
        }
        if (!data.isObject()) {
            sink.violation("answer", "data of a play answer is not an object");
            return;
        }
        integers(data, sink);
        result(data, allowed, sink);
        if (allowed && kind == 1) {
            long expiration = data.path("expiration_date").asLong(-1);
            if (expiration < 0 || expiration > LAST_EXPIRATION) {
                sink.violation("answer", "expiration_date " + data.path("expiration_date") + " is outside 0.." + LAST_EXPIRATION);
            }
        }
        if (kind == 3) {
            expectLong(data, "content_expired", allowed ? 0 : 1, sink);
        }
    }

    /** Checks a DRM answer: one result per item, in order, echoing what it must. */
    public void drm(List<DrmItem> items, boolean allowed, Answer answer, Violations.Sink sink) {
        JsonNode data = data(answer, sink);
        if (data == null) {
            return;
        }
        if (!data.isArray() || data.size() != items.size()) {
            sink.violation("answer", "data is not an array of " + items.size() + " result(s)");
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            DrmItem item = items.get(i);
            JsonNode element = data.get(i);
            integers(element, sink);
            expectLong(element, "kind", item.kind(), sink);
            if (!item.mediaContentKey().equals(element.path("media_content_key").asText(null))) {
                sink.violation("echo", "item " + i + " does not echo media_content_key");
            }
            result(element, allowed, sink);
            if (item.kind() == 3) {
                if (!item.sessionKey().equals(element.path("session_key").asText(null))) {
                    sink.violation("echo", "kind 3 does not echo session_key");
                }
                expectLong(element, "start_at", item.startAt(), sink);
            }
        }
    }

    /**
     * Checks a next-episode answer. {@code expectedNext} null means no next episode is due
     * ({@code result: 0}); otherwise the answer must name it and carry a signed player URL for it.
     */
    public void nextEpisode(String expectedNext, Answer answer, Violations.Sink sink) {
        JsonNode data = data(answer, sink);
        if (data == null) {
            return;
        }
        integers(data, sink);
        result(data, expectedNext != null, sink);
        if (expectedNext == null || data.path("result").asInt(-1) != 1) {
            return;
        }
        if (!expectedNext.equals(data.path("media_content_key").asText(null))) {
            sink.violation("expected-result", "next episode is " + data.path("media_content_key") + ", not " + expectedNext);
        }
        playerUrl(data.path("url").asText(""), expectedNext, sink);
    }

    /** The player URL's JWT must be ours too, and its {@code custom_key} the custom key. */
    private void playerUrl(String url, String expectedContent, Violations.Sink sink) {
        Map<String, String> query = new HashMap<>();
        String raw = url.isEmpty() ? null : URI.create(url).getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        if (!query.containsKey("jwt")) {
            sink.violation("answer", "url carries no jwt");
            return;
        }
        if (!matchesCustomKey(query.get("custom_key"))) {
            sink.violation("user-key", "custom_key of the player URL is not the custom key");
        }
        JsonNode player = jwt.verify(query.get("jwt"), sink);
        if (player == null) {
            return;
        }
        if (!player.path("expt").isIntegralNumber()) {
            sink.violation("integer-type", "expt of the player JWT is " + player.path("expt").getNodeType() + ", not an integer");
        }
        if (!expectedContent.equals(player.path("mc").path(0).path("mckey").asText(null))) {
            sink.violation("answer", "player JWT mc[0].mckey is not " + expectedContent);
        }
    }

    /** The verified {@code data} of the answer, or null when the envelope is already wrong. */
    private JsonNode data(Answer answer, Violations.Sink sink) {
        if (answer.failure() != null || answer.status() != 200) {
            sink.violation("http-status", "answered " + answer.outcome() + ", the player refuses anything but 200");
            return null;
        }
        String userKey = answer.header().apply("X-Kollus-UserKey").orElse(null);
        if (userKey == null) {
            sink.violation("user-key", "X-Kollus-UserKey header missing");
        } else if (!matchesCustomKey(userKey)) {
            sink.violation("user-key", "X-Kollus-UserKey is not the custom key");
        }
        JsonNode payload = jwt.verify(answer.body(), sink);
        if (payload == null) {
            return null;
        }
        if (!payload.has("data")) {
            sink.violation("answer", "payload has no data");
            return null;
        }
        return payload.get("data");
    }

    private boolean matchesCustomKey(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), customKey);
    }

    private static void integers(JsonNode data, Violations.Sink sink) {
        data.fields().forEachRemaining(field -> {
            if (INTEGER_FIELDS.contains(field.getKey()) && !field.getValue().isIntegralNumber()) {
                sink.violation("integer-type", field.getKey() + " is " + field.getValue().getNodeType()
                        + " " + field.getValue() + ", not an integer");
            }
        });
    }

    private static void result(JsonNode data, boolean allowed, Violations.Sink sink) {
        int due = allowed ? 1 : 0;
        if (data.path("result").asInt(-1) != due) {
            sink.violation("expected-result", "result is " + data.path("result") + ", " + due + " was due"
                    + (data.hasNonNull("message") ? " (message: " + data.get("message").asText() + ")" : ""));
        }
        if (!allowed && !data.path("message").isTextual()) {
            sink.violation("answer", "a denial carries no message");
        }
    }

    private static void expectLong(JsonNode data, String field, long due, Violations.Sink sink) {
        if (!data.path(field).isIntegralNumber() || data.get(field).asLong() != due) {
            sink.violation("expected-result", field + " is " + data.path(field) + ", " + due + " was due");
        }
    }
}
