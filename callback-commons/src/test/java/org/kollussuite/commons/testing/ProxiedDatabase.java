package org.kollussuite.commons.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Connects the service under test to the real PostgreSQL through a proxy the test can cut. The
 * database is the resource argument {@value #DATABASE}:
 * {@code @WithTestResource(value = ProxiedDatabase.class, initArgs = @ResourceArg(name = "database", value = "..."))}.
 */
public class ProxiedDatabase implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "database";

    private static TcpProxy proxy;
    private String database;

    /** The proxy of the running test class. */
    public static TcpProxy proxy() {
        return proxy;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get(DATABASE);
        if (database == null) {
            throw new IllegalArgumentException("ProxiedDatabase needs the resource argument '" + DATABASE + "'");
        }
    }

    @Override
    public Map<String, String> start() {
        proxy = TcpProxy.to(5432);
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + proxy.port() + "/" + database);
    }

    @Override
    public void stop() {
        proxy.close();
    }
}
