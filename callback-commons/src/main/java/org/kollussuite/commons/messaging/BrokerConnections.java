package org.kollussuite.commons.messaging;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Opens plain RabbitMQ connections with the suite's broker settings ({@code RABBITMQ_*}) for the parts that
 * manage their connection themselves: each connection fails fast and never recovers on its own, so its owner
 * sees every outage and decides when to reconnect.
 */
@ApplicationScoped
public class BrokerConnections {

    private static final int CONNECT_TIMEOUT_MILLIS = 2000;
    private static final int HEARTBEAT_SECONDS = 10;

    private final ConnectionFactory factory = new ConnectionFactory();
    private final String address;

    public BrokerConnections(@ConfigProperty(name = "rabbitmq-host") String host,
                             @ConfigProperty(name = "rabbitmq-port") int port,
                             @ConfigProperty(name = "rabbitmq-username") String username,
                             @ConfigProperty(name = "rabbitmq-password") String password,
                             @ConfigProperty(name = "rabbitmq-virtual-host") String virtualHost) {
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        factory.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        factory.setHandshakeTimeout(CONNECT_TIMEOUT_MILLIS);
        factory.setRequestedHeartbeat(HEARTBEAT_SECONDS);
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        this.address = host + ":" + port + virtualHost;
    }

    /** A new connection, named so that the broker's management view shows who holds it. */
    public Connection open(String name) throws IOException, TimeoutException {
        return factory.newConnection(name);
    }

    /** Host, port and virtual host, without credentials: safe to show in health data and logs. */
    public String address() {
        return address;
    }

    /** Closes {@code connection} without waiting long for a broker that may be gone; null is allowed. */
    public static void abort(Connection connection) {
        if (connection != null) {
            connection.abort(CONNECT_TIMEOUT_MILLIS);
        }
    }
}
