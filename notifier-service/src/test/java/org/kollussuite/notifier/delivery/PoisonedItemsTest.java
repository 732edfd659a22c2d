package org.kollussuite.notifier.delivery;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.Metrics;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.testing.EventTapExtension;
import org.kollussuite.commons.testing.WebhookReceiver;
import org.kollussuite.notifier.config.WebhookDirectory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.notifier.delivery.NotifierTestSupport.ADMIN;
import static org.kollussuite.notifier.delivery.NotifierTestSupport.event;

/** Items the database refuses on their own, among honest ones, in each of the notifier's batch writers. */
@QuarkusTest
@WithTestResource(Receivers.class)
class PoisonedItemsTest {

    @RegisterExtension
    EventTapExtension events = EventTapExtension.on("kollus.test.none");

    @Inject
    AttemptRecorder recorder;

    @Inject
    WebhookDirectory webhooks;


    private static List<Map<String, Object>> deliveries(String endpoint) {
        return given().header("Authorization", ADMIN).queryParam("endpoint", endpoint).queryParam("limit", 1000)
                .get("/api/v1/deliveries").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static JsonPath deliveryOf(CloudEvent event, String endpoint) {
        Object id = deliveries(endpoint).stream().filter(d -> event.id().equals(d.get("eventId"))).findFirst()
                .orElseThrow().get("id");
        return given().header("Authorization", ADMIN).get("/api/v1/deliveries/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    private static Set<String> receivedIds(String path) {
        return Receivers.receiver.on(path).stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
    }

    @Test
    void aReceiverAnsweringANulCharacterHasItsAttemptsRecordedAndDelaysNoOtherEndpoint() {
        Receivers.receiver.on("/nul", r -> WebhookReceiver.Answer.withBody(200, "ok\0"));
        List<CloudEvent> sent = IntStream.range(0, 20).mapToObj(i -> event("kollus.test.nul", "nul-" + i, null)).toList();

        sent.forEach(events.tap()::publish);

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> sent.stream()
                .allMatch(e -> "delivered".equals(deliveryOf(e, "nul").getString("status"))
                        && "delivered".equals(deliveryOf(e, "bystander").getString("status"))));
        JsonPath first = deliveryOf(sent.get(0), "nul");
        assertEquals(1, first.getList("attempts").size(), "recorded once, never re-sent");
        assertEquals("ok\\u0000", first.getString("attempts[0].response"), "the NUL is kept, escaped");
        sent.forEach(e -> assertEquals(1, Receivers.receiver.on("/bystander").stream()
                .filter(r -> e.id().equals(r.header("webhook-id"))).count()));
    }

    @Test
    void anAttemptWhoseTextTheDatabaseRefusesIsRecordedAloneWithItsTextCleaned() {
        CloudEvent event = event("kollus.test.nul", "recorded-cleaned", null);
        events.tap().publish(event);
        await().ignoreExceptions().atMost(Duration.ofSeconds(20))
                .until(() -> "delivered".equals(deliveryOf(event, "bystander").getString("status")));
        long deliveryId = deliveryOf(event, "bystander").getLong("id");
        double poisonedBefore = Metrics.sum("kollus_notifier_attempts_log_poisoned_total");

        recorder.record(new AttemptResult(deliveryId, "bystander", Instant.now(), 200, 3, "fine\0then " + "x".repeat(2500),
                "said \0", null), webhooks.byName("bystander").orElseThrow());

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveryOf(event, "bystander").getList("attempts").size() == 2);
        JsonPath delivery = deliveryOf(event, "bystander");
        String response = delivery.getString("attempts.find { it.response.startsWith('fine') }.response");
        assertTrue(response.startsWith("fine\\u0000then xxx"), response);
        assertEquals(WebhookSender.EXCERPT_LENGTH, response.length(), "cut to what the log keeps");
        assertEquals(poisonedBefore + 1, Metrics.sum("kollus_notifier_attempts_log_poisoned_total"));
    }

    @Test
    void anEventWhoseDeliveriesTheDatabaseRefusesIsDeadLetteredAloneAndEveryOtherEventIsDelivered() {
        double refusedBefore = Metrics.sum("kollus_notifier_events_refused_total");
        List<CloudEvent> honest = IntStream.range(0, 40).mapToObj(i -> event("kollus.test.refused", "honest-" + i, null))
                .toList();
        CloudEvent poisoned = event("kollus.test.refused", "s".repeat(600), null);
        List<CloudEvent> sent = new ArrayList<>(honest);
        sent.add(20, poisoned);

        sent.forEach(events.tap()::publish);

        await().atMost(Duration.ofSeconds(20)).until(() -> receivedIds("/refusing")
                .containsAll(honest.stream().map(CloudEvent::id).toList()));
        await().atMost(Duration.ofSeconds(10)).until(() -> Metrics.sum("kollus_notifier_events_refused_total") == refusedBefore + 1);
        List<String> deadLettered = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            byte[] message;
            while ((message = events.tap().take("notifier.events.dead-letter")) != null) {
                deadLettered.add(new String(message, StandardCharsets.UTF_8));
            }
            return deadLettered.stream().anyMatch(body -> body.contains(poisoned.id()));
        });
        assertTrue(!receivedIds("/refusing").contains(poisoned.id()), "the refused event was never delivered");
    }

    @Test
    void twoHundredFiftySixAttemptsInFlightToOneSlowReceiverAllFinishWithinTheirTimeout() {
        Receivers.receiver.on("/crowded", r -> new WebhookReceiver.Answer(200, 1500, Map.of()));
        List<CloudEvent> sent = IntStream.range(0, 256).mapToObj(i -> event("kollus.test.crowded", "crowded-" + i, null))
                .toList();

        sent.forEach(events.tap()::publish);

        Set<String> ids = sent.stream().map(CloudEvent::id).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("crowded").stream()
                .filter(d -> ids.contains(d.get("eventId")) && "delivered".equals(d.get("status"))).count() == sent.size());
        List<Object> retried = deliveries("crowded").stream().filter(d -> ids.contains(d.get("eventId")))
                .filter(d -> ((Number) d.get("failedAttempts")).intValue() > 0).map(d -> d.get("id")).toList();
        assertEquals(List.of(), retried, "no attempt waited for a connection past its 4 s timeout");
    }
}
