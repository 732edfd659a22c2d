package org.kollussuite.commons.health;

import com.rabbitmq.client.Connection;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.kollussuite.commons.messaging.BrokerConnections;

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

    private final BrokerConnections connections;
    private Connection connection;

    public BrokerReadinessCheck(BrokerConnections connections) {
        this.connections = connections;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        try {
            if (connection == null || !connection.isOpen()) {
                closeQuietly();
                connection = connections.open("readiness-probe");
            }
            return HealthCheckResponse.named(NAME).up().withData("broker", connections.address()).build();
        } catch (IOException | TimeoutException e) {
            closeQuietly();
            return HealthCheckResponse.named(NAME).down().withData("broker", connections.address())
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    synchronized void close(@Observes ShutdownEvent event) {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            BrokerConnections.abort(connection);
        } finally {
            connection = null;
        }
    }
}
