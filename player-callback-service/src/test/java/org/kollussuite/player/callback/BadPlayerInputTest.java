package org.kollussuite.player.callback;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.RawHttp;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.player.callback.PlayerCallbacksClient.ADMIN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.LENIENT;
import static org.kollussuite.player.callback.PlayerCallbacksClient.OPEN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.TOKEN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.data;
import static org.kollussuite.player.callback.PlayerCallbacksClient.drm;
import static org.kollussuite.player.callback.PlayerCallbacksClient.form;
import static org.kollussuite.player.callback.PlayerCallbacksClient.metric;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newContent;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.play;

@QuarkusTest
class BadPlayerInputTest {

    /** The default {@code PLAY_DENY_MESSAGE}: what a viewer reads of every refusal on the open channel. */
    static final String DENY_MESSAGE = "You are not allowed to play this content.";

    private static Map<String, Object> rejectedRecordOf(String marker) {
        return PlayerCallbacksClient.rejectedRecordOf(OPEN, marker);
    }

    @Test
    void anUnknownChannelAnswers404Json() {
        given().queryParam("token", TOKEN).formParam("kind", "1")
                .post("/callbacks/channels/no-such-channel/play")
                .then().statusCode(404).contentType("application/json")
                .body("error", equalTo("unknown_channel")).body("message", containsString("no-such-channel"));
    }

    @Test
    void aWrongTokenAnswers401AndNoJwt() {
        given().queryParam("token", "wrong").formParam("kind", "1")
                .post("/callbacks/channels/" + OPEN + "/play")
                .then().statusCode(401).contentType("application/json").body("error", equalTo("unauthorized"));
        given().formParam("kind", "1").post("/callbacks/channels/" + OPEN + "/drm")
                .then().statusCode(401).body("message", containsString("missing"));
    }

    @Test
    void aMissingUserGetsASignedDenialAndARejectedRecord() {
        String content = newContent();

        JsonNode data = play(OPEN, form("kind", "1", "media_content_key", content));

        assertEquals(0, data.get("result").intValue());
        assertEquals(DENY_MESSAGE, data.get("message").textValue(), "the viewer reads the channel's text");
        Map<String, Object> record = rejectedRecordOf(content);
        assertEquals("missing_parameter", record.get("error"));
        assertEquals("client_user_id is required", record.get("message"), "the operator reads the reason");
        assertEquals("play", record.get("callback"));
        assertFalse(record.get("parameters").toString().contains("token"), "the token is never stored");
    }

    @Test
    void aMissingContentKeyOnKind3AlsoExpiresTheContent() {
        String user = newUser();

        JsonNode data = play(OPEN, form("kind", "3", "client_user_id", user));

        assertEquals(0, data.get("result").intValue());
        assertEquals(1, data.get("content_expired").intValue());
        assertEquals(DENY_MESSAGE, data.get("message").textValue());
        assertEquals("media_content_key is required", rejectedRecordOf(user).get("message"));
    }

    @Test
    void anUnknownKindGetsASignedDenial() {
        String user = newUser();

        JsonNode data = play(OPEN, form("kind", "2", "client_user_id", user, "media_content_key", newContent()));

        assertEquals(0, data.get("result").intValue());
        assertEquals(DENY_MESSAGE, data.get("message").textValue());
        Map<String, Object> record = rejectedRecordOf(user);
        assertEquals("unknown_kind", record.get("error"));
        assertTrue(record.get("message").toString().contains("kind 2"), record.toString());
    }

    @Test
    void aKindThatIsNotANumberGetsASignedDenial() {
        String user = newUser();

        JsonNode data = play(OPEN, form("kind", "one", "client_user_id", user, "media_content_key", newContent()));

        assertEquals(0, data.get("result").intValue());
        assertEquals("invalid_parameter", rejectedRecordOf(user).get("error"));
    }

    @Test
    void malformedUservaluesGetASignedDenial() {
        String user = newUser();

        JsonNode data = play(OPEN, form("kind", "1", "client_user_id", user, "media_content_key", newContent(),
                "uservalues", "{\"uservalue0\":"));

        assertEquals(0, data.get("result").intValue());
        assertEquals(DENY_MESSAGE, data.get("message").textValue(), "no parser output reaches the viewer");
        Map<String, Object> record = rejectedRecordOf(user);
        assertEquals("malformed_json", record.get("error"));
        assertTrue(record.get("message").toString().startsWith("uservalues is not valid JSON"), record.toString());
    }

