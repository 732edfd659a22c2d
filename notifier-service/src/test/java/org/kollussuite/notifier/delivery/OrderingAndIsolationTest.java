package org.kollussuite.notifier.delivery;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.testing.EventTapExtension;
import org.kollussuite.commons.testing.WebhookReceiver;
import org.kollussuite.notifier.messaging.EventConsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.notifier.delivery.NotifierTestSupport.event;

@QuarkusTest
@WithTestResource(Receivers.class)
class OrderingAndIsolationTest {

    @RegisterExtension
    EventTapExtension events = EventTapExtension.on("kollus.test.none");

    private static List<String> idsReceivedOn(String path, Set<String> ids) {
        return Receivers.receiver.on(path).stream().map(r -> r.header("webhook-id")).filter(ids::contains).toList();
    }

    @Test
    void oneSubjectsEventsArriveInOrderEvenWhenTheFirstNeedsRetries() {
        List<CloudEvent> subjectA = new ArrayList<>();
        List<CloudEvent> subjectB = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            subjectA.add(event("kollus.test.ordered", subjectA.isEmpty() ? "a-" + UUID.randomUUID() : subjectA.get(0).subject(), null));
            subjectB.add(event("kollus.test.ordered", subjectB.isEmpty() ? "b-" + UUID.randomUUID() : subjectB.get(0).subject(), null));
        }
        String failingOnce = subjectA.get(0).id();
        Set<String> failed = ConcurrentHashMap.newKeySet();
        Receivers.receiver.on("/ordered", r -> failingOnce.equals(r.header("webhook-id")) && failed.add(failingOnce)
                ? WebhookReceiver.Answer.status(500) : WebhookReceiver.Answer.ok());

        for (int i = 0; i < 3; i++) {
            events.tap().publish(subjectA.get(i));
            events.tap().publish(subjectB.get(i));
        }

        Set<String> aIds = Set.copyOf(subjectA.stream().map(CloudEvent::id).toList());
        Set<String> bIds = Set.copyOf(subjectB.stream().map(CloudEvent::id).toList());
        await().atMost(Duration.ofSeconds(20)).until(() -> idsReceivedOn("/ordered", aIds).size() == 4);
        List<String> a = idsReceivedOn("/ordered", aIds);
        assertEquals(List.of(failingOnce, failingOnce, subjectA.get(1).id(), subjectA.get(2).id()), a,
                "the later events of subject A waited for the first one's retry");
        assertEquals(subjectB.stream().map(CloudEvent::id).toList(), idsReceivedOn("/ordered", bIds),
                "subject B was delivered in order");
    }

    @Test
    void aSecondConsumerOfTheEventQueueGetsNothingWhileTheNotifierTakesEveryEvent() {
        List<byte[]> taken = events.tap().consumeWithoutAcknowledging(EventConsumer.QUEUE);
        List<CloudEvent> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add(event("kollus.test.ordered", "single-consumer-" + UUID.randomUUID(), null));
        }
        Receivers.receiver.on("/ordered", r -> WebhookReceiver.Answer.ok());
        sent.forEach(events.tap()::publish);

        await().atMost(Duration.ofSeconds(20)).until(() -> idsReceivedOn("/ordered", ids(sent)).size() == 20);
        assertEquals(0, taken.size(), "the notifier is the queue's single active consumer, in the order events were published");
    }

    @Test
    void aHangingEndpointDoesNotDelayAHealthyOne() {
        List<CloudEvent> alone = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            alone.add(event("kollus.test.isolation", "alone-" + i, null));
        }
        Receivers.receiver.on("/hanging", r -> WebhookReceiver.Answer.ok());
        alone.forEach(events.tap()::publish);
        await().atMost(Duration.ofSeconds(20)).until(() -> idsReceivedOn("/healthy", ids(alone)).size() == 20);
        double latencyAlone = meanLatencyMillis(alone);

        Receivers.receiver.on("/hanging", r -> new WebhookReceiver.Answer(200, 30_000, Map.of()));
        List<CloudEvent> beside = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            beside.add(event("kollus.test.isolation", "beside-" + i, null));
        }
        beside.forEach(events.tap()::publish);
        await().atMost(Duration.ofSeconds(20)).until(() -> idsReceivedOn("/healthy", ids(beside)).size() == 20);
        double latencyBeside = meanLatencyMillis(beside);

        assertTrue(latencyBeside <= 2 * Math.max(latencyAlone, 50),
                "healthy alone " + latencyAlone + " ms, beside a hanging endpoint " + latencyBeside + " ms");
    }

    private static Set<String> ids(List<CloudEvent> events) {
        return Set.copyOf(events.stream().map(CloudEvent::id).toList());
    }

    /** Mean time from an event's creation to its arrival at the healthy receiver. */
    private static double meanLatencyMillis(List<CloudEvent> sent) {
        return Receivers.receiver.on("/healthy").stream().filter(r -> ids(sent).contains(r.header("webhook-id")))
                .mapToLong(r -> {
                    CloudEvent event = sent.stream().filter(e -> e.id().equals(r.header("webhook-id"))).findFirst()
                            .orElseThrow();
                    return Duration.between(event.time(), r.receivedAt()).toMillis();
                }).average().orElseThrow();
    }
}
