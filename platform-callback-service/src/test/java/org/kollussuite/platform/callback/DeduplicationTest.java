package org.kollussuite.platform.callback;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.testing.EventTapExtension;
import org.kollussuite.platform.domain.CallbackType;
import org.kollussuite.platform.domain.DedupKey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.*;

@QuarkusTest
class DeduplicationTest {

    @Inject
    EntityManager entityManager;

    @RegisterExtension
    final EventTapExtension events = EventTapExtension.on("kollus.content.*", "kollus.channel.*");

    @Test
    void duplicateTranscodingCallbackOfKollusRetrySeriesPublishesOneEvent() {
        String key = newUploadFileKey();

        post("transcoding", transcoding(key, "success")).statusCode(200).body("result", equalTo("accepted"));
        for (int retry = 0; retry < 3; retry++) {
            post("transcoding", transcoding(key, "success")).statusCode(200).body("result", equalTo("duplicate"));
        }
        String marker = newUploadFileKey();
        post("upload", upload(marker)).statusCode(200);

        awaitEventFor(marker);
        assertEquals(1, events.tap().matching(e -> key.equals(e.subject())).size());
        assertEquals(List.of("duplicate", "duplicate", "duplicate", "accepted"), statusesOf(key));
    }

    @Test
    void fiftyConcurrentPostsOfOneCallbackYieldOneAcceptedAndOneEvent() throws Exception {
        String key = newUploadFileKey();
        String mck = "mck-" + key;

        List<String> results = postConcurrently("channel-add", channel(key, "ch-concurrent", mck), 50);

        assertEquals(1, results.stream().filter("accepted"::equals).count());
        assertEquals(49, results.stream().filter("duplicate"::equals).count());
        String marker = newUploadFileKey();
        post("upload", upload(marker)).statusCode(200);
        awaitEventFor(marker);
        assertEquals(1, events.tap().matching(e -> mck.equals(e.subject())).size());
    }

