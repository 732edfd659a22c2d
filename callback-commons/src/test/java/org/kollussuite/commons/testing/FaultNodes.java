package org.kollussuite.commons.testing;

import org.kollussuite.commons.messaging.BrokerConnections;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The RabbitMQ node and PostgreSQL cluster that fault tests own and stop for real
 * ({@code scripts/fault-nodes-up.sh} starts them; nothing else uses them).
 */
public final class FaultNodes {

    public static final String HOST = "127.0.0.1";
    public static final int RABBITMQ_PORT = 5679;
    public static final String RABBITMQ_VIRTUAL_HOST = "kollus-faults";
    public static final int POSTGRESQL_PORT = 5433;

    private FaultNodes() {
    }

    /** Connections to the owned broker node. */
    public static BrokerConnections broker() {
        return new BrokerConnections(HOST, RABBITMQ_PORT, "guest", "guest", RABBITMQ_VIRTUAL_HOST);
    }

    /** JDBC URL of {@code database} on the owned cluster. */
    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + POSTGRESQL_PORT + "/" + database;
    }

    /** Stops the owned broker node's application, as {@code rabbitmqctl stop_app} does: every connection drops. */
    public static void stopBroker() {
        run("rabbitmq", "stop");
    }

    /** Starts it again and returns once it listens. */
    public static void startBroker() {
        run("rabbitmq", "start");
    }

    /** Stops the owned database cluster in fast mode: every session is cut. */
    public static void stopDatabase() {
        run("postgresql", "stop");
    }

    public static void startDatabase() {
        run("postgresql", "start");
    }

    private static void run(String node, String action) {
        Path script = script();
        try {
            Process process = new ProcessBuilder("bash", script.toString(), node, action).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(script + " " + node + " " + action + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code scripts/fault-nodes.sh} of the repository the tests run in. */
    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("scripts").resolve("fault-nodes.sh");
            if (Files.exists(script)) {
                return script;
            }
        }
        throw new IllegalStateException("scripts/fault-nodes.sh not found above " + Path.of("").toAbsolutePath());
    }
}
