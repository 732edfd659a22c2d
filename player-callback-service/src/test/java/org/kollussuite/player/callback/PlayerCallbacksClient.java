package org.kollussuite.player.callback;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;

import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls player callbacks the way the Kollus player does and reads answers the way it does: HTTP 200,
 * {@code X-Kollus-UserKey}, a bare JWT verified with an independent library, integers as JSON integers.
 */
public final class PlayerCallbacksClient {

    public static final String TOKEN = "test-callback-token";
    public static final String SECURITY_KEY = "test-security-key";
    public static final String CUSTOM_KEY = "test-custom-key";
    public static final String ADMIN = "Bearer test-admin-token";

    public static final String OPEN = "open-channel";
    public static final String CLOSED = "closed-channel";
    public static final String COURSE = "course-channel";
    public static final String SERIES = "series-channel";
    public static final String FOREVER = "forever-channel";
    /** {@code PLAY_FAIL_MODE=ALLOW}: answers allow when entitlements cannot be read. */
    public static final String LENIENT = "lenient-channel";
    /** Next-episode parameters renamed, two CORS origins. */
    public static final String RENAMED = "renamed-channel";

    /** Fields Kollus reads as integers; a string or a fraction there breaks playback. */
    private static final Set<String> INTEGER_FIELDS = Set.of("result", "kind", "expiration_date", "expiration_playtime",
            "vmcheck", "content_expired", "expiration_count", "check_abuse", "content_delete", "content_expire_reset",
            "start_at", "expt");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlayerCallbacksClient() {
    }

    public static Response post(String channel, String callback, Map<String, String> form) {
        return given().queryParam("token", TOKEN)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(form)
                .post("/callbacks/channels/" + channel + "/" + callback);
    }

    /** The {@code data} of a play answer, after checking everything Kollus checks. */
    public static JsonNode play(String channel, Map<String, String> form) {
        return data(post(channel, "play", form));
    }

    public static JsonNode drm(String channel, Map<String, String> form) {
        return data(post(channel, "drm", form));
    }

    public static JsonNode nextEpisode(String channel, Map<String, String> form) {
        return data(post(channel, "next-episode", form));
    }

    /** Checks status, headers, signature and integer types of an answer and returns its {@code data}. */
    public static JsonNode data(Response response) {
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals(CUSTOM_KEY, response.header("X-Kollus-UserKey"));
        assertEquals("text/plain;charset=utf-8", response.contentType().replace(" ", "").toLowerCase());
        JsonNode payload = verified(response.asString());
        assertEquals(Set.of("data"), fieldNames(payload), "the payload carries data and nothing else");
        return payload.get("data");
    }

    /** The payload of {@code token}, verified with auth0 java-jwt and checked for integer types. */
    public static JsonNode verified(String token) {
        JWT.require(Algorithm.HMAC256(SECURITY_KEY)).build().verify(token);
        try {
            JsonNode payload = MAPPER.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            assertIntegers(payload);
            return payload;
        } catch (IOException e) {
            throw new AssertionError("the payload is not JSON", e);
        }
    }

    private static void assertIntegers(JsonNode node) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (INTEGER_FIELDS.contains(field.getKey())) {
                    assertTrue(field.getValue().isIntegralNumber(),
                            field.getKey() + " must be a JSON integer, was " + field.getValue());
                }
                assertIntegers(field.getValue());
            });
        } else if (node.isArray()) {
            node.forEach(PlayerCallbacksClient::assertIntegers);
        } else if (node.isNumber()) {
            assertTrue(node.isIntegralNumber(), "every number is an integer, not " + node);
        }
    }

    /** The sum of the Prometheus samples of {@code name} whose labels contain every one of {@code labels}. */
    public static double metric(String name, String... labels) {
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

    /** The newest rejected-callback record of {@code channel} whose parameters contain {@code marker}. */
    public static Map<String, Object> rejectedRecordOf(String channel, String marker) {
        List<Map<String, Object>> rejected = given().header("Authorization", ADMIN)
                .queryParam("status", "rejected").queryParam("channel", channel).queryParam("limit", 200)
                .get("/api/v1/callbacks").then().statusCode(200).extract().jsonPath().getList("$");
        return rejected.stream().filter(r -> r.get("parameters").toString().contains(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("no rejected record mentions " + marker));
    }

    public static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        Iterator<String> iterator = node.fieldNames();
        iterator.forEachRemaining(names::add);
        return names;
    }

    public static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    public static String newContent() {
        return "mck-" + UUID.randomUUID().toString().substring(0, 13);
    }

    public static Map<String, String> form(String... namesAndValues) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    public static Map<String, String> playForm(int kind, String user, String content) {
        return form("kind", String.valueOf(kind), "client_user_id", user, "player_id", "8272B31730355AA3C8384FCD42AD9DD4",
                "hardware_id", "", "device_name", "iPhone10,5", "media_content_key", content,
                "uservalues", "{\"uservalue0\":\"course-42\"}");
    }

    /** Grants an entitlement through the admin API and answers its id. */
    public static long grant(String user, String channel, String content, String validUntil, boolean download) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientUserId", user);
        body.put("channel", channel);
        if (content != null) {
            body.put("mediaContentKey", content);
        }
        if (validUntil != null) {
            body.put("validUntil", validUntil);
        }
        body.put("downloadAllowed", download);
        return given().header("Authorization", ADMIN).contentType("application/json").body(body)
                .put("/api/v1/entitlements").then().statusCode(200).extract().jsonPath().getLong("id");
    }

    public static void revoke(long id) {
        given().header("Authorization", ADMIN).delete("/api/v1/entitlements/" + id).then().statusCode(200);
    }
}
