package org.kollussuite.endtoend;

import org.kollussuite.commons.testing.FaultNodes;
import org.kollussuite.commons.testing.Queues;
import org.kollussuite.commons.testing.ServiceProcess;
import org.kollussuite.commons.testing.TcpProxy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole suite as an operator runs it: the four services as processes from their fast-jars, each with its own
 * database, all in one RabbitMQ virtual host, configured only through environment variables with one channel and
 * one webhook endpoint pointing at a signature-checking receiver. They run on the PostgreSQL cluster and RabbitMQ
 * node the tests own ({@link FaultNodes}), which tests stop and start for real, and every database and broker
 * connection goes through a proxy the tests can cut. The shared suite ({@link #start()}) runs one process per
 * service; {@link #startReplicated()} runs two replicas of each behind a {@link LoadBalancer}, in a virtual host
 * and databases of their own.
 */
final class Suite implements AutoCloseable {

    static final String ADMIN_TOKEN = "test-admin-token";
    static final String ENDPOINT = "E2E";
    private static final Duration BOOT = Duration.ofSeconds(120);

    /** Where a suite lives and how many processes each service has. */
    private record Layout(String virtualHost, String databasePrefix, int replicas) {
    }

    private static final Layout SHARED = new Layout("kollus-e2e", "kollus_e2e", 1);
    private static final Layout REPLICATED = new Layout("kollus-e2e-replicas", "kollus_e2e_replicas", 2);

    private final Layout layout;
    private final String channelKey = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private final String webhookSecret = newSecret();
    private final SignedWebhooks webhooks = new SignedWebhooks(webhookSecret);
    private final TcpProxy database = TcpProxy.to(FaultNodes.POSTGRESQL_PORT);
    private final TcpProxy broker = TcpProxy.to(FaultNodes.RABBITMQ_PORT);
    private final Map<SuiteService, List<Integer>> ports = new ConcurrentHashMap<>();
    private final Map<SuiteService, ServiceProcess[]> processes = new ConcurrentHashMap<>();
    private final Map<SuiteService, AtomicInteger> starts = new ConcurrentHashMap<>();
    private LoadBalancer balancer;

    private Suite(Layout layout) {
        this.layout = layout;
    }

    /** The shared suite: starts one process per service and waits until each is ready and the shared queues exist. */
    static Suite start() {
        return start(SHARED);
    }

    /** Two replicas of each service behind HAProxy, which is where {@link #baseUrl} points. */
    static Suite startReplicated() {
        return start(REPLICATED);
    }

    private static Suite start(Layout layout) {
        Suite suite = new Suite(layout);
        try {
            for (SuiteService service : SuiteService.values()) {
                List<Integer> ports = new ArrayList<>();
                for (int replica = 0; replica < layout.replicas(); replica++) {
                    ports.add(ServiceProcess.freePort());
                }
                suite.ports.put(service, ports);
                suite.processes.put(service, new ServiceProcess[layout.replicas()]);
                suite.starts.put(service, new AtomicInteger());
                for (int replica = 0; replica < layout.replicas(); replica++) {
                    suite.launch(service, replica);
                }
            }
            for (SuiteService service : SuiteService.values()) {
                for (int replica = 0; replica < layout.replicas(); replica++) {
                    suite.awaitReady(service, replica);
                }
            }
            if (layout.replicas() > 1) {
                Map<String, List<Integer>> backends = new LinkedHashMap<>();
                suite.ports.forEach((service, ports) -> backends.put(service.toString(), ports));
                suite.balancer = LoadBalancer.start(backends, Set.of(SuiteService.LMS.toString()));
            }
            Queues.await(FaultNodes.RABBITMQ_PORT, layout.virtualHost(), BOOT, "notifier.events", "player.channel-contents");
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
        return "http://localhost:" + (balancer != null ? balancer.port(service.toString()) : ports.get(service).get(0));
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

    /** Whether every process of {@code service} is ready. */
    boolean isReady(SuiteService service) {
        return Arrays.stream(processes.get(service)).allMatch(ServiceProcess::isReady);
    }

    boolean allReady() {
        return Arrays.stream(SuiteService.values()).allMatch(this::isReady);
    }

    /** How many processes of {@code service} were started so far: its replica count until one is restarted. */
    int generation(SuiteService service) {
        return starts.get(service).get();
    }

    /** SIGKILL of one replica, then a new process with the same environment and port, as a supervisor restarts it. */
    void killAndRestart(SuiteService service, int replica) {
        processes.get(service)[replica].kill();
        launch(service, replica);
        awaitReady(service, replica);
    }

    private void awaitReady(SuiteService service, int replica) {
        for (int attempt = 1; !processes.get(service)[replica].awaitReadyUnlessPortTaken(BOOT); attempt++) {
            assertTrue(attempt < 3, () -> service + ": its port was taken three times in a row");
            // Behind the balancer a replica keeps its port: the balancer's configuration names it.
            assertTrue(balancer == null, () -> service + ": the port of replica " + replica + " was taken");
            ports.get(service).set(replica, ServiceProcess.freePort());
            launch(service, replica);
        }
    }

    private void launch(SuiteService service, int replica) {
        processes.get(service)[replica] = ServiceProcess.start(service.fastJar(), environment(service, replica));
        starts.get(service).incrementAndGet();
    }

    /** What an operator sets, as in config/demo.env: keys, one channel, the webhook, database and broker. */
    private Map<String, String> environment(SuiteService service, int replica) {
        String databaseName = service.database(layout.databasePrefix());
        Map<String, String> env = ServiceProcess.testEnvironment(databaseName, ports.get(service).get(replica));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + database.port() + "/" + databaseName);
        env.put("RABBITMQ_PORT", String.valueOf(broker.port()));
        env.put("RABBITMQ_VIRTUAL_HOST", layout.virtualHost());
        env.put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "false");
        // Several JVMs boot at once, and again after each kill, on a small CI machine: the quick JIT and the
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
        if (balancer != null) {
            balancer.close();
        }
        processes.values().forEach(replicas -> Arrays.stream(replicas).filter(Objects::nonNull).forEach(ServiceProcess::close));
        database.close();
        broker.close();
        webhooks.close();
    }
}
