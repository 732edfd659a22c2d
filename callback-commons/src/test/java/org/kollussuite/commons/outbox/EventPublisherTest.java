package org.kollussuite.commons.outbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.messaging.BrokerConnections;
import org.kollussuite.commons.testing.EventTap;
import org.kollussuite.commons.testing.TcpProxy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The relay's publisher against the local broker, reached through a proxy the test can cut. */
class EventPublisherTest {

    private static final String TYPE = "kollus.publisher-test.published";
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aConfirmedBatchArrivesWholeAsPersistentMessagesKeyedByType() throws Exception {
        try (EventTap tap = EventTap.open(TYPE); TcpProxy broker = TcpProxy.to(5672)) {
            EventPublisher publisher = new EventPublisher(connectionsThrough(broker));
            List<EventPublisher.Event> batch = events(50);

            publisher.publish(batch, CONFIRM_TIMEOUT);

            await().atMost(Duration.ofSeconds(10)).until(() -> received(tap, batch) == batch.size());
            EventTap.Received first = tap.matching(e -> e.id().equals(batch.get(0).id().toString())).get(0);
            assertEquals(TYPE, first.routingKey());
            assertEquals(2, first.properties().getDeliveryMode());
            assertEquals(batch.get(0).id().toString(), first.properties().getMessageId());
            assertEquals(CloudEvent.CONTENT_TYPE, first.properties().getContentType());
            publisher.disconnect();
        }
    }

    @Test
    void aBatchPublishedWhileTheBrokerIsUnreachableFailsAndTheNextOneAfterItsReturnIsConfirmed() throws Exception {
        try (EventTap tap = EventTap.open(TYPE); TcpProxy broker = TcpProxy.to(5672)) {
            EventPublisher publisher = new EventPublisher(connectionsThrough(broker));
            publisher.publish(events(1), CONFIRM_TIMEOUT);

            broker.cut();
            List<EventPublisher.Event> duringOutage = events(20);
            assertThrows(Exception.class, () -> publisher.publish(duringOutage, CONFIRM_TIMEOUT),
                    "a batch without confirms must fail, never hang or succeed");

            broker.restore();
            publisher.publish(duringOutage, CONFIRM_TIMEOUT);
            await().atMost(Duration.ofSeconds(10)).until(() -> received(tap, duringOutage) == duringOutage.size());
            publisher.disconnect();
        }
    }

    private static BrokerConnections connectionsThrough(TcpProxy broker) {
        return new BrokerConnections("localhost", broker.port(), "guest", "guest", "kollus-test");
    }

    private static List<EventPublisher.Event> events(int count) {
        return IntStream.range(0, count).mapToObj(i -> {
            CloudEvent event = CloudEvent.create(CloudEvent.sourceOf("publisher-test"), TYPE, "subject-" + i,
                    JsonNodeFactory.instance.objectNode().put("n", i));
            return new EventPublisher.Event(UUID.fromString(event.id()), TYPE, event.toJson().toString());
        }).toList();
    }

    private static long received(EventTap tap, List<EventPublisher.Event> batch) {
        return batch.stream().filter(e -> !tap.matching(event -> event.id().equals(e.id().toString())).isEmpty()).count();
    }
}
