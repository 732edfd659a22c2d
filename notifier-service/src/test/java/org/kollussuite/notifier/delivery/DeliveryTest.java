package org.kollussuite.notifier.delivery;

import com.standardwebhooks.Webhook;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.testing.EventTapExtension;
import org.kollussuite.commons.testing.WebhookReceiver;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.notifier.delivery.NotifierTestSupport.ADMIN;
import static org.kollussuite.notifier.delivery.NotifierTestSupport.event;

@QuarkusTest
@WithTestResource(Receivers.class)
class DeliveryTest {

    @RegisterExtension
    EventTapExtension events = EventTapExtension.on("kollus.test.none");

    private static List<WebhookReceiver.Received> deliveriesOf(CloudEvent event) {
        return Receivers.receiver.all().stream().filter(r -> event.id().equals(r.header("webhook-id"))).toList();
    }

    private static Set<String> pathsOf(CloudEvent event) {
        return deliveriesOf(event).stream().map(WebhookReceiver.Received::path).collect(Collectors.toSet());
    }

    private static JsonPath deliveryOf(CloudEvent event, String endpoint) {
        List<Map<String, Object>> list = given().header("Authorization", ADMIN).queryParam("endpoint", endpoint)
                .queryParam("limit", 1000).get("/api/v1/deliveries").then().statusCode(200).extract().jsonPath().getList("$");
        Object id = list.stream().filter(d -> event.id().equals(d.get("eventId"))).findFirst().orElseThrow().get("id");
        return given().header("Authorization", ADMIN).get("/api/v1/deliveries/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void anEventReachesExactlyTheEndpointsWhoseEventsAndChannelsMatchSignedVerifiably() throws Exception {
        CloudEvent mathPlayback = event("kollus.playback.authorized", "mck-1", "math-channel");
        CloudEvent artPlayback = event("kollus.playback.authorized", "mck-2", "art-channel");
        CloudEvent progress = event("kollus.lms.progressed", "mck-3", "art-channel");
        CloudEvent internal = event("suite.player.entitlements-changed", "user", "math-channel");

        for (CloudEvent e : List.of(mathPlayback, artPlayback, progress, internal)) {
            events.tap().publish(e);
        }

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> pathsOf(mathPlayback).size() == 2
                && pathsOf(artPlayback).size() == 1 && pathsOf(progress).size() == 2);
        assertEquals(Set.of("/all", "/mathonly"), pathsOf(mathPlayback));
        assertEquals(Set.of("/all"), pathsOf(artPlayback), "the MATH filter keeps art-channel events out");
        assertEquals(Set.of("/all", "/lms"), pathsOf(progress));
        assertTrue(deliveriesOf(internal).isEmpty(), "internal events are not webhooks");

        Webhook verifier = new Webhook(Receivers.SECRET);
        for (WebhookReceiver.Received received : deliveriesOf(mathPlayback)) {
            verifier.verify(received.body(), received.headers());
            assertEquals("application/cloudevents+json", received.header("content-type"));
            assertEquals(mathPlayback.id(), CloudEvent.parse(received.body().getBytes()).id());
        }
    }

    @Test
    void theDeliveryLogCanBeFilteredBySubjectAndCreationTime() {
        Instant before = Instant.now();
        String subject = "mck-" + UUID.randomUUID();
        CloudEvent event = event("kollus.lms.progressed", subject, "art-channel");
        events.tap().publish(event);
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> pathsOf(event).size() == 2);