    @Test
    void sameContentUpdatedAgainAfterTheWindowIsANewEvent() {
        String key = newUploadFileKey();
        post("content-update", contentUpdate(key, "metadata")).statusCode(200).body("result", equalTo("accepted"));
        post("content-update", contentUpdate(key, "metadata")).statusCode(200).body("result", equalTo("duplicate"));

        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "update callback_dedup set first_seen_at = now() - interval '61 minutes' where inbox_id in "
                                + "(select id from callback_inbox where upload_file_key = ?1)")
                .setParameter(1, key).executeUpdate());
        post("content-update", contentUpdate(key, "metadata")).statusCode(200).body("result", equalTo("accepted"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.tap().matching(e -> key.equals(e.subject())).size() == 2);
    }

    @Test
    void differentTranscodingResultsOfOneContentAreDifferentCallbacks() {
        String key = newUploadFileKey();

        post("transcoding", transcoding(key, "fail")).statusCode(200).body("result", equalTo("accepted"));
        post("transcoding", transcoding(key, "success")).statusCode(200).body("result", equalTo("accepted"));

        await().atMost(Duration.ofSeconds(10)).until(() -> events.tap().matching(e -> key.equals(e.subject())).size() == 2);
    }

    @Test
    void addRemoveAddWithinTheWindowEndsWithTheContentInTheChannel() {
        String key = newUploadFileKey();
        String mck = "mck-" + key;

        post("channel-add", channel(key, "ch-again", mck)).statusCode(200).body("result", equalTo("accepted"));
        post("channel-remove", channel(key, "ch-again", mck)).statusCode(200).body("result", equalTo("accepted"));
        post("channel-add", channel(key, "ch-again", mck)).statusCode(200).body("result", equalTo("accepted"));

        assertEquals(List.of("kollus.channel.content-added", "kollus.channel.content-removed",
                "kollus.channel.content-added"), awaitEventTypes(mck, 3));
        content(key).body("channels", hasSize(1)).body("channels[0].state", equalTo("added"));
    }

    @Test
    void successThenFailureThenSuccessOfATranscodingAreAllApplied() {
        String key = newUploadFileKey();

        post("transcoding", transcoding(key, "success")).statusCode(200).body("result", equalTo("accepted"));
        post("transcoding", transcoding(key, "fail")).statusCode(200).body("result", equalTo("accepted"));
        post("transcoding", transcoding(key, "success")).statusCode(200).body("result", equalTo("accepted"));

        assertEquals(List.of("kollus.content.transcoded", "kollus.content.transcoding-failed",
                "kollus.content.transcoded"), awaitEventTypes(key, 3));
        content(key).body("transcodingState", equalTo("transcoded"));
    }

    @Test
    void retriesFiveTenAndFifteenMinutesLaterAreDuplicatesAndACopyAfterTheWindowIsAcceptedAgain() {
        String key = newUploadFileKey();
        Map<String, String> form = contentUpdate(key, "metadata");

        post("content-update", form).statusCode(200).body("result", equalTo("accepted"));
        for (int retry = 1; retry <= 3; retry++) {
            // Kollus' retry series: each attempt five minutes after the one before.
            ageClaim(CallbackType.CONTENT_UPDATE, form, Duration.ofMinutes(5));
            post("content-update", form).statusCode(200).body("result", equalTo("duplicate"));
        }
        String marker = newUploadFileKey();
        post("upload", upload(marker)).statusCode(200);
        awaitEventFor(marker);
        assertEquals(1, events.tap().matching(e -> key.equals(e.subject())).size());

        // The claim is now fifteen minutes old; 46 more put the original 61 minutes back, past PT1H.
        ageClaim(CallbackType.CONTENT_UPDATE, form, Duration.ofMinutes(46));
        post("content-update", form).statusCode(200).body("result", equalTo("accepted"));

        awaitEventTypes(key, 2);
        assertEquals(List.of("accepted", "duplicate", "duplicate", "duplicate", "accepted"), statusesOf(key));
    }

    @Test
    void twentyConcurrentCopiesOfAnAdditionAfterARemovalAreAcceptedOnce() throws Exception {
        String key = newUploadFileKey();
        String mck = "mck-" + key;
        Map<String, String> form = channel(key, "ch-concurrent-again", mck);
        post("channel-add", form).statusCode(200).body("result", equalTo("accepted"));
        post("channel-remove", form).statusCode(200).body("result", equalTo("accepted"));

        List<String> results = postConcurrently("channel-add", form, 20);

        assertEquals(1, results.stream().filter("accepted"::equals).count());
        assertEquals(19, results.stream().filter("duplicate"::equals).count());
        assertEquals(List.of("kollus.channel.content-added", "kollus.channel.content-removed",
                "kollus.channel.content-added"), awaitEventTypes(mck, 3));
        content(key).body("channels[0].state", equalTo("added"));
    }

    /** Moves the claim of the callback {@code form} back by {@code age}, as if that much time had passed since. */
    private void ageClaim(CallbackType type, Map<String, String> form, Duration age) {
        int aged = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "update callback_dedup set first_seen_at = first_seen_at - ?1 * interval '1 second' "
                                + "where dedup_key = ?2")
                .setParameter(1, age.toSeconds())
                .setParameter(2, DedupKey.of(type, CallbackParameters.of(form)))
                .executeUpdate());
        assertEquals(1, aged, "the callback has a claim");
    }

    /** The types of the events about {@code subject} in publication order, once {@code count} of them came. */
    private List<String> awaitEventTypes(String subject, int count) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.tap().matching(e -> subject.equals(e.subject())).size() >= count);
        String marker = newUploadFileKey();
        post("upload", upload(marker)).statusCode(200);
        awaitEventFor(marker);
        return events.tap().matching(e -> subject.equals(e.subject())).stream().map(e -> e.event().type()).toList();
    }

    private void awaitEventFor(String subject) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.tap().matching(e -> subject.equals(e.subject())).isEmpty());
    }

    /** The answers to {@code copies} posts of {@code form}, all released at once. */
    private static List<String> postConcurrently(String type, Map<String, String> form, int copies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().queryParam("token", TOKEN).contentType("application/x-www-form-urlencoded")
                            .formParams(form).post("/callbacks/platform/" + type)
                            .then().statusCode(200).extract().<String>path("result");
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> answer : answers) {
                results.add(answer.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    /** The catalog entry once every callback accepted so far for it has been applied. */
    private static ValidatableResponse content(String uploadFileKey) {
        await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2("test-admin-token")
                .queryParam("uploadFileKey", uploadFileKey).get("/api/v1/callbacks")
                .then().extract().jsonPath().getList("findAll { it.status == 'accepted' && it.processedAt == null }")
                .isEmpty());
        return given().auth().oauth2("test-admin-token").get("/api/v1/contents/{key}", uploadFileKey)
                .then().statusCode(200);
    }

    private static List<String> statusesOf(String uploadFileKey) {
        return given().auth().oauth2("test-admin-token").queryParam("uploadFileKey", uploadFileKey)
                .get("/api/v1/callbacks").then().statusCode(200).extract().jsonPath().getList("status");
    }
}
