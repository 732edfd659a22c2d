package org.kollussuite.commons.health;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Readiness of the RabbitMQ broker, seen through a small connection of its own that is reopened on
 * the next probe after it drops: the messaging connector connects lazily and would report UP while
 * the broker is gone.
 */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

    static final String NAME = "RabbitMQ broker";
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final ConnectionFactory factory = new ConnectionFactory();
    private final String address;
    private Connection connection;

    public BrokerReadinessCheck(@ConfigProperty(name = "rabbitmq-host") String host,
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
        factory.setRequestedHeartbeat(10);
        factory.setAutomaticRecoveryEnabled(false);
        this.address = host + ":" + port + virtualHost;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        try {
            if (connection == null || !connection.isOpen()) {
                closeQuietly();
                connection = factory.newConnection("readiness-probe");
            }
            return HealthCheckResponse.named(NAME).up().withData("broker", address).build();
        } catch (IOException | TimeoutException e) {
            closeQuietly();
            return HealthCheckResponse.named(NAME).down().withData("broker", address)
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    synchronized void close(@Observes ShutdownEvent event) {
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.abort(CONNECT_TIMEOUT_MILLIS);
            } finally {
                connection = null;
            }
        }
    }
}
