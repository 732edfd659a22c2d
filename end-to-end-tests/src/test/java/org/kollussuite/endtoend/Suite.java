package org.kollussuite.endtoend;

import org.kollussuite.commons.testing.FaultNodes;
import org.kollussuite.commons.testing.Queues;
import org.kollussuite.commons.testing.ServiceProcess;
import org.kollussuite.commons.testing.TcpProxy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole suite as an operator runs it: four service processes from their fast-jars, each with its own
 * database, all in the RabbitMQ virtual host {@value #VIRTUAL_HOST}, configured only through environment
 * variables with one channel and one webhook endpoint pointing at a signature-checking receiver. They run on
 * the PostgreSQL cluster and RabbitMQ node the tests own ({@link FaultNodes}), which tests stop and start for
 * real, and every database and broker connection goes through a proxy the tests can cut.
 */
final class Suite implements AutoCloseable {

    static final String ADMIN_TOKEN = "test-admin-token";
    static final String VIRTUAL_HOST = "kollus-e2e";
    static final String ENDPOINT = "E2E";
    private static final Duration BOOT = Duration.ofSeconds(120);

    private final String channelKey = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private final String webhookSecret = newSecret();
    private final SignedWebhooks webhooks = new SignedWebhooks(webhookSecret);
    private final TcpProxy database = TcpProxy.to(FaultNodes.POSTGRESQL_PORT);
    private final TcpProxy broker = TcpProxy.to(FaultNodes.RABBITMQ_PORT);
    private final Map<SuiteService, Integer> ports = new ConcurrentHashMap<>();
    private final Map<SuiteService, ServiceProcess> processes = new ConcurrentHashMap<>();
    private final Map<SuiteService, AtomicInteger> starts = new ConcurrentHashMap<>();

    private Suite() {
    }

    /** Starts the four services at once and waits until each is ready and the shared queues exist. */
    static Suite start() {
        Suite suite = new Suite();
        try {
            for (SuiteService service : SuiteService.values()) {
                suite.ports.put(service, ServiceProcess.freePort());
                suite.starts.put(service, new AtomicInteger());
                suite.launch(service);
            }
            for (SuiteService service : SuiteService.values()) {
                suite.awaitReady(service);
            }
            Queues.await(FaultNodes.RABBITMQ_PORT, VIRTUAL_HOST, BOOT, "notifier.events", "player.channel-contents");
            return suite;
        } catch (RuntimeException | Error e) {
            suite.close();
            throw e;
        }
    }

    /** A fresh channel key per suite, so the player's read model of the channel holds only this run's contents. */
    String channelKey() {
        return channelKey;
    }

    String baseUrl(SuiteService service) {
        return "http://localhost:" + ports.get(service);
    }

    SignedWebhooks webhooks() {
        return webhooks;
    }

    /** The path from every service to PostgreSQL. */
    TcpProxy database() {
        return database;
    }

    /** The path from every service to RabbitMQ. */
    TcpProxy broker() {
        return broker;
    }

    boolean isReady(SuiteService service) {
        return processes.get(service).isReady();
    }

    boolean allReady() {
        return processes.values().stream().allMatch(ServiceProcess::isReady);
    }

    /** How many processes of {@code service} were started so far: 1 until it is restarted. */
    int generation(SuiteService service) {
        return starts.get(service).get();
    }

    /** SIGKILL, then a new process with the same environment and port, as a supervisor restarts it. */
    void killAndRestart(SuiteService service) {
        processes.get(service).kill();
        launch(service);
        awaitReady(service);
    }

    private void awaitReady(SuiteService service) {
        for (int attempt = 1; !processes.get(service).awaitReadyUnlessPortTaken(BOOT); attempt++) {
            assertTrue(attempt < 3, () -> service + ": its port was taken three times in a row");
            ports.put(service, ServiceProcess.freePort());
            launch(service);
        }
    }

    private void launch(SuiteService service) {
        processes.put(service, ServiceProcess.start(service.fastJar(), environment(service)));
        starts.get(service).incrementAndGet();
    }

    /** What an operator sets, as in config/demo.env: keys, one channel, the webhook, database and broker. */
    private Map<String, String> environment(SuiteService service) {
        Map<String, String> env = ServiceProcess.testEnvironment(service.database(), ports.get(service));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + database.port() + "/" + service.database());
        env.put("RABBITMQ_PORT", String.valueOf(broker.port()));
        env.put("RABBITMQ_VIRTUAL_HOST", VIRTUAL_HOST);
        env.put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "false");
        // Four JVMs boot at once, and again after each kill, on a small CI machine: the quick JIT and the
        // serial collector spend less CPU getting there; the load here is far too small to need more.
        env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        env.put("KOLLUS_CHANNELS_E2E_KEY", channelKey);
        env.put("KOLLUS_CHANNELS_E2E_PLAY_POLICY", "ENTITLEMENT");
        env.put("KOLLUS_CHANNELS_E2E_DOWNLOAD_POLICY", "ENTITLEMENT");
        if (service == SuiteService.NOTIFIER) {
            env.put("NOTIFIER_WEBHOOKS_" + ENDPOINT + "_URL", webhooks.url());
            env.put("NOTIFIER_WEBHOOKS_" + ENDPOINT + "_SECRET", webhookSecret);
            // A delivery leased by a killed notifier is attempted again once its lease (timeout + 30 s) ends.
            env.put("NOTIFIER_WEBHOOKS_" + ENDPOINT + "_TIMEOUT", "PT2S");
            env.put("NOTIFIER_WEBHOOKS_" + ENDPOINT + "_RETRY_SCHEDULE", "PT1S,PT2S,PT5S,PT10S,PT30S");
        }
        return env;
    }

    private static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public void close() {
        processes.values().forEach(ServiceProcess::close);
        database.close();
        broker.close();
        webhooks.close();
    }
}
