package org.kollussuite.platform.callback;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.testing.EventTapExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
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
        Map<String, String> form = channel(key, "ch-concurrent", mck);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> posts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            posts.add(() -> {
                start.await();
                return given().queryParam("token", TOKEN).contentType("application/x-www-form-urlencoded")
                        .formParams(form).post("/callbacks/platform/channel-add")
                        .then().statusCode(200).extract().path("result");
            });
        }
        List<Future<String>> answers;
        try {
            List<Future<String>> submitted = new ArrayList<>();
            for (Callable<String> post : posts) {
                submitted.add(pool.submit(post));
            }
            start.countDown();
            answers = submitted;
            List<String> results = new ArrayList<>();
            for (Future<String> answer : answers) {
                results.add(answer.get());
            }

            assertEquals(1, results.stream().filter("accepted"::equals).count());
            assertEquals(49, results.stream().filter("duplicate"::equals).count());
        } finally {
            pool.shutdown();
        }
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

    private void awaitEventFor(String subject) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.tap().matching(e -> subject.equals(e.subject())).isEmpty());
    }

    private static List<String> statusesOf(String uploadFileKey) {
        return given().auth().oauth2("test-admin-token").queryParam("uploadFileKey", uploadFileKey)
                .get("/api/v1/callbacks").then().statusCode(200).extract().jsonPath().getList("status");
    }
}
