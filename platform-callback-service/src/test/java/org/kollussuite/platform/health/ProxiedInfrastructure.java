package org.kollussuite.platform.health;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.kollussuite.commons.testing.TcpProxy;

import java.util.Map;

/** Connects the service to the real PostgreSQL and RabbitMQ through proxies the test can cut. */
public class ProxiedInfrastructure implements QuarkusTestResourceLifecycleManager {

    static TcpProxy database;
    static TcpProxy broker;

    @Override
    public Map<String, String> start() {
        database = TcpProxy.to(5432);
        broker = TcpProxy.to(5672);
        return Map.of(
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://localhost:" + database.port() + "/kollus_platform_test",
                "rabbitmq-port", String.valueOf(broker.port()));
    }

    @Override
    public void stop() {
        database.close();
        broker.close();
    }
}
