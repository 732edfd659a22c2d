package org.kollussuite.commons.callback;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class CallbackTokenFilterTest {

    @Test
    void platformCallbackWithTheSharedTokenIsServedAndNeverSeesTheToken() {
        given().queryParam("token", "test-callback-token").queryParam("kind", "query")
                .formParam("kind", "body").formParam("upload_file_key", "Ab12")
                .post("/callbacks/platform/echo")
                .then().statusCode(200)
                .body("kind", equalTo("body"))
                .body("upload_file_key", equalTo("Ab12"))
                .body("$", not(hasKey("token")));
    }

    @Test
    void missingTokenIsRefusedWith401AndAJsonError() {
        given().formParam("a", "b")
                .post("/callbacks/platform/echo")
                .then().statusCode(401)
                .contentType("application/json")
                .body("error", equalTo("unauthorized"))
                .body("message", containsString("missing"));
    }

    @Test
    void wrongTokenIsRefusedWith401() {
        given().queryParam("token", "test-callback-tokeN").formParam("a", "b")
                .post("/callbacks/platform/echo")
                .then().statusCode(401)
                .body("error", equalTo("unauthorized"));
    }

    @Test
    void channelWithItsOwnTokenRefusesTheSharedOne() {
        given().queryParam("token", "test-callback-token").formParam("a", "b")
                .post("/callbacks/channels/own-token-channel/echo")
                .then().statusCode(401);
        given().queryParam("token", "own-channel-token").formParam("a", "b")
                .post("/callbacks/channels/own-token-channel/echo")
                .then().statusCode(200).body("a", equalTo("b"));
    }

    @Test
    void channelWithoutItsOwnTokenAcceptsTheSharedOne() {
        given().queryParam("token", "test-callback-token").formParam("a", "b")
                .post("/callbacks/channels/demo-channel-key/echo")
                .then().statusCode(200);
    }

    @Test
    void unknownChannelAnswers404NamingTheChannel() {
        given().queryParam("token", "test-callback-token").formParam("a", "b")
                .post("/callbacks/channels/no-such-channel/echo")
                .then().statusCode(404)
                .body("error", equalTo("unknown_channel"))
                .body("message", containsString("no-such-channel"));
    }

    @Test
    void malformedJsonInAFormFieldAnswers400WithAJsonError() {
        given().queryParam("token", "test-callback-token").formParam("uservalues", "{\"uservalue0\":")
                .post("/callbacks/channels/demo-channel-key/echo")
                .then().statusCode(400)
                .body("error", equalTo("malformed_json"))
                .body("message", containsString("uservalues"));
    }

    @Test
    void wrongContentTypeAnswers415WithAJsonError() {
        given().queryParam("token", "test-callback-token").contentType("application/json").body("{}")
                .post("/callbacks/platform/echo")
                .then().statusCode(415)
                .body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void tokensNeverReachTheLogEvenWhenARequestFails() throws Exception {
        String secret = "leak-" + UUID.randomUUID();
        given().queryParam("token", secret).formParam("a", "b").post("/callbacks/platform/echo")
                .then().statusCode(401);
        String valid = "test-callback-token";
        given().queryParam("token", valid).queryParam("marker", secret.substring(5))
                .post("/callbacks/platform/explode")
                .then().statusCode(500);

        Path log = Path.of("target", "commons-test.log");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(log).contains(secret.substring(5)));
        String written = Files.readString(log);
        assertFalse(written.contains(secret), "the wrong token was logged");
        assertFalse(written.contains("token=" + valid), "the valid token was logged");
    }

    @Test
    void aTokenWhoseNameIsPercentEncodedNeverReachesTheAccessLog() throws Exception {
        String secret = "leak-" + UUID.randomUUID();
        String marker = UUID.randomUUID().toString();
        given().urlEncodingEnabled(false).post("/callbacks/platform/echo?marker=" + marker + "&%74oken=" + secret
                + "&TOKEN=" + secret + "&content%5Fprovider%5Fkey=" + secret).then().statusCode(401);

        Path log = Path.of("target", "commons-test.log");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(log).contains(marker));
        assertFalse(Files.readString(log).contains(secret), "a secret reached the log");
    }
}
