package org.kollussuite.notifier.delivery;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.kollussuite.commons.testing.TcpProxy;

import java.util.Map;

/** Connects the service to the real PostgreSQL through a proxy the test can cut. */
public class ProxiedDatabase implements QuarkusTestResourceLifecycleManager {

    static TcpProxy database;

    @Override
    public Map<String, String> start() {
        database = TcpProxy.to(5432);
        return Map.of("quarkus.datasource.jdbc.url",
                "jdbc:postgresql://localhost:" + database.port() + "/kollus_notifier_test");
    }

    @Override
    public void stop() {
        database.close();
    }
}
