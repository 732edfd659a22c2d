package org.kollussuite.platform.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.*;

@QuarkusTest
class AdminApiTest {

    private static final String ADMIN = "test-admin-token";

    @Test
    void contentsOfAChannelAreThoseCurrentlyInIt() {
        String channel = "ch-" + newUploadFileKey();
        String kept = newUploadFileKey();
        String removed = newUploadFileKey();
        post("channel-add", channel(kept, channel, "mck-" + kept)).statusCode(200);
        post("channel-add", channel(removed, channel, "mck-" + removed)).statusCode(200);
        post("channel-remove", channel(removed, channel, "mck-" + removed)).statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().auth().oauth2(ADMIN).queryParam("channel", channel).get("/api/v1/contents")
                        .then().statusCode(200)
                        .body("uploadFileKey", hasItem(kept))
                        .body("uploadFileKey", not(hasItem(removed))));
    }

    @Test
    void contentsFilteredByStatusHaveThatStatus() {
        String failed = newUploadFileKey();
        post("transcoding", transcoding(failed, "fail")).statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().auth().oauth2(ADMIN).queryParam("status", "transcoding-failed").queryParam("limit", 1000)
                        .get("/api/v1/contents")
                        .then().statusCode(200)
                        .body("uploadFileKey", hasItem(failed))
                        .body("transcodingState", everyItem(equalTo("transcoding-failed"))));
    }

    @Test
    void unfilteredListsShowTheLatestChangesFirst() {
        String key = newUploadFileKey();
        post("upload", upload(key)).statusCode(200);

        given().auth().oauth2(ADMIN).get("/api/v1/callbacks")
                .then().statusCode(200).body("[0].uploadFileKey", equalTo(key));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().auth().oauth2(ADMIN).get("/api/v1/contents")
                        .then().statusCode(200).body("[0].uploadFileKey", equalTo(key)));
    }

    @Test
    void unknownStatusFilterIsA400() {
        given().auth().oauth2(ADMIN).queryParam("status", "sideways").get("/api/v1/contents")
                .then().statusCode(400).body("error", equalTo("invalid_parameter"));
    }

    @Test
    void limitOutOfRangeIsA400() {
        given().auth().oauth2(ADMIN).queryParam("limit", 0).get("/api/v1/callbacks")
                .then().statusCode(400).body("error", equalTo("invalid_parameter"));
    }

    @Test
    void unknownContentIsA404() {
        given().auth().oauth2(ADMIN).get("/api/v1/contents/{key}", newUploadFileKey())
                .then().statusCode(404).body("error", equalTo("not_found"));
    }

    @Test
    void inboxListsNewestFirst() {
        String key = newUploadFileKey();
        post("upload", upload(key)).statusCode(200);
        post("transcoding", transcoding(key, "success")).statusCode(200);

        given().auth().oauth2(ADMIN).queryParam("uploadFileKey", key).get("/api/v1/callbacks")
                .then().statusCode(200)
                .body("type", org.hamcrest.Matchers.contains("transcoding", "upload"));
    }

    @Test
    void theInboxCanBeLimitedToATimeRange() {
        String key = newUploadFileKey();
        Instant before = Instant.now();
        post("upload", upload(key)).statusCode(200);

        given().auth().oauth2(ADMIN).queryParam("uploadFileKey", key).queryParam("since", before.toString())
                .queryParam("until", Instant.now().plusSeconds(60).toString()).get("/api/v1/callbacks")
                .then().statusCode(200).body("uploadFileKey", org.hamcrest.Matchers.contains(key));
        given().auth().oauth2(ADMIN).queryParam("uploadFileKey", key).queryParam("until", before.toString())
                .get("/api/v1/callbacks").then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(ADMIN).queryParam("since", "yesterday").get("/api/v1/callbacks")
                .then().statusCode(400).body("error", equalTo("invalid_parameter"));
    }

    @Test
    void catalogAndInboxRequireTheBearerToken() {
        given().get("/api/v1/contents").then().statusCode(401);
        given().get("/api/v1/callbacks").then().statusCode(401);
    }
}
