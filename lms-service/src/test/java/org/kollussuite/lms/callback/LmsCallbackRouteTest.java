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
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.lms.callback.LmsClient.ADMIN;
import static org.kollussuite.lms.callback.LmsClient.MATH;
import static org.kollussuite.lms.callback.LmsClient.TOKEN;
import static org.kollussuite.lms.callback.LmsClient.newContent;
import static org.kollussuite.lms.callback.LmsClient.newUser;
import static org.kollussuite.lms.callback.LmsClient.progress;
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
    void aNulCharacterInTheQueryStringIsRefusedAndStoresNothing() {
        String user = newUser();
        String content = newContent();

        given().queryParam("token", TOKEN).queryParam("player_id", "a\u0000b")
                .formParam("json_data", snapshot(user, content, 100, 60, 60, 60, Set.of(0)).toString())
                .post(URL).then().statusCode(400).contentType("application/json")
                .body("error", equalTo("invalid_parameter")).body("message", containsString("NUL"));

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
    void aBodyOfAnotherTypeIsUnsupportedAndStoresNothing() {
        String user = newUser();
        String content = newContent();

        given().queryParam("token", TOKEN).contentType("text/plain")
                .body(snapshot(user, content, 100, 60, 60, 60, Set.of(0)).toString())
                .post(URL).then().statusCode(415).contentType("application/json")
                .body("error", equalTo("unsupported_media_type")).body("message", containsString("text/plain"));

        assertNothingStored(content, user);
    }

    @Test
    void aBodyOverTheLimitIsTooLargeAndStoresNothing() {
        String user = newUser();
        String content = newContent();
        ObjectNode document = snapshot(user, content, 100, 60, 60, 60, Set.of(0));
        document.put("padding", "x".repeat(64 * 1024));

        given().queryParam("token", TOKEN).formParam("json_data", document.toString())
                .post(URL).then().statusCode(413).contentType("application/json")
                .body("error", equalTo("payload_too_large"));

        assertNothingStored(content, user);
    }

    @Test
    void aChunkedBodyOverTheLimitIsTooLargeAndStoresNothing() throws Exception {
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

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("payload_too_large"), response.body());
        assertNothingStored(content, user);
    }

    @Test
    void anotherMethodIsNotAllowed() {
        given().queryParam("token", TOKEN).get(URL).then().statusCode(405).header("Allow", "POST")
                .contentType("application/json").body("error", equalTo("method_not_allowed"));
    }

    @Test
    void theOpenApiDocumentDescribesTheCallback() {
        given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/callbacks/channels/{channel}/lms'.post.summary", notNullValue());
    }
}