        given().header("Authorization", ADMIN).queryParam("subject", subject).get("/api/v1/deliveries").then()
                .statusCode(200).body("size()", equalTo(2)).body("subject", everyItem(equalTo(subject)));
        given().header("Authorization", ADMIN).queryParam("subject", subject).queryParam("since", before.toString())
                .queryParam("until", Instant.now().plusSeconds(60).toString()).get("/api/v1/deliveries").then()
                .statusCode(200).body("size()", equalTo(2));
        given().header("Authorization", ADMIN).queryParam("subject", subject).queryParam("until", before.toString())
                .get("/api/v1/deliveries").then().statusCode(200).body("size()", equalTo(0));
        given().header("Authorization", ADMIN).queryParam("since", "last tuesday").get("/api/v1/deliveries").then()
                .statusCode(400).body("error", equalTo("invalid_parameter"));
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheEventOnTheFourthAttemptWithTheSameId() {
        CloudEvent event = event("kollus.test.flaky", "mck-flaky", null);
        Receivers.receiver.on("/flaky", r -> Receivers.receiver.on("/flaky").stream()
                .filter(x -> event.id().equals(x.header("webhook-id"))).count() <= 3
                ? WebhookReceiver.Answer.status(503) : WebhookReceiver.Answer.ok());

        events.tap().publish(event);

        await().ignoreExceptions().atMost(Duration.ofSeconds(20))
                .until(() -> "delivered".equals(deliveryOf(event, "flaky").getString("status")));
        List<WebhookReceiver.Received> attempts = Receivers.receiver.on("/flaky").stream()
                .filter(r -> event.id().equals(r.header("webhook-id"))).toList();
        assertEquals(4, attempts.size());
        assertEquals(1, attempts.stream().map(r -> r.header("webhook-id")).distinct().count());
        JsonPath delivery = deliveryOf(event, "flaky");
        assertEquals(List.of(503, 503, 503, 200), delivery.getList("attempts.statusCode", Integer.class));
    }

    @Test
    void afterTheLastScheduledAttemptADeliveryIsFailedAndKeptAndCanBeRetried() {
        CloudEvent event = event("kollus.test.dead", "mck-dead", null);
        Receivers.receiver.on("/dead", r -> WebhookReceiver.Answer.status(500));
        events.tap().publish(event);

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(deliveryOf(event, "dead").getString("status")));
        assertEquals(3, deliveryOf(event, "dead").getList("attempts").size(), "one attempt and two retries");

        Receivers.receiver.on("/dead", r -> WebhookReceiver.Answer.ok());
        given().header("Authorization", ADMIN).post("/api/v1/deliveries/" + deliveryOf(event, "dead").getLong("id") + "/retry")
                .then().statusCode(200);
        await().ignoreExceptions().atMost(Duration.ofSeconds(20))
                .until(() -> "delivered".equals(deliveryOf(event, "dead").getString("status")));
    }

    @Test
    void a410DisablesTheEndpointUntilItIsEnabledAgain() {
        CloudEvent first = event("kollus.test.gone", "mck-gone", null);
        Receivers.receiver.on("/gone", r -> WebhookReceiver.Answer.status(410));
        events.tap().publish(first);
        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> "disabled".equals(endpointState("GONE")));

        Receivers.receiver.on("/gone", r -> WebhookReceiver.Answer.ok());
        CloudEvent second = event("kollus.test.gone", "mck-gone-2", null);
        events.tap().publish(second);
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> given().header("Authorization", ADMIN)
                .queryParam("endpoint", "gone").get("/api/v1/deliveries").then().extract().jsonPath()
                .getList("eventId").contains(second.id()));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> deliveriesOf(second).stream().noneMatch(r -> r.path().equals("/gone")));

        given().header("Authorization", ADMIN).post("/api/v1/endpoints/gone/enable").then().statusCode(200);

        await().ignoreExceptions().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(deliveryOf(first, "gone").getString("status"))
                && "delivered".equals(deliveryOf(second, "gone").getString("status")));
        assertEquals(0, deliveryOf(first, "gone").getInt("failedAttempts"), "the 410 did not consume a retry");
    }

    private static String endpointState(String name) {
        return given().header("Authorization", ADMIN).get("/api/v1/endpoints").then().statusCode(200)
                .extract().jsonPath().getString("find { it.name == '" + name + "' }.state");
    }
}
