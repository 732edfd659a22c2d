package org.kollussuite.notifier.delivery;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.testing.EventTapExtension;
import org.kollussuite.commons.testing.WebhookReceiver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.notifier.delivery.NotifierTestSupport.ADMIN;
import static org.kollussuite.notifier.delivery.NotifierTestSupport.event;

@QuarkusTest
@WithTestResource(Receivers.class)
class ReceiverLimitsTest {

    @RegisterExtension
    EventTapExtension events = EventTapExtension.on("kollus.test.none");

    private static JsonPath deliveryOf(CloudEvent event, String endpoint) {
        Object id = given().header("Authorization", ADMIN).queryParam("endpoint", endpoint).queryParam("limit", 1000)
                .get("/api/v1/deliveries").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.eventId == '" + event.id() + "' }.id").get(0);
        return given().header("Authorization", ADMIN).get("/api/v1/deliveries/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void aRetryAfterIsHonouredInsteadOfTheSchedule() {
        CloudEvent event = event("kollus.test.retry-after", "retry-after", null);
        Receivers.receiver.on("/slowpoke", r -> Receivers.receiver.on("/slowpoke").stream()
                .filter(x -> event.id().equals(x.header("webhook-id"))).count() == 1
                ? new WebhookReceiver.Answer(503, 0, Map.of("Retry-After", "2")) : WebhookReceiver.Answer.ok());

        events.tap().publish(event);

        await().ignoreExceptions().atMost(Duration.ofSeconds(20))
                .until(() -> "delivered".equals(deliveryOf(event, "slowpoke").getString("status")));
        List<WebhookReceiver.Received> attempts = Receivers.receiver.on("/slowpoke").stream()
                .filter(r -> event.id().equals(r.header("webhook-id"))).toList();
        assertEquals(2, attempts.size());
        long gap = Duration.between(attempts.get(0).receivedAt(), attempts.get(1).receivedAt()).toMillis();
        assertTrue(gap >= 1900, "waited for Retry-After: 2 rather than the 0.2 s schedule, gap " + gap + " ms");
    }

    @Test
    void aHugeAnswerIsCutOffAndOnlyItsStartKept() {
        CloudEvent event = event("kollus.test.chatty", "chatty", null);
        Receivers.receiver.on("/chatty", r -> new WebhookReceiver.Answer(200, 0, Map.of(), 1_000_000));

        events.tap().publish(event);

        await().ignoreExceptions().atMost(Duration.ofSeconds(20))
                .until(() -> !deliveryOf(event, "chatty").getList("attempts").isEmpty());
        JsonPath delivery = deliveryOf(event, "chatty");
        assertTrue(delivery.getString("attempts[0].error").contains("cut off after 65536 bytes"),
                delivery.getString("attempts[0].error"));
        assertEquals(2000, delivery.getString("attempts[0].response").length());
        assertEquals("delivered", delivery.getString("status"), "the receiver's 200 counts; only the body was cut");
    }

    @Test
    void aKeptAliveConnectionTheReceiverClosesAsItIsReusedCostsNoAttempt() {
        for (int i = 0; i < 3; i++) {
            CloudEvent event = event("kollus.test.closing", "closing-" + i, null);
            events.tap().publish(event);

            await().ignoreExceptions().atMost(Duration.ofSeconds(20))
                    .until(() -> "delivered".equals(deliveryOf(event, "closing").getString("status")));
            JsonPath delivery = deliveryOf(event, "closing");
            assertEquals(0, delivery.getInt("failedAttempts"), "sent again at once on a new connection");
            assertEquals(List.of(200), delivery.getList("attempts.statusCode"));
            assertTrue(Receivers.closing.answered().contains(event.id()));
        }
    }
}
