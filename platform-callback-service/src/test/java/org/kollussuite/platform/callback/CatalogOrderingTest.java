package org.kollussuite.platform.callback;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.*;

/**
 * Kollus delivers callbacks in any order and retries old ones late; the catalog must stay right.
 * The catalog applies stored callbacks right after acknowledging them, so reads wait for that.
 */
@QuarkusTest
class CatalogOrderingTest {

    @Test
    void channelAddBeforeTranscodingStillLeavesACorrectCatalogEntry() {
        String key = newUploadFileKey();
        String mck = "mck-" + key;

        post("channel-add", channel(key, "ch-early", mck)).statusCode(200);
        content(key).body("transcodingState", equalTo("unknown"));
        post("transcoding", transcoding(key, "success")).statusCode(200);
        post("upload", upload(key)).statusCode(200);

        content(key)
                .body("transcodingState", equalTo("transcoded"))
                .body("filename", equalTo("lesson01.mp4"))
                .body("fullFilename", equalTo("/courses/math/lesson01.mp4"))
                .body("uploadedAt", notNullValue())
                .body("transcodedAt", notNullValue())
                .body("channels", hasSize(1))
                .body("channels[0].channelKey", equalTo("ch-early"))
                .body("channels[0].channelName", equalTo("Math 2025"))
                .body("channels[0].mediaContentKey", equalTo(mck))
                .body("channels[0].profileKeys", contains("acme-pc1-hd", "acme-mobile1-sd"))
                .body("channels[0].state", equalTo("added"));
    }

    @Test
    void uploadNoticeArrivingAfterTranscodingDoesNotMoveTheContentBack() {
        String key = newUploadFileKey();

        post("transcoding", transcoding(key, "success")).statusCode(200);
        post("upload", upload(key)).statusCode(200).body("result", equalTo("accepted"));

        content(key).body("transcodingState", equalTo("transcoded"));
    }

    @Test
    void failureReportedAgainAfterTheSuccessIsAppliedSinceKollusSendsNoTimestampToTellItFromARetry() {
        String key = newUploadFileKey();

        post("transcoding", transcoding(key, "fail")).statusCode(200);
        post("transcoding", transcoding(key, "success")).statusCode(200);
        post("transcoding", transcoding(key, "fail")).statusCode(200).body("result", equalTo("accepted"));

        content(key).body("transcodingState", equalTo("transcoding-failed"));
    }

    @Test
    void retryOfTheLatestResultIsADuplicateAndChangesNothing() {
        String key = newUploadFileKey();

        post("transcoding", transcoding(key, "fail")).statusCode(200);
        post("transcoding", transcoding(key, "success")).statusCode(200);
        post("transcoding", transcoding(key, "success")).statusCode(200).body("result", equalTo("duplicate"));

        content(key).body("transcodingState", equalTo("transcoded"));
    }

    @Test
    void removalSeenBeforeItsAdditionLeavesTheContentRemoved() {
        String key = newUploadFileKey();
        String mck = "mck-" + key;

        post("channel-remove", channel(key, "ch-late", mck)).statusCode(200);
        post("channel-add", channel(key, "ch-late", mck)).statusCode(200).body("result", equalTo("accepted"));

        content(key).body("channels[0].state", equalTo("removed"))
                .body("channels[0].addedAt", notNullValue())
                .body("channels[0].removedAt", notNullValue());
    }

    @Test
    void oneUploadInTwoChannelsHasTwoMembershipsWithTheirOwnKeys() {
        String key = newUploadFileKey();

        post("channel-add", channel(key, "ch-one", "one-" + key)).statusCode(200);
        post("channel-add", channel(key, "ch-two", "two-" + key)).statusCode(200);
        post("channel-remove", channel(key, "ch-one", "one-" + key)).statusCode(200);

        content(key).body("channels", hasSize(2))
                .body("channels.find { it.channelKey == 'ch-one' }.state", equalTo("removed"))
                .body("channels.find { it.channelKey == 'ch-two' }.state", equalTo("added"))
                .body("channels.find { it.channelKey == 'ch-two' }.mediaContentKey", equalTo("two-" + key));
    }

    /** The catalog entry once every callback posted so far for it has been applied. */
    private static ValidatableResponse content(String uploadFileKey) {
        await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2("test-admin-token")
                .queryParam("uploadFileKey", uploadFileKey).get("/api/v1/callbacks")
                .then().extract().jsonPath().getList("findAll { it.status == 'accepted' && it.processedAt == null }")
                .isEmpty());
        return given().auth().oauth2("test-admin-token").get("/api/v1/contents/{key}", uploadFileKey)
                .then().statusCode(200);
    }
}
