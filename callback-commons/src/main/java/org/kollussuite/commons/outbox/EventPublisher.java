package org.kollussuite.commons.outbox;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
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

    /** The broker closed the channel refusing a message of the batch itself (406, larger than its limit, say). */
    public static final class RefusedException extends IOException {

        RefusedException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** The AMQP reply code of a channel closed because a message broke one of the broker's preconditions. */
    private static final int PRECONDITION_FAILED = 406;

    private final BrokerConnections connections;
    private Connection connection;
    private Channel channel;

    public EventPublisher(BrokerConnections connections) {
        this.connections = connections;
    }

    /**
     * Publishes {@code events} and returns once the broker confirmed every one of them; throws when the broker
     * did not confirm them all within {@code confirmTimeout} or cannot be reached, and a {@link RefusedException}
     * when it closed the channel over one of the messages.
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
            RefusedException refused = refusal(e);
            if (refused != null) {
                throw refused;
            }
            throw e;
        }
    }

    /** A refusal when {@code failure} is the broker closing the channel (not the connection) with 406. */
    private static RefusedException refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ShutdownSignalException signal && !signal.isHardError()
                    && signal.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == PRECONDITION_FAILED) {
                return new RefusedException(close.getReplyText(), failure);
            }
        }
        return null;
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
