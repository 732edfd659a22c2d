package org.kollussuite.simulator.cli;

import org.kollussuite.simulator.wire.LmsShape;
import org.kollussuite.simulator.wire.SuiteTarget;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;

/**
 * The options every command shares: where the suite runs, the keys Kollus shares with it, and the
 * scale of Kollus' redelivery times. Keys default to the suite's own environment variables, then to
 * config/demo.env, so they need not appear on a command line; their values are never shown.
 */
public final class SuiteOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--platform-url", defaultValue = "http://localhost:8081", paramLabel = "URL",
            description = "platform-callback-service base URL (default: ${DEFAULT-VALUE})")
    String platformUrl;

    @Option(names = "--player-url", defaultValue = "http://localhost:8082", paramLabel = "URL",
            description = "player-callback-service base URL (default: ${DEFAULT-VALUE})")
    String playerUrl;

    @Option(names = "--lms-url", defaultValue = "http://localhost:8083", paramLabel = "URL",
            description = "lms-service base URL (default: ${DEFAULT-VALUE})")
    String lmsUrl;

    @Option(names = "--channel", defaultValue = "demo-channel", paramLabel = "KEY",
            description = "Kollus channel key, the value of KOLLUS_CHANNELS_<ALIAS>_KEY (default: ${DEFAULT-VALUE})")
    String channel;

    @Option(names = "--lms-json-param", defaultValue = "json_data", paramLabel = "NAME",
            description = "the channel's LMS_JSON_PARAM (default: ${DEFAULT-VALUE})")
    String lmsJsonParam;

    @Option(names = "--lms-shape", defaultValue = "document", paramLabel = "SHAPE", converter = LmsShapeConverter.class,
            description = "how the channel sends LMS snapshots: document (the JSON document, client_user_id and start_at "
                    + "flat), flat (renamed flat parameters only, 1-based blocks) or no-blocks (the document without "
                    + "block_info) (default: ${DEFAULT-VALUE})")
    LmsShape lmsShape;

    @Option(names = "--token", defaultValue = "${env:KOLLUS_CALLBACK_TOKEN:-demo-callback-token}", paramLabel = "TOKEN",
            description = "callback token of the channel's URLs (default: $KOLLUS_CALLBACK_TOKEN, else the demo value)")
    String token;

    @Option(names = "--service-account-key", defaultValue = "${env:KOLLUS_SERVICE_ACCOUNT_KEY:-demo-service-account-key}",
            paramLabel = "KEY", description = "content_provider_key of platform callbacks (default: $KOLLUS_SERVICE_ACCOUNT_KEY, else the demo value)")
    String serviceAccountKey;

    @Option(names = "--security-key", defaultValue = "${env:KOLLUS_SECURITY_KEY:-demo-security-key-change-me}",
            paramLabel = "KEY", description = "key the answers' JWTs must be signed with (default: $KOLLUS_SECURITY_KEY, else the demo value)")
    String securityKey;

    @Option(names = "--custom-key", defaultValue = "${env:KOLLUS_CUSTOM_KEY:-demo-custom-key}", paramLabel = "KEY",
            description = "X-Kollus-UserKey the answers must carry (default: $KOLLUS_CUSTOM_KEY, else the demo value)")
    String customKey;

    @Option(names = "--admin-token", defaultValue = "${env:ADMIN_API_TOKEN:-demo-admin-token}", paramLabel = "TOKEN",
            description = "bearer token of the admin APIs, to grant entitlements and read progress (default: $ADMIN_API_TOKEN, else the demo value)")
    String adminToken;

    @Option(names = "--retry-interval", defaultValue = "PT5M", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "time between the retries of a failed platform callback; Kollus waits PT5M (default: ${DEFAULT-VALUE})")
    Duration retryInterval;

    @Option(names = "--lms-resend-interval", defaultValue = "PT30S", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "time after which a player re-sends an LMS snapshot that got no HTTP answer (default: ${DEFAULT-VALUE})")
    Duration lmsResendInterval;

    /** The validated target; a bad value stops the command with status 2 and names its option. */
    public SuiteTarget target() {
        return new SuiteTarget(url("--platform-url", platformUrl), url("--player-url", playerUrl), url("--lms-url", lmsUrl),
                notBlank("--channel", channel), notBlank("--token", token),
                notBlank("--service-account-key", serviceAccountKey), notBlank("--security-key", securityKey),
                notBlank("--custom-key", customKey), notBlank("--admin-token", adminToken),
                notBlank("--lms-json-param", lmsJsonParam), lmsShape);
    }

    public Duration retryInterval() {
        return positive("--retry-interval", retryInterval);
    }

    public Duration lmsResendInterval() {
        return positive("--lms-resend-interval", lmsResendInterval);
    }

    /** A refusal of option {@code name}, which picocli reports with the usage and status 2. */
    public CommandLine.ParameterException invalid(String name, String problem) {
        return new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '" + name + "': " + problem);
    }

    private URI url(String name, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, "'" + value + "' is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null) {
            throw invalid(name, "'" + value + "' is not an http(s) base URL without a query");
        }
        return uri;
    }

    private String notBlank(String name, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(name, "must not be empty");
        }
        return value;
    }

    private Duration positive(String name, Duration value) {
        if (value.isZero()) {
            throw invalid(name, "must be longer than zero");
        }
        return value;
    }
}
