package org.kollussuite.commons.outbox;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import jakarta.enterprise.context.ApplicationScoped;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.event.EventTypes;
import org.kollussuite.commons.messaging.BrokerConnections;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Publishes outbox rows to the {@code kollus.events} topic exchange as persistent messages over a connection
 * of its own in confirm mode, a batch at a time: a batch either is confirmed whole or fails whole, and a
 * failure drops the connection, so nothing of a failed batch lingers to be confirmed later. The next batch
 * opens a new connection.
 */
@ApplicationScoped
public class EventPublisher {

    /** One event to publish: its id becomes the message id, its type the routing key. */
    public record Event(UUID id, String type, String payload) {
    }

    private final BrokerConnections connections;
    private Connection connection;
    private Channel channel;

    public EventPublisher(BrokerConnections connections) {
        this.connections = connections;
    }

    /**
     * Publishes {@code events} and returns once the broker confirmed every one of them; throws when the broker
     * refused one, did not confirm them all within {@code confirmTimeout}, or cannot be reached.
     */
    public synchronized void publish(List<Event> events, Duration confirmTimeout)
            throws IOException, TimeoutException, InterruptedException {
        try {
            Channel open = channel();
            for (Event event : events) {
                open.basicPublish(EventTypes.EXCHANGE, event.type(), properties(event),
                        event.payload().getBytes(StandardCharsets.UTF_8));
            }
            open.waitForConfirmsOrDie(confirmTimeout.toMillis());
        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
            disconnect();
            throw e;
        }
    }

    /** Drops the connection; the next batch opens a new one. */
    public synchronized void disconnect() {
        try {
            BrokerConnections.abort(connection);
        } finally {
            connection = null;
            channel = null;
        }
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel == null || !channel.isOpen()) {
            disconnect();
            connection = connections.open("outbox-relay");
            Channel created = connection.createChannel();
            created.confirmSelect();
            created.exchangeDeclare(EventTypes.EXCHANGE, BuiltinExchangeType.TOPIC, true);
            channel = created;
        }
        return channel;
    }

    private static AMQP.BasicProperties properties(Event event) {
        return new AMQP.BasicProperties.Builder()
                .messageId(event.id().toString())
                .type(event.type())
                .contentType(CloudEvent.CONTENT_TYPE)
                .contentEncoding("UTF-8")
                .deliveryMode(2)
                .build();
    }
}
