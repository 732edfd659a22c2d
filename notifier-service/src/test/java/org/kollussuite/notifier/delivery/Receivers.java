package org.kollussuite.notifier.delivery;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.kollussuite.commons.testing.WebhookReceiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Starts the test receiver and configures the endpoints the tests deliver to, each on its own path
 * and with the event types of the test that uses it.
 */
public class Receivers implements QuarkusTestResourceLifecycleManager {

    /** An endpoint that receives nothing, for the admin API's refusal and fuzz tests to aim at. */
    public static final String QUIET = "QUIET";

    /** An endpoint that receives nothing, whose URL carries credentials that no answer or log may show. */
    public static final String CREDENTIALED = "CREDENTIALED";
    public static final String URL_PASSWORD = "url-password-4f9d";
    public static final String URL_TOKEN = "url-token-77c1";

    /** A Standard Webhooks secret: whsec_ and base64 of 32 bytes. */
    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    static WebhookReceiver receiver;
    static ClosingReceiver closing;

    @Override
    public Map<String, String> start() {
        receiver = WebhookReceiver.start();
        try {
            closing = new ClosingReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new LinkedHashMap<>();
        endpoint(config, "all", "*", null, null);
        endpoint(config, "lms", "kollus.lms.*", null, null);
        endpoint(config, "mathonly", "kollus.playback.*,kollus.test.routing", "MATH", null);
        endpoint(config, "flaky", "kollus.test.flaky", null, "PT0.2S,PT0.2S,PT0.2S,PT0.2S");
        endpoint(config, "dead", "kollus.test.dead", null, "PT0.1S,PT0.1S");
        endpoint(config, "gone", "kollus.test.gone", null, null);
        endpoint(config, "ordered", "kollus.test.ordered", null, "PT0.3S,PT0.3S,PT0.3S");
        endpoint(config, "hanging", "kollus.test.isolation", null, null);
        config.put("notifier.webhooks.hanging.timeout", "PT2S");
        config.put("notifier.webhooks.hanging.max-in-flight", "4");
        endpoint(config, "healthy", "kollus.test.isolation", null, null);
        endpoint(config, "replayed", "kollus.test.replay", null, null);
        endpoint(config, "slowpoke", "kollus.test.retry-after", null, "PT0.2S,PT0.2S");
        endpoint(config, "chatty", "kollus.test.chatty", null, null);
        endpoint(config, "breaker", "kollus.test.breaker", null, "PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S,PT0.2S");
        config.put("notifier.webhooks.breaker.max-in-flight", "1");
        endpoint(config, "nul", "kollus.test.nul", null, null);
        endpoint(config, "bystander", "kollus.test.nul", null, null);
        endpoint(config, "refusing", "kollus.test.refused", null, null);
        endpoint(config, "crowded", "kollus.test.crowded", null, null);
        config.put("notifier.webhooks.crowded.max-in-flight", "256");
        config.put("notifier.webhooks.crowded.timeout", "PT4S");
        endpoint(config, "closing", "kollus.test.closing", null, null);
        config.put("notifier.webhooks.closing.url", closing.url());
        config.put("notifier.webhooks.closing.max-in-flight", "1");
        endpoint(config, QUIET.toLowerCase(Locale.ROOT), "kollus.test.quiet", null, null);
        String credentialed = CREDENTIALED.toLowerCase(Locale.ROOT);
        endpoint(config, credentialed, "kollus.test.credentialed", null, null);
        config.put("notifier.webhooks." + credentialed + ".url", receiver.url("/" + credentialed)
                .replace("://", "://cms:" + URL_PASSWORD + "@") + "?token=" + URL_TOKEN);
        return config;
    }

    private void endpoint(Map<String, String> config, String name, String events, String channels, String schedule) {
        String prefix = "notifier.webhooks." + name + ".";
        config.put(prefix + "url", receiver.url("/" + name));
        config.put(prefix + "secret", SECRET);
        config.put(prefix + "events", events);
        if (channels != null) {
            config.put(prefix + "channels", channels);
        }
        if (schedule != null) {
            config.put(prefix + "retry-schedule", schedule);
        }
    }

    @Override
    public void stop() {
        receiver.close();
        try {
            closing.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
