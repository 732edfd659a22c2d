package org.kollussuite.notifier.delivery;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.testing.EventTapExtension;
import org.kollussuite.commons.testing.WebhookReceiver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.notifier.delivery.NotifierTestSupport.ADMIN;
import static org.kollussuite.notifier.delivery.NotifierTestSupport.event;

@QuarkusTest
@WithTestResource(Receivers.class)
class RecoveryTest {

    @RegisterExtension
    EventTapExtension events = EventTapExtension.on("kollus.test.none");

    private static long received(String path, Set<String> ids) {
        return Receivers.receiver.on(path).stream().filter(r -> ids.contains(r.header("webhook-id"))).count();
    }

    private static String circuit(String endpoint) {
        return given().header("Authorization", ADMIN).get("/api/v1/endpoints").then().statusCode(200)
                .extract().jsonPath().getString("find { it.name == '" + endpoint + "' }.circuit");
    }

    @Test
    void aReplayDeliversAnEndpointsRangeAgainWithTheSameIds() {
        Instant since = Instant.now().minusSeconds(1);
        List<CloudEvent> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(event("kollus.test.replay", "replay-" + i, null));
        }
        Set<String> ids = Set.copyOf(sent.stream().map(CloudEvent::id).toList());
        sent.forEach(events.tap()::publish);
        await().atMost(Duration.ofSeconds(20)).until(() -> received("/replayed", ids) == 5);

        JsonPath job = given().header("Authorization", ADMIN).queryParam("since", since.toString())
                .queryParam("until", Instant.now().plusSeconds(1).toString())
                .post("/api/v1/endpoints/replayed/replay").then().statusCode(202).extract().jsonPath();

        assertEquals(5, job.getInt("total"));
        await().atMost(Duration.ofSeconds(20)).until(() -> received("/replayed", ids) == 10);
        given().header("Authorization", ADMIN).get("/api/v1/replays/" + job.getLong("id"))
                .then().statusCode(200).body("status", equalTo("finished")).body("replayed", equalTo(5));
    }

    @Test
    void aReplayNeedsAValidRange() {
        given().header("Authorization", ADMIN).queryParam("since", "yesterday")
                .post("/api/v1/endpoints/replayed/replay").then().statusCode(400).body("error", equalTo("invalid_parameter"));
        given().header("Authorization", ADMIN).queryParam("since", Instant.now().toString())
                .post("/api/v1/endpoints/nowhere/replay").then().statusCode(404);
        given().header("Authorization", ADMIN).delete("/api/v1/replays/999999999").then().statusCode(404);
    }

    @Test
    void anOpenCircuitPausesAttemptsWithoutConsumingRetries() {
        AtomicBoolean healthy = new AtomicBoolean(false);
        Receivers.receiver.on("/breaker", r -> healthy.get() ? WebhookReceiver.Answer.ok() : WebhookReceiver.Answer.status(503));
        List<CloudEvent> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(event("kollus.test.breaker", "breaker-" + i, null));
        }
        Set<String> ids = Set.copyOf(sent.stream().map(CloudEvent::id).toList());
        sent.forEach(events.tap()::publish);

        await().atMost(Duration.ofSeconds(20)).until(() -> "open".equals(circuit("BREAKER")));
        long reachedBeforePause = received("/breaker", ids);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> received("/breaker", ids) == reachedBeforePause);
        // Attempts are recorded asynchronously, right after each answer (or connection failure).
        await().atMost(Duration.ofSeconds(10)).until(() -> failedAttempts(ids, null) == 5);
        // An attempt can fail on a connection the receiver reset, without reaching it: it counts all the same.
        assertTrue(reachedBeforePause <= 5, reachedBeforePause + " requests reached the receiver before the circuit opened");
        healthy.set(true);

        await().atMost(Duration.ofSeconds(30)).until(() -> received("/breaker", ids) == reachedBeforePause + 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveredCount(ids) == 10);
        assertEquals(5, failedAttempts(ids, "delivered"), "no retry was consumed while the circuit was open");
        assertEquals("closed", circuit("BREAKER"));
    }

    /** The failed attempts of the breaker endpoint's deliveries of {@code ids}, of those in {@code status} (any when null). */
    private static int failedAttempts(Set<String> ids, String status) {
        return breakerDeliveries(ids, status, "failedAttempts").stream().mapToInt(Integer::intValue).sum();
    }

    private static int deliveredCount(Set<String> ids) {
        return breakerDeliveries(ids, "delivered", "failedAttempts").size();
    }

    private static List<Integer> breakerDeliveries(Set<String> ids, String status, String field) {
        var request = given().header("Authorization", ADMIN).queryParam("endpoint", "breaker").queryParam("limit", 1000);
        if (status != null) {
            request = request.queryParam("status", status);
        }
        return request.get("/api/v1/deliveries").then().extract().jsonPath()
                .getList("findAll { it.eventId in " + groovyList(ids) + " }." + field, Integer.class);
    }

    @Test
    void aMessageThatIsNotACloudEventIsDeadLetteredAndConsumptionGoesOn() {
        String marker = UUID.randomUUID().toString();
        byte[] garbage = ("{\"not\":\"a cloud event\",\"marker\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8);
        events.tap().publishRaw("kollus.test.garbage", garbage);
        CloudEvent after = event("kollus.lms.completed", "after-garbage", null);
        events.tap().publish(after);

        await().atMost(Duration.ofSeconds(20)).until(() -> received("/lms", Set.of(after.id())) == 1);
        byte[] deadLettered = await().atMost(Duration.ofSeconds(10))
                .until(() -> events.tap().take("notifier.events.dead-letter"),
                        body -> body != null && new String(body, StandardCharsets.UTF_8).contains(marker));
        assertEquals(new String(garbage, StandardCharsets.UTF_8), new String(deadLettered, StandardCharsets.UTF_8));
    }

    @Test
    void aCloudEventWhoseIdIsNotAUuidIsDeadLetteredAndNeverDelivered() {
        String id = "not-a-uuid-" + UUID.randomUUID();
        byte[] event = ("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"urn:test\","
                + "\"type\":\"kollus.lms.completed\",\"time\":\"" + Instant.now() + "\",\"data\":{}}")
                .getBytes(StandardCharsets.UTF_8);
        events.tap().publishRaw("kollus.lms.completed", event);
        CloudEvent after = event("kollus.lms.completed", "after-bad-id", null);
        events.tap().publish(after);

        await().atMost(Duration.ofSeconds(20)).until(() -> received("/lms", Set.of(after.id())) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.tap().take("notifier.events.dead-letter"),
                body -> body != null && new String(body, StandardCharsets.UTF_8).contains(id));
        assertEquals(0, received("/lms", Set.of(id)));
    }

    private static String groovyList(Set<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").toList().toString();
    }
}
