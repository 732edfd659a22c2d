package org.kollussuite.platform.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.callback.Secrets;
import org.kollussuite.commons.logging.SecretRedactingFilter;
import org.kollussuite.platform.config.PlatformConfig;
import org.kollussuite.platform.config.PlatformSettings;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.kollussuite.platform.domain.Parameters.*;

/**
 * Receives platform callbacks: refuses what is not a well-formed callback of our service account
 * (recording the refusal), then has the callback processed and counts the outcome.
 */
@ApplicationScoped
public class PlatformCallbacks {

    private static final Logger LOG = Logger.getLogger(PlatformCallbacks.class);
    /** The inbox parameter holding the start of a body that could not be read as parameters. */
    public static final String RAW_BODY = "_raw_body";
    private static final int RAW_BODY_EXCERPT = 2048;

    private final InboxWriter inboxWriter;
    private final Inbox inbox;
    private final PlatformSettings settings;
    private final PlatformConfig config;
    private final MeterRegistry registry;

    public PlatformCallbacks(InboxWriter inboxWriter, Inbox inbox, PlatformSettings settings,
                             PlatformConfig config, MeterRegistry registry) {
        this.inboxWriter = inboxWriter;
        this.inbox = inbox;
        this.settings = settings;
        this.config = config;
        this.registry = registry;
    }

    public CallbackOutcome receive(IncomingCallback callback) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "unavailable";
        try {
            CallbackParameters parameters = checked(callback);
            CallbackOutcome result;
            try {
                result = inboxWriter.store(callback.type(), parameters, callback.sourceAddress());
            } catch (RejectedRequestException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.errorf("Could not store %s callback: %s", callback.type().path(), e.toString());
                throw new RejectedRequestException(503, "storage_unavailable",
                        "the callback could not be stored; retry later");
            }
            outcome = result.apiName();
            return result;
        } catch (RejectedRequestException e) {
            if (e.status() != 503) {
                outcome = CallbackOutcome.REJECTED.apiName();
            }
            throw e;
        } finally {
            registry.counter("kollus.platform.callbacks", "type", callback.type().path(), "outcome", outcome).increment();
            sample.stop(Timer.builder("kollus.platform.callback.ack")
                    .description("Time from receiving a platform callback to its answer")
                    .tag("type", callback.type().path())
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }

    /** The callback's parameters once every check passed; a failed check is recorded, then thrown. */
    private CallbackParameters checked(IncomingCallback callback) {
        if (!settings.allowsSource(callback.sourceAddress())) {
            throw rejected(callback, Map.of(), 403, "forbidden_source",
                    "callbacks from " + callback.sourceAddress() + " are not allowed");
        }
        long limit = config.maxBodySize().asLongValue();
        if (callback.body().length > limit) {
            throw rejected(callback, Map.of(), 413, "payload_too_large",
                    "the body has " + callback.body().length + " bytes; the limit is " + limit);
        }
        if (!isForm(callback)) {
            throw rejected(callback, rawExcerpt(callback.body()), 415, "unsupported_media_type",
                    "send application/x-www-form-urlencoded, not " + callback.contentType());
        }
        CallbackParameters parameters;
        try {
            parameters = CallbackParameters.ofForm(callback.query(), callback.body());
        } catch (RejectedRequestException e) {
            throw rejected(callback, rawExcerpt(callback.body()), e.status(), e.error(), e.getMessage());
        }
        Map<String, String> received = parameters.asMap();
        String providerKey = parameters.get(CONTENT_PROVIDER_KEY).orElse(null);
        if (!Secrets.matches(providerKey, settings.serviceAccountKey())) {
            throw rejected(callback, received, 403, "invalid_content_provider_key", providerKey == null
                    ? "content_provider_key is missing" : "content_provider_key is not this service account's key");
        }
        for (String required : required(callback.type())) {
            if (parameters.firstOf(required).isEmpty()) {
                throw rejected(callback, received, 400, "missing_parameter", required + " is required");
            }
        }
        if (callback.type() == CallbackType.TRANSCODING
                && Catalog.transcodingResult(parameters.require(TRANSCODING_RESULT)).isEmpty()) {
            throw rejected(callback, received, 400, "invalid_parameter",
                    "transcoding_result must be success or fail, was '" + parameters.require(TRANSCODING_RESULT) + "'");
        }
        return parameters;
    }

    private static String[] required(CallbackType type) {
        return switch (type) {
            case UPLOAD, CONTENT_UPDATE -> new String[]{UPLOAD_FILE_KEY};
            case TRANSCODING -> new String[]{UPLOAD_FILE_KEY, TRANSCODING_RESULT};
            case CHANNEL_ADD, CHANNEL_REMOVE -> new String[]{UPLOAD_FILE_KEY, CHANNEL_KEY, MEDIA_CONTENT_KEY};
        };
    }

    private static boolean isForm(IncomingCallback callback) {
        if (callback.contentType() == null) {
            return callback.body().length == 0;
        }
        try {
            return MediaType.valueOf(callback.contentType()).isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private RejectedRequestException rejected(IncomingCallback callback, Map<String, String> parameters, int status,
                                              String error, String message) {
        LOG.warnf("Rejected %s callback from %s: %s (%s)", callback.type().path(), callback.sourceAddress(), error,
                message);
        try {
            inbox.recordRejected(callback.type(), parameters, callback.sourceAddress(), error, message);
        } catch (RuntimeException e) {
            LOG.errorf("Could not record the rejected %s callback: %s", callback.type().path(), e.toString());
        }
        return new RejectedRequestException(status, error, message);
    }

    private static Map<String, String> rawExcerpt(byte[] body) {
        if (body.length == 0) {
            return Map.of();
        }
        String text = new String(body, 0, Math.min(body.length, RAW_BODY_EXCERPT), StandardCharsets.UTF_8);
        String masked = SecretRedactingFilter.redact(text).replaceAll("(?<![\\w%])(content_provider_key=)[^&]*", "$1" + MASK);
        return Map.of(RAW_BODY, masked);
    }
}
