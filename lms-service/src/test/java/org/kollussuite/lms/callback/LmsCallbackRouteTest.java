package org.kollussuite.lms.callback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kollussuite.lms.callback.LmsClient.ADMIN;
import static org.kollussuite.lms.callback.LmsClient.MATH;
import static org.kollussuite.lms.callback.LmsClient.RENAMED;
import static org.kollussuite.lms.callback.LmsClient.TOKEN;
import static org.kollussuite.lms.callback.LmsClient.newContent;
import static org.kollussuite.lms.callback.LmsClient.newUser;
import static org.kollussuite.lms.callback.LmsClient.progress;
import static org.kollussuite.lms.callback.LmsClient.quarantined;
import static org.kollussuite.lms.callback.LmsClient.snapshot;

/** The HTTP edges of the LMS callback route: its token check, body types and limits, and its API description. */
@QuarkusTest
class LmsCallbackRouteTest {

    private static final String URL = "/callbacks/channels/" + MATH + "/lms";

    private static void assertNothingStored(String content, String user) {
        given().header("Authorization", ADMIN).get("/api/v1/progress/" + MATH + "/" + content + "/" + user)
                .then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void aSnapshotWithoutTheTokenIsRefusedWithAJsonErrorAndStoresNothing() {
        String user = newUser();
        String content = newContent();

        given().formParam("json_data", snapshot(user, content, 100, 60, 60, 60, Set.of(0)).toString())
                .post(URL).then().statusCode(401).contentType("application/json")
                .body("error", equalTo("unauthorized")).body("message", containsString("missing"));

        assertNothingStored(content, user);
    }

    @Test
    void aNulCharacterInTheQueryStringIsQuarantinedAndMergesNothing() {
        String user = newUser();
        String content = newContent();

        given().queryParam("token", TOKEN).queryParam("player_id", "a\u0000b")
                .formParam("json_data", snapshot(user, content, 100, 60, 60, 60, Set.of(0)).toString())
                .post(URL).then().statusCode(200).contentType("application/json").body("result", equalTo(1));

        assertEquals("invalid_parameter", quarantined(MATH, user).get("reason"));
        assertNothingStored(content, user);
    }

    @Test
    void aSnapshotToAnUnknownChannelIsNotFoundWithAJsonError() {
        given().queryParam("token", TOKEN).formParam("json_data", "{}")
                .post("/callbacks/channels/elsewhere/lms").then().statusCode(404).contentType("application/json")
                .body("error", equalTo("unknown_channel")).body("message", containsString("elsewhere"));
    }

    @Test
    void aJsonBodyCarriesTheDocumentAsWellAsAForm() {
        String user = newUser();
        String content = newContent();
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.set("json_data", snapshot(user, content, 100, 60, 60, 60, Set.of(0, 1)));

        given().queryParam("token", TOKEN).contentType("application/json").body(body.toString())
                .post(URL).then().statusCode(200).contentType("application/json").body("result", equalTo(1));

        assertEquals(20, progress(MATH, content, user).getInt("percent"));
    }

    @Test
    void aPlainTextBodyAsSendBeaconSendsItIsReadAsJsonOrAsAForm() {
        String user = newUser();
        String content = newContent();
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.set("json_data", snapshot(user, content, 100, 60, 60, 60, Set.of(0)));
        String form = "json_data=" + URLEncoder.encode(snapshot(user, content, 200, 60, 60, 60, Set.of(1)).toString(),
                StandardCharsets.UTF_8);

        given().queryParam("token", TOKEN).contentType("text/plain;charset=UTF-8").body(json.toString())
                .post(URL).then().statusCode(200).body("result", equalTo(1));
        given().queryParam("token", TOKEN).contentType("text/plain;charset=UTF-8").body(form)
                .post(URL).then().statusCode(200).body("result", equalTo(1));

        assertEquals(20, progress(MATH, content, user).getInt("percent"), "both snapshots are merged");
    }

    @Test
    void aBodyOfAnotherTypeIsQuarantinedAndMergesNothing() {
        String user = newUser();
        String content = newContent();

        given().queryParam("token", TOKEN).contentType("application/xml")
                .body("<lms>" + snapshot(user, content, 100, 60, 60, 60, Set.of(0)) + "</lms>")
                .post(URL).then().statusCode(200).contentType("application/json").body("result", equalTo(1));

        assertEquals("unsupported_media_type", quarantined(MATH, user).get("reason"));
        assertNothingStored(content, user);
    }

    @Test
    void aBodyOverTheLimitIsQuarantinedAsItsFirstBytesAndCannotBeReapplied() {
        String user = newUser();
        String content = newContent();
        ObjectNode document = snapshot(user, content, 100, 60, 60, 60, Set.of(0));
        document.put("padding", "x".repeat(64 * 1024));

        given().queryParam("token", TOKEN).formParam("json_data", document.toString())
                .post(URL).then().statusCode(200).contentType("application/json").body("result", equalTo(1));

        Map<String, Object> entry = quarantined(MATH, user);
        assertEquals("body_too_large", entry.get("reason"));
        assertEquals(false, entry.get("reappliable"));
        assertEquals(64 * 1024, String.valueOf(entry.get("body")).length(), "the first LMS_MAX_BODY_SIZE bytes");
        assertNothingStored(content, user);
    }

    @Test
    void aChunkedBodyOverTheLimitIsQuarantinedToo() throws Exception {
        String user = newUser();
        String content = newContent();
        ObjectNode document = snapshot(user, content, 100, 60, 60, 60, Set.of(0));
        document.put("padding", "x".repeat(200 * 1024));
        byte[] form = ("json_data=" + URLEncoder.encode(document.toString(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + URL
                        + "?token=" + TOKEN))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/x-www-form-urlencoded")
                // A stream of unknown length goes out chunked, without a Content-Length to refuse up front.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("body_too_large", quarantined(MATH, user).get("reason"));
        assertNothingStored(content, user);
    }

    @Test
    void anotherMethodIsNotAllowed() {
        given().queryParam("token", TOKEN).get(URL).then().statusCode(405).header("Allow", "POST, OPTIONS")
                .contentType("application/json").body("error", equalTo("method_not_allowed"));
    }

    @Test
    void aPreflightIsAnsweredForAnyOriginByDefaultWithItsTokenChecked() {
        given().queryParam("token", TOKEN).header("Origin", "https://player.example.org")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options(URL).then().statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "POST, OPTIONS")
                .header("Access-Control-Allow-Headers", "content-type")
                .header("Access-Control-Max-Age", notNullValue())
                .header("Access-Control-Allow-Credentials", nullValue());
        given().queryParam("token", "wrong").header("Origin", "https://player.example.org")
                .options(URL).then().statusCode(401).header("Access-Control-Allow-Origin", "*");
        given().queryParam("token", TOKEN).header("Origin", "https://player.example.org")
                .options("/callbacks/channels/elsewhere/lms").then().statusCode(404)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void everyAnswerOfTheChannelCarriesItsAllowedOrigin() {
        String user = newUser();
        String content = newContent();

        given().queryParam("token", TOKEN).header("Origin", "https://player.example.org")
                .formParam("json_data", snapshot(user, content, 100, 60, 60, 60, Set.of(0)).toString())
                .post(URL).then().statusCode(200).header("Access-Control-Allow-Origin", "*");
    }

    @Test
    void aChannelWithAListOfOriginsEchoesAListedOneOnlyAndVariesByOrigin() {
        String renamed = "/callbacks/channels/" + RENAMED + "/lms";
        given().queryParam("token", TOKEN).header("Origin", "https://learn.example.com").formParam("progress", "{}")
                .post(renamed).then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://learn.example.com").header("Vary", "Origin");
        given().queryParam("token", TOKEN).header("Origin", "https://other.example.com:8443")
                .options(renamed).then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://other.example.com:8443");
        given().queryParam("token", TOKEN).header("Origin", "https://evil.example.net").formParam("progress", "{}")
                .post(renamed).then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue()).header("Vary", "Origin");
    }

    @Test
    void theOpenApiDocumentDescribesTheCallback() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/callbacks/channels/{channel}/lms'.post.summary", notNullValue());
    }
}
