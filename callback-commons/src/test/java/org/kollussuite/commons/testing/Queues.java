package org.kollussuite.commons.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.time.Duration;


/** Waits for RabbitMQ queues that services declare while they start. */
public final class Queues {

    private Queues() {
    }

    /**
     * Events published before their queues exist would be dropped by the exchange; on a fresh broker the
     * consumers declare them while starting, so tests wait for them (a passive declare fails until then).
     */
    public static void await(String virtualHost, Duration timeout, String... queues) {
        await(ConnectionFactory.DEFAULT_AMQP_PORT, virtualHost, timeout, queues);
    }

    /** The same on the local broker listening on {@code port}. */
    public static void await(int port, String virtualHost, Duration timeout, String... queues) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(port);
        factory.setVirtualHost(virtualHost);
        org.awaitility.Awaitility.await().atMost(timeout).ignoreExceptions().until(() -> {
            try (Connection connection = factory.newConnection("suite-tests")) {
                for (String queue : queues) {
                    try (Channel channel = connection.createChannel()) {
                        channel.queueDeclarePassive(queue);
                    }
                }
                return true;
            }
        });
    }
}