    @Test
    void aDrmKindBeyondSixtyFourBitsIsDeniedNotWrappedToAnotherKind() {
        String user = newUser();
        String content = newContent();

        JsonNode data = drm(LENIENT, form("items", "[{\"kind\":18446744073709551617,\"client_user_id\":\"" + user
                + "\",\"media_content_key\":\"" + content + "\"},{\"kind\":1.8446744073709552E19,\"client_user_id\":\""
                + user + "\",\"media_content_key\":\"" + content + "\"}]"));

        assertEquals(0, data.get(0).get("result").intValue(), "2^64+1 is not kind 1");
        assertEquals(0, data.get(1).get("result").intValue(), "nor is a huge number written as a fraction");
        Map<String, Object> record = PlayerCallbacksClient.rejectedRecordOf(LENIENT, user);
        assertEquals("invalid_parameter", record.get("error"));
        assertTrue(record.get("message").toString().contains("64-bit"), record.toString());
    }

    @Test
    void aNulInADrmUserIdDeniesThatItemEvenOnAFailOpenChannel() {
        String user = newUser();
        String content = newContent();

        JsonNode data = drm(LENIENT, form("items", "[{\"kind\":1,\"client_user_id\":\"" + user + "\\u0000x\","
                + "\"media_content_key\":\"" + content + "\"},{\"kind\":1,\"client_user_id\":\"" + user
                + "\",\"media_content_key\":\"" + content + "\"}]"));

        assertEquals(0, data.get(0).get("result").intValue(), "never decided by the fail mode");
        assertEquals(content, data.get(1).get("media_content_key").textValue(), "the other item is decided");
        assertEquals("invalid_parameter", PlayerCallbacksClient.rejectedRecordOf(LENIENT, user).get("error"));
    }

    @Test
    void anUndocumentedKindIsCountedAsInvalidNotAsANewSeries() {
        String kind = String.valueOf(1000 + ThreadLocalRandom.current().nextInt(1_000_000));
        double invalid = metric("kollus_player_decisions_total", "channel=\"OPEN\"", "callback=\"play\"",
                "kind=\"invalid\"");

        play(OPEN, form("kind", kind, "client_user_id", newUser(), "media_content_key", newContent()));

        assertEquals(invalid + 1, metric("kollus_player_decisions_total", "channel=\"OPEN\"", "callback=\"play\"",
                "kind=\"invalid\""));
        assertEquals(0, metric("kollus_player_decisions_total", "kind=\"" + kind + "\""));
    }

    @Test
    void aUserIdLongerThanItsLimitIsDeniedBeforeAnyEntitlementIsReadOrCached() {
        String content = newContent();
        double lookups = metric("cache_gets_total", "cache=\"entitlements\"");

        JsonNode data = play(LENIENT, form("kind", "1", "client_user_id", "u".repeat(60_000), "media_content_key", content));

        assertEquals(0, data.get("result").intValue(), "never decided by the fail mode");
        assertEquals(lookups, metric("cache_gets_total", "cache=\"entitlements\""), "nothing was looked up or cached");
        Map<String, Object> record = PlayerCallbacksClient.rejectedRecordOf(LENIENT, content);
        assertEquals("invalid_parameter", record.get("error"));
        assertTrue(record.get("message").toString().contains("client_user_id"), record.get("message").toString());
    }

    @Test
    void aControlCharacterInAUserIdIsDeniedEvenOnAFailOpenChannel() {
        String content = newContent();

        JsonNode data = play(LENIENT, form("kind", "1", "client_user_id", newUser() + "\u0001", "media_content_key", content));

        assertEquals(0, data.get("result").intValue());
        assertEquals("invalid_parameter", PlayerCallbacksClient.rejectedRecordOf(LENIENT, content).get("error"));
    }

    @Test
    void aDrmItemWithAnOverlongContentKeyIsDeniedWhileTheOthersAreDecided() {
        String user = newUser();
        String content = newContent();

        JsonNode data = drm(LENIENT, form("items", "[{\"kind\":1,\"client_user_id\":\"" + user + "\","
                + "\"media_content_key\":\"" + "m".repeat(201) + "\"},{\"kind\":1,\"client_user_id\":\"" + user
                + "\",\"media_content_key\":\"" + content + "\"}]"));

        assertEquals(0, data.get(0).get("result").intValue());
        assertEquals(content, data.get(1).get("media_content_key").textValue(), "the other item is decided");
        assertEquals("invalid_parameter", PlayerCallbacksClient.rejectedRecordOf(LENIENT, user).get("error"));
    }

    @Test
    void aNulInTheQueryStringGetsASignedDenialNotABareRefusal() {
        String content = newContent();

        JsonNode data = data(given().urlEncodingEnabled(false)
                .contentType("application/x-www-form-urlencoded")
                .post("/callbacks/channels/" + OPEN + "/play?token=" + TOKEN + "&kind=1&media_content_key=" + content
                        + "&client_user_id=a%00b"));

        assertEquals(0, data.get("result").intValue());
        assertEquals("invalid_parameter", rejectedRecordOf(content).get("error"));
    }

