package org.kollussuite.notifier.delivery;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.testing.EventTap;
import org.kollussuite.commons.testing.ServiceProcess;
import org.kollussuite.commons.testing.WebhookReceiver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A notifier killed with SIGKILL while deliveries are in flight: after a restart every event reaches the
 * receiver at least once, and the delivery log records each event as delivered exactly once.
 */
class DeliveryAfterKillIT {

    private static final int EVENTS = 120;

    private static ServiceProcess notifier(Map<String, String> base) {
        return ServiceProcess.start(base);
    }

    @Test
    void everyEventIsDeliveredAfterAKillMidDeliveryAndRecordedOnce() {
        try (WebhookReceiver receiver = WebhookReceiver.start(); EventTap tap = EventTap.open("kollus.test.none")) {
            receiver.on("/killed", r -> new WebhookReceiver.Answer(200, 100, Map.of()));
            Map<String, String> env = ServiceProcess.testEnvironment("kollus_notifier_test", ServiceProcess.freePort());
            env.put("NOTIFIER_WEBHOOKS_KILLED_URL", receiver.url("/killed"));
            env.put("NOTIFIER_WEBHOOKS_KILLED_SECRET", Receivers.SECRET);
            env.put("NOTIFIER_WEBHOOKS_KILLED_EVENTS", "kollus.test.killed");
            env.put("NOTIFIER_WEBHOOKS_KILLED_MAX_IN_FLIGHT", "4");
            List<CloudEvent> sent = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                sent.add(NotifierTestSupport.event("kollus.test.killed", "killed-" + i, null));
            }
            Set<String> ids = sent.stream().map(CloudEvent::id).collect(Collectors.toSet());

            try (ServiceProcess first = notifier(env)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> first.isReady() || !first.isAlive());
                assertTrue(first.isAlive(), first::output);
                sent.forEach(tap::publish);
                await().atMost(Duration.ofSeconds(60)).until(() -> receivedIds(receiver, ids).size() >= EVENTS / 4);
                first.kill();
            }
            assertTrue(receivedIds(receiver, ids).size() < EVENTS, "the kill happened mid-delivery");

            try (ServiceProcess second = notifier(env)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> second.isReady() || !second.isAlive());
                assertTrue(second.isAlive(), second::output);
                await().atMost(Duration.ofSeconds(120)).until(() -> receivedIds(receiver, ids).size() == EVENTS);

                await().atMost(Duration.ofSeconds(60)).until(() -> delivered(second, ids) == EVENTS);
                JsonPath all = given().baseUri(second.baseUrl()).auth().oauth2("test-admin-token")
                        .queryParam("endpoint", "killed").queryParam("limit", 1000).get("/api/v1/deliveries")
                        .then().statusCode(200).extract().jsonPath();
                List<String> logged = all.getList("eventId", String.class).stream().filter(ids::contains).toList();
                assertEquals(EVENTS, logged.size(), "one delivery per event");
                assertEquals(EVENTS, Set.copyOf(logged).size());
            }
        }
    }

    private static Set<String> receivedIds(WebhookReceiver receiver, Set<String> ids) {
        return receiver.on("/killed").stream().map(r -> r.header("webhook-id")).filter(ids::contains)
                .collect(Collectors.toSet());
    }

    private static long delivered(ServiceProcess service, Set<String> ids) {
        return given().baseUri(service.baseUrl()).auth().oauth2("test-admin-token")
                .queryParam("endpoint", "killed").queryParam("status", "delivered").queryParam("limit", 1000)
                .get("/api/v1/deliveries").then().statusCode(200).extract().jsonPath()
                .getList("eventId", String.class).stream().filter(ids::contains).count();
    }
}
