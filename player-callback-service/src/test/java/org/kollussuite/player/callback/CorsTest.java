package org.kollussuite.player.callback;

import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.kollussuite.player.callback.PlayerCallbacksClient.OPEN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.RENAMED;
import static org.kollussuite.player.callback.PlayerCallbacksClient.TOKEN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.data;
import static org.kollussuite.player.callback.PlayerCallbacksClient.form;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newContent;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.playForm;

/** Web players read play, DRM and next-episode answers cross-origin, as the channel's {@code CORS_ORIGINS} allows. */
@QuarkusTest
class CorsTest {

    private static final String LEARN = "https://learn.example.com";

    private static Response preflight(String channel, String callback, String token, String origin) {
        return given().queryParam("token", token).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, x-requested-with")
                .options("/callbacks/channels/" + channel + "/" + callback);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"play", "drm", "next-episode"})
    void aPreflightIsAnsweredWithTheMethodsTheHeadersAndAnyOrigin(String callback) {
        Response answer = preflight(OPEN, callback, TOKEN, "https://anywhere.example");

        assertEquals(204, answer.statusCode());
        assertEquals("*", answer.header("Access-Control-Allow-Origin"));
        assertEquals("POST, OPTIONS", answer.header("Access-Control-Allow-Methods"));
        assertEquals("content-type, x-requested-with", answer.header("Access-Control-Allow-Headers"));
        assertEquals("86400", answer.header("Access-Control-Max-Age"));
        assertNull(answer.header("Access-Control-Allow-Credentials"), "credentials are never allowed");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"play", "drm", "next-episode"})
    void aListedOriginIsEchoedAndAnUnlistedOneGetsNoPermission(String callback) {
        Response listed = preflight(RENAMED, callback, TOKEN, LEARN);
        Response unlisted = preflight(RENAMED, callback, TOKEN, "https://evil.example");

        assertEquals(204, listed.statusCode());
        assertEquals(LEARN, listed.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", listed.header("Vary"));
        assertNull(unlisted.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", unlisted.header("Vary"), "caches must key the answer on the origin");
    }

    @Test
    void aPreflightWithAWrongTokenIsRefusedLikeThePost() {
        Response answer = preflight(OPEN, "play", "wrong-token", LEARN);

        assertEquals(401, answer.statusCode());
        assertNull(answer.header("Access-Control-Allow-Methods"), "no permission to post with a wrong token");
    }

    @Test
    void everyAnswerCarriesTheAllowedOriginGrantsAndDenialsAlike() {
        Response play = given().queryParam("token", TOKEN).header("Origin", LEARN)
                .contentType("application/x-www-form-urlencoded").formParams(playForm(1, newUser(), newContent()))
                .post("/callbacks/channels/" + RENAMED + "/play");
        Response drm = given().queryParam("token", TOKEN).header("Origin", LEARN)
                .contentType("application/x-www-form-urlencoded").formParams(form("items", "[{\"kind\":7}]"))
                .post("/callbacks/channels/" + RENAMED + "/drm");
        Response next = given().queryParam("token", TOKEN).header("Origin", "https://other.example")
                .contentType("application/x-www-form-urlencoded").formParams(form("content_id", newContent(), "member", newUser()))
                .post("/callbacks/channels/" + OPEN + "/next-episode");

        assertEquals(1, data(play).get("result").intValue());
        assertEquals(LEARN, play.header("Access-Control-Allow-Origin"));
        assertEquals(0, data(drm).get(0).get("result").intValue());
        assertEquals(LEARN, drm.header("Access-Control-Allow-Origin"), "a denial is readable too");
        assertEquals(0, data(next).get("result").intValue());
        assertEquals("*", next.header("Access-Control-Allow-Origin"));
    }
}