    @Test
    void aQueryWithABrokenEscapeGetsASignedDenialAndIsRecordedAsRejected() throws Exception {
        String content = newContent();

        RawHttp.Answer answer = RawHttp.send("localhost", RestAssured.port, new RawHttp.Request("POST",
                "/callbacks/channels/" + OPEN + "/play?token=" + TOKEN + "&kind=1&media_content_key=" + content
                        + "&client_user_id=%zz", "application/x-www-form-urlencoded", new byte[0]));

        assertEquals(200, answer.status(), answer.text());
        assertEquals(0, PlayerCallbacksClient.verified(answer.text()).get("data").get("result").intValue());
        Map<String, Object> record = rejectedRecordOf(content);
        assertEquals("malformed_form", record.get("error"));
        assertFalse(record.toString().contains(TOKEN), "the token is never stored");
    }

    @Test
    void malformedItemsGetOneSignedDenial() {
        String user = newUser();

        JsonNode data = drm(OPEN, form("items", "[{\"kind\":1,\"client_user_id\":\"" + user + "\""));

        assertEquals(1, data.size());
        assertEquals(0, data.get(0).get("result").intValue());
        assertEquals(DENY_MESSAGE, data.get(0).get("message").textValue(), "no parser output reaches the viewer");
        Map<String, Object> record = rejectedRecordOf(user);
        assertEquals("malformed_json", record.get("error"));
        assertTrue(record.get("message").toString().startsWith("items is not valid JSON"), record.toString());
    }

    @Test
    void oneBadItemIsDeniedWhileTheOthersAreDecided() {
        String user = newUser();
        String content = newContent();

        JsonNode data = drm(OPEN, form("items", "[{\"kind\":1,\"client_user_id\":\"" + user + "\",\"media_content_key\":\""
                + content + "\"},{\"kind\":9,\"client_user_id\":\"" + user + "\",\"media_content_key\":\"" + content
                + "\"},{\"kind\":1,\"media_content_key\":\"" + content + "\"}]"));

        assertEquals(3, data.size());
        assertEquals(1, data.get(0).get("result").intValue());
        assertEquals(0, data.get(1).get("result").intValue());
        assertEquals(DENY_MESSAGE, data.get(1).get("message").textValue());
        assertEquals(0, data.get(2).get("result").intValue());
        assertEquals(1, data.get(2).get("kind").intValue());
        assertEquals(DENY_MESSAGE, data.get(2).get("message").textValue());
        String reasons = rejectedRecordOf(user).get("message").toString();
        assertTrue(reasons.contains("item 1: kind 9") && reasons.contains("item 2: client_user_id is required"), reasons);
    }

    @Test
    void anOversizedBodyGetsASignedDenial() {
        String user = newUser();

        JsonNode data = data(given().queryParam("token", TOKEN).queryParam("client_user_id", user)
                .contentType("application/x-www-form-urlencoded")
                .body("kind=1&padding=" + "x".repeat(70 * 1024))
                .post("/callbacks/channels/" + OPEN + "/play"));

        assertEquals(0, data.get("result").intValue());
        assertEquals("payload_too_large", rejectedRecordOf(user).get("error"));
    }

    @Test
    void anUnsupportedContentTypeGetsASignedDenial() {
        String user = newUser();

        JsonNode data = data(given().queryParam("token", TOKEN).queryParam("client_user_id", user)
                .contentType("application/xml").body("<play/>")
                .post("/callbacks/channels/" + OPEN + "/play"));

        assertEquals(0, data.get("result").intValue());
        assertEquals("unsupported_media_type", rejectedRecordOf(user).get("error"));
    }

    @Test
    void aJsonBodyIsReadLikeAForm() {
        JsonNode data = data(given().queryParam("token", TOKEN).contentType("application/json")
                .body("{\"kind\":1,\"client_user_id\":\"" + newUser() + "\",\"media_content_key\":\"" + newContent()
                        + "\",\"uservalues\":{\"uservalue0\":\"x\"}}")
                .post("/callbacks/channels/" + OPEN + "/play"));

        assertEquals(1, data.get("result").intValue());
    }

    @Test
    void parametersInTheQueryStringAreReadAndTheBodyWins() {
        String user = newUser();

        JsonNode data = data(given().queryParam("token", TOKEN).queryParam("kind", "3")
                .queryParam("client_user_id", user).queryParam("media_content_key", newContent())
                .contentType("application/x-www-form-urlencoded").formParam("kind", "1")
                .post("/callbacks/channels/" + OPEN + "/play"));

        assertTrue(data.has("expiration_date"), "kind 1 from the body, not 3 from the query: " + data);
    }

    @Test
    void theRejectedListRefusesOtherStatuses() {
        JsonPath error = given().header("Authorization", ADMIN).queryParam("status", "accepted")
                .get("/api/v1/callbacks").then().statusCode(400).extract().jsonPath();

        assertEquals("invalid_parameter", error.getString("error"));
    }
}
