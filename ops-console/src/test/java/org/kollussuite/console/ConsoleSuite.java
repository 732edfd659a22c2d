package org.kollussuite.console;

import org.kollussuite.commons.testing.Queues;
import org.kollussuite.commons.testing.ServiceProcess;
import org.kollussuite.commons.testing.WebhookReceiver;
import org.kollussuite.console.config.ConfigKeys;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real suite the console's pages are tested against: the four services' fast-jars as processes, each
 * with its own database {@code kollus_console_*}, in the RabbitMQ virtual host {@value #VIRTUAL_HOST}, one
 * channel and two webhook endpoints pointing at a real receiver, and the console's own fast-jar pointed at
 * them, configured only through the environment as an operator does.
 */
public final class ConsoleSuite implements AutoCloseable {

    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final String CALLBACK_TOKEN = "test-callback-token";
    public static final String SERVICE_ACCOUNT_KEY = "test-service-account";
    static final String VIRTUAL_HOST = "kollus-console";
    /** Receives every event; the tests script its answers per event. */
    public static final String CMS = "CMS";
    /** Receives uploads only and answers 410 until a test says otherwise: an endpoint that gets disabled. */
    public static final String GONE = "GONE";
    private static final Duration BOOT = Duration.ofSeconds(180);
    /** The endpoints' signing secret: the console's tests check deliveries, not signatures. */
    private static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /** The services under test: module, database, the console setting that points at it. */
    public enum Part {
        PLATFORM("platform-callback-service", "kollus_console_platform", ConfigKeys.PLATFORM_URL),
        PLAYER("player-callback-service", "kollus_console_player", ConfigKeys.PLAYER_URL),
        LMS("lms-service", "kollus_console_lms", ConfigKeys.LMS_URL),
        NOTIFIER("notifier-service", "kollus_console_notifier", ConfigKeys.NOTIFIER_URL);

        final String module;
        final String database;
        final String consoleSetting;

        Part(String module, String database, String consoleSetting) {
            this.module = module;
            this.database = database;
            this.consoleSetting = consoleSetting;
        }
    }

    private final String channelKey = "console-" + UUID.randomUUID().toString().substring(0, 8);
    private final WebhookReceiver receiver = WebhookReceiver.start();
    private final Map<Part, ServiceProcess> services = new EnumMap<>(Part.class);
    private final List<ServiceProcess> consoles = new CopyOnWriteArrayList<>();
    private ServiceProcess console;

    private ConsoleSuite() {
    }

    static ConsoleSuite start() {
        ConsoleSuite suite = new ConsoleSuite();
        try {
            for (Part part : Part.values()) {
                suite.services.put(part, launch(part.module, suite.environment(part)));
            }
            for (Part part : Part.values()) {
                suite.services.put(part, awaitReady(suite.services.get(part), () -> launch(part.module,
                        suite.environment(part))));
            }
            Queues.await(VIRTUAL_HOST, BOOT, "notifier.events", "player.channel-contents");
            suite.console = suite.startConsole(Map.of());
            return suite;
        } catch (RuntimeException | Error e) {
            suite.close();
            throw e;
        }
    }

    /** The console every test signs in to. */
    public String consoleUrl() {
        return console.baseUrl();
    }

    /**
     * Another console process with {@code overrides} of its environment (e.g. a service's URL at a closed
     * port), ready when this answers; stopped with the suite.
     */
    public ServiceProcess startConsole(Map<String, String> overrides) {
        Supplier<ServiceProcess> start = () -> {
            Map<String, String> env = consoleEnvironment();
            env.putAll(overrides);
            ServiceProcess started = launch("ops-console", env);
            consoles.add(started);
            return started;
        };
        return awaitReady(start.get(), start);
    }

    /** The environment of a console pointed at the four services. */
    public Map<String, String> consoleEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ServiceProcess.freePort()));
        env.put(ConfigKeys.env(ConfigKeys.ADMIN_API_TOKEN), ADMIN_TOKEN);
        services.forEach((part, process) -> env.put(ConfigKeys.env(part.consoleSetting), process.baseUrl()));
        env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        return env;
    }

    public String baseUrl(Part part) {
        return services.get(part).baseUrl();
    }

    public String channelKey() {
        return channelKey;
    }

    public WebhookReceiver receiver() {
        return receiver;
    }

    /** The fast-jar of a module of this build, started with {@code env}. */
    static ServiceProcess launch(String module, Map<String, String> env) {
        Path jar = Path.of(System.getProperty("suite.root", ".."), module, "target", "quarkus-app", "quarkus-run.jar")
                .toAbsolutePath().normalize();
        return ServiceProcess.start(jar, env);
    }

    /** {@code process} once ready, or a ready one started again on a new port when another process took its port. */
    private static ServiceProcess awaitReady(ServiceProcess process, Supplier<ServiceProcess> startAgain) {
        ServiceProcess current = process;
        for (int attempt = 1; !current.awaitReadyUnlessPortTaken(BOOT); attempt++) {
            assertTrue(attempt < 3, "the port was taken three times in a row");
            current = startAgain.get();
        }
        return current;
    }

    private Map<String, String> environment(Part part) {
        Map<String, String> env = ServiceProcess.testEnvironment(part.database, ServiceProcess.freePort());
        env.put("RABBITMQ_VIRTUAL_HOST", VIRTUAL_HOST);
        env.put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "false");
        // Five JVMs boot at once on a small machine: the quick JIT and the serial collector get there sooner.
        env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        env.put("KOLLUS_CHANNELS_CONSOLE_KEY", channelKey);
        env.put("KOLLUS_CHANNELS_CONSOLE_PLAY_POLICY", "ENTITLEMENT");
        if (part == Part.NOTIFIER) {
            env.put("NOTIFIER_WEBHOOKS_CMS_URL", receiver.url("/cms"));
            env.put("NOTIFIER_WEBHOOKS_CMS_SECRET", WEBHOOK_SECRET);
            env.put("NOTIFIER_WEBHOOKS_CMS_TIMEOUT", "PT2S");
            // One retry a second after the first attempt: a failing receiver makes a dead delivery quickly.
            env.put("NOTIFIER_WEBHOOKS_CMS_RETRY_SCHEDULE", "PT1S");
            env.put("NOTIFIER_WEBHOOKS_GONE_URL", receiver.url("/gone"));
            env.put("NOTIFIER_WEBHOOKS_GONE_SECRET", WEBHOOK_SECRET);
            env.put("NOTIFIER_WEBHOOKS_GONE_EVENTS", "kollus.content.uploaded");
            env.put("NOTIFIER_WEBHOOKS_GONE_RETRY_SCHEDULE", "PT1S");
        }
        return env;
    }

    @Override
    public void close() {
        consoles.forEach(ServiceProcess::close);
        services.values().forEach(ServiceProcess::close);
        receiver.close();
    }
}
