package org.kollussuite.commons.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.event.EventTypes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A test's own view of the {@code kollus.events} exchange: an exclusive queue bound to the given
 * routing patterns, collecting every CloudEvent published while it is open.
 */
public final class EventTap implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** A message as the broker delivered it. */
    public record Received(CloudEvent event, String routingKey, AMQP.BasicProperties properties, byte[] body) {
    }

    private EventTap(Connection connection, Channel channel) {
        this.connection = connection;
        this.channel = channel;
    }

    /** Opens a tap on the test virtual host of the local broker. */
    public static EventTap open(String... routingPatterns) {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(System.getProperty("test.rabbitmq.host", "localhost"));
            factory.setPort(Integer.getInteger("test.rabbitmq.port", 5672));
            factory.setVirtualHost(System.getProperty("test.rabbitmq.vhost", "kollus-test"));
            factory.setUsername("guest");
            factory.setPassword("guest");
            Connection connection = factory.newConnection("event-tap");
            Channel channel = connection.createChannel();
            channel.exchangeDeclare(EventTypes.EXCHANGE, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            for (String pattern : routingPatterns) {
                channel.queueBind(queue, EventTypes.EXCHANGE, pattern);
            }
            EventTap tap = new EventTap(connection, channel);
            channel.basicConsume(queue, true, (tag, delivery) -> tap.received.add(new Received(
                    CloudEvent.parse(delivery.getBody()), delivery.getEnvelope().getRoutingKey(),
                    delivery.getProperties(), delivery.getBody())), tag -> {
            });
            return tap;
        } catch (Exception e) {
            throw new IllegalStateException("cannot open an event tap on the local broker", e);
        }
    }

    /** Publishes {@code event} to {@code kollus.events} the way the suite's services do: persistent, keyed by type. */
    public void publish(CloudEvent event) {
        try {
            channel.basicPublish(EventTypes.EXCHANGE, event.type(), new AMQP.BasicProperties.Builder()
                    .contentType(CloudEvent.CONTENT_TYPE).deliveryMode(2).messageId(event.id()).build(), event.toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes arbitrary bytes, as a misbehaving publisher would. */
    public void publishRaw(String routingKey, byte[] body) {
        try {
            channel.basicPublish(EventTypes.EXCHANGE, routingKey, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                    body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Takes one message from {@code queue} on the same virtual host, or null when it is empty. */
    public byte[] take(String queue) {
        try {
            GetResponse response = channel.basicGet(queue, true);
            return response == null ? null : response.getBody();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Consumes {@code queue} beside the application's consumers without acknowledging anything, and answers the
     * bodies received so far (a live list); they return to the queue when the tap closes.
     */
    public List<byte[]> consumeWithoutAcknowledging(String queue) {
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        try {
            channel.basicConsume(queue, false, (tag, delivery) -> bodies.add(delivery.getBody()), tag -> {
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot consume " + queue, e);
        }
        return bodies;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> matching(Predicate<CloudEvent> filter) {
        return received.stream().filter(r -> filter.test(r.event())).toList();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (Exception ignored) {
            // The connection close below releases the channel anyway.
        }
        try {
            connection.close();
        } catch (Exception ignored) {
            // A test that stopped the broker leaves nothing to close.
        }
    }
}
