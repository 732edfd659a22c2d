package org.kollussuite.player.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.kollussuite.player.callback.PlayerCallbacksClient.ADMIN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.COURSE;
import static org.kollussuite.player.callback.PlayerCallbacksClient.OPEN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newContent;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.play;
import static org.kollussuite.player.callback.PlayerCallbacksClient.playForm;

@QuarkusTest
class EntitlementsApiTest {

    private static JsonPath put(String json) {
        return given().header("Authorization", ADMIN).contentType("application/json").body(json)
                .put("/api/v1/entitlements").then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, Object>> listOf(String user) {
        return given().header("Authorization", ADMIN).queryParam("clientUserId", user)
                .get("/api/v1/entitlements").then().statusCode(200).extract().jsonPath().getList("$");
    }

    @Test
    void theSameUserChannelAndContentIsTheSameEntitlement() {
        String user = newUser();
        String content = newContent();
        long first = put("{\"clientUserId\":\"" + user + "\",\"channel\":\"" + COURSE + "\",\"mediaContentKey\":\""
                + content + "\",\"validUntil\":\"2030-01-01T00:00:00Z\"}").getLong("id");

        JsonPath second = put("{\"clientUserId\":\"" + user + "\",\"channel\":\"" + COURSE + "\",\"mediaContentKey\":\""
                + content + "\",\"validFrom\":\"2026-01-01T00:00:00Z\",\"validUntil\":\"2031-01-01T00:00:00Z\","
                + "\"downloadAllowed\":true}");

        assertEquals(first, second.getLong("id"));
        assertEquals("2031-01-01T00:00:00Z", second.getString("validUntil"));
        assertEquals("2026-01-01T00:00:00Z", second.getString("validFrom"));
        assertEquals(true, second.getBoolean("downloadAllowed"));
        assertEquals(1, listOf(user).size());
    }

    @Test
    void grantingARevokedEntitlementAgainLiftsTheRevocation() {
        String user = newUser();
        String json = "{\"clientUserId\":\"" + user + "\",\"channel\":\"" + COURSE + "\"}";
        long id = put(json).getLong("id");
        given().header("Authorization", ADMIN).delete("/api/v1/entitlements/" + id)
                .then().statusCode(200).body("revokedAt", notNullValue()).body("mediaContentKey", nullValue());
        assertEquals(0, play(COURSE, playForm(1, user, newContent())).get("result").intValue());

        assertNull(put(json).get("revokedAt"));

        assertEquals(1, play(COURSE, playForm(1, user, newContent())).get("result").intValue());
    }

    @Test
    void revokingAnUnknownEntitlementAnswers404() {
        given().header("Authorization", ADMIN).delete("/api/v1/entitlements/999999999")
                .then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void anInvalidEntitlementIsRefusedWithEveryProblemNamed() {
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"channel\":\"nowhere\",\"validFrom\":\"2030-01-01T00:00:00Z\",\"validUntil\":\"2029-01-01T00:00:00Z\"}")
                .put("/api/v1/entitlements")
                .then().statusCode(400).body("error", equalTo("invalid_entitlement"))
                .body("message", containsString("clientUserId is required"))
                .body("message", containsString("channel 'nowhere' is not configured"))
                .body("message", containsString("validUntil must be after validFrom"));
    }

    @Test
    void anUnreadableInstantIsA400Json() {
        given().header("Authorization", ADMIN).contentType("application/json")
                .body("{\"clientUserId\":\"u\",\"channel\":\"" + COURSE + "\",\"validUntil\":\"next tuesday\"}")
                .put("/api/v1/entitlements")
                .then().statusCode(400).contentType("application/json").body("error", equalTo("malformed_json"))
                .body("message", containsString("validUntil"));
    }

    @Test
    void theListFiltersByChannelAndContent() {
        String user = newUser();
        String content = newContent();
        put("{\"clientUserId\":\"" + user + "\",\"channel\":\"" + COURSE + "\",\"mediaContentKey\":\"" + content + "\"}");
        put("{\"clientUserId\":\"" + user + "\",\"channel\":\"" + COURSE + "\"}");
        put("{\"clientUserId\":\"" + user + "\",\"channel\":\"" + OPEN + "\"}");

        List<Map<String, Object>> course = given().header("Authorization", ADMIN).queryParam("clientUserId", user)
                .queryParam("channel", COURSE).get("/api/v1/entitlements").then().statusCode(200)
                .extract().jsonPath().getList("$");
        List<Map<String, Object>> oneContent = given().header("Authorization", ADMIN).queryParam("clientUserId", user)
                .queryParam("mediaContentKey", content).get("/api/v1/entitlements").then().statusCode(200)
                .extract().jsonPath().getList("$");

        assertEquals(3, listOf(user).size());
        assertEquals(2, course.size());
        assertEquals(1, oneContent.size());
        assertEquals(content, oneContent.get(0).get("mediaContentKey"));
    }

    @Test
    void anImportGrantsEveryLineAndALaterLineWinsForTheSameKey() {
        String prefix = newUser();
        String lines = IntStream.range(0, 500)
                .mapToObj(i -> "{\"clientUserId\":\"" + prefix + "-" + i + "\",\"channel\":\"" + COURSE
                        + "\",\"validUntil\":\"2030-01-01T00:00:00Z\"}")
                .collect(Collectors.joining("\n"))
                + "\n\n{\"clientUserId\":\"" + prefix + "-0\",\"channel\":\"" + COURSE + "\",\"downloadAllowed\":true}\n";

        given().header("Authorization", ADMIN).contentType("application/x-ndjson").body(lines.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/entitlements/import")
                .then().statusCode(200).body("imported", equalTo(500)).body("lines", equalTo(502));

        List<Map<String, Object>> first = listOf(prefix + "-0");
        assertEquals(1, first.size());
        assertEquals(true, first.get(0).get("downloadAllowed"));
        assertNull(first.get(0).get("validUntil"));
        assertEquals(1, listOf(prefix + "-499").size());
        assertEquals(1, play(COURSE, playForm(1, prefix + "-250", newContent())).get("result").intValue());
    }

    @Test
    void anImportWithABadLineImportsNothingAndNamesTheLine() {
        String user = newUser();
        String lines = "{\"clientUserId\":\"" + user + "\",\"channel\":\"" + COURSE + "\"}\n"
                + "{\"clientUserId\":\"" + user + "-2\",\"channel\":\"nowhere\"}\n"
                + "{not json}\n";

        given().header("Authorization", ADMIN).contentType("application/x-ndjson").body(lines.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/entitlements/import")
                .then().statusCode(400).body("error", equalTo("invalid_import"))
                .body("message", containsString("2 invalid line(s)"))
                .body("message", containsString("line 2: channel 'nowhere' is not configured"))
                .body("message", containsString("line 3: not a valid entitlement"));

        assertEquals(0, listOf(user).size());
    }

    @Test
    void theApiNeedsTheBearerToken() {
        given().contentType("application/json").body("{}").put("/api/v1/entitlements").then().statusCode(401);
        given().contentType("application/x-ndjson").body("{}".getBytes(StandardCharsets.UTF_8)).post("/api/v1/entitlements/import").then().statusCode(401);
        assertNotNull(given().get("/api/v1/entitlements").then().statusCode(401).extract().jsonPath().getString("error"));
    }
}
