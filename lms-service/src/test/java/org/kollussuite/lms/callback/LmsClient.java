package org.kollussuite.lms.callback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Posts LMS snapshots the way the Kollus player does: {@code json_data} in the form, the token in the query. */
public final class LmsClient {

    public static final String TOKEN = "test-callback-token";
    public static final String ADMIN = "Bearer test-admin-token";
    public static final String MATH = "math-channel";
    public static final String RENAMED = "renamed-channel";
    /** Sends flat keys only: ID, MCK, TM, PT, real_playtime, ET, DUR and 1-based B1..B10, T1..T10. */
    public static final String FLAT = "flat-channel";
    /** Block information off, progress by playtime. */
    public static final String NO_BLOCKS = "noblocks-channel";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LmsClient() {
    }

    /** A snapshot of session {@code startAt}: cumulative playtimes, the last position and the watched blocks of 10. */
    public static ObjectNode snapshot(String user, String content, long startAt, long playtime, long realPlaytime,
                                      int lastPosition, Set<Integer> watched) {
        ObjectNode document = MAPPER.createObjectNode();
        document.putObject("user_info").put("client_user_id", user).put("player_id", "player-" + startAt)
                .put("content_provider_key", "acme-edu");
        document.putObject("content_info").put("media_content_key", content).put("channel_key", MATH)
                .put("duration", 1000).put("start_at", startAt).put("playtime", playtime)
                .put("real_playtime", realPlaytime).put("last_play_at", lastPosition).put("runtime", playtime + 5);
        ObjectNode blocks = document.putObject("block_info").put("block_count", 10).putObject("blocks");
        for (int i = 0; i < 10; i++) {
            boolean seen = watched.contains(i);
            blocks.put("b" + i, seen ? 1 : 0).put("t" + i, seen ? 100 : 0).put("p" + i, seen ? 100 : 0);
        }
        return document;
    }

    /** The values of a JSON snapshot as the flat channel's plugin options send them. */
    public static Map<String, String> flat(ObjectNode document) {
        Map<String, String> flat = new LinkedHashMap<>();
        JsonNode content = document.path("content_info");
        flat.put("ID", document.path("user_info").path("client_user_id").asText());
        flat.put("MCK", content.path("media_content_key").asText());
        flat.put("TM", content.path("start_at").asText());
        flat.put("PT", content.path("playtime").asText());
        flat.put("real_playtime", content.path("real_playtime").asText());
        flat.put("ET", content.path("last_play_at").asText());
        flat.put("DUR", content.path("duration").asText());
        flat.put("status", "play");
        JsonNode blocks = document.path("block_info").path("blocks");
        for (int i = 0; i < document.path("block_info").path("block_count").asInt(); i++) {
            flat.put("B" + (i + 1), blocks.path("b" + i).asText());
            flat.put("T" + (i + 1), blocks.path("t" + i).asText());
        }
        return flat;
    }

    /** Posts {@code form} to the channel's LMS URL. */
    public static ValidatableResponse postForm(String channel, Map<String, String> form) {
        return given().queryParam("token", TOKEN).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(form).post("/callbacks/channels/" + channel + "/lms").then();
    }

    /** The quarantine entry of {@code channel} whose body or parameters contain {@code marker}, once it is there. */
    public static Map<String, Object> quarantined(String channel, String marker) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<Map<String, Object>> entries = given().header("Authorization", ADMIN).queryParam("channel", channel)
                    .queryParam("limit", 1000).get("/api/v1/quarantine").then().statusCode(200).extract().jsonPath()
                    .getList("$");
            return entries.stream().filter(e -> String.valueOf(e.get("body")).contains(marker)
                    || String.valueOf(e.get("parameters")).contains(marker)).findFirst();
        }, Optional::isPresent).orElseThrow();
    }

    public static ValidatableResponse post(String channel, String parameter, String json) {
        return given().queryParam("token", TOKEN).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam(parameter, json)
                .post("/callbacks/channels/" + channel + "/lms").then();
    }

    public static void store(ObjectNode snapshot) {
        post(MATH, "json_data", snapshot.toString()).statusCode(200).contentType("application/json")
                .body("result", org.hamcrest.Matchers.equalTo(1));
    }

    public static JsonPath progress(String channel, String content, String user) {
        return given().header("Authorization", ADMIN)
                .get("/api/v1/progress/" + channel + "/" + content + "/" + user)
                .then().statusCode(200).extract().jsonPath();
    }

    public static String newUser() {
        return "learner-" + UUID.randomUUID();
    }

    public static String newContent() {
        return "mck-" + UUID.randomUUID().toString().substring(0, 13);
    }
}
