package org.kollussuite.platform.domain;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;
import org.kollussuite.commons.api.RejectedRequestException;
import org.kollussuite.commons.callback.CallbackParameters;
import org.kollussuite.commons.callback.Secrets;
import org.kollussuite.commons.concurrent.GroupCommit;
import org.kollussuite.commons.logging.SecretRedactingFilter;
import org.kollussuite.platform.config.PlatformConfig;
import org.kollussuite.platform.config.PlatformSettings;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
    private final PlatformSettings settings;
    private final PlatformConfig config;
    private final MeterRegistry registry;

    public PlatformCallbacks(InboxWriter inboxWriter, PlatformSettings settings,
                             PlatformConfig config, MeterRegistry registry) {
        this.inboxWriter = inboxWriter;
        this.settings = settings;
        this.config = config;
        this.registry = registry;
    }

    /**
     * Completes with the callback's outcome once it is durably stored, or fails with the
     * {@link RejectedRequestException} to answer: a refusal (after it was recorded) or a 503.
     */
    public CompletionStage<CallbackOutcome> receive(IncomingCallback callback) {
        Timer.Sample sample = Timer.start(registry);
        CompletableFuture<CallbackOutcome> answer = new CompletableFuture<>();
        try {
            CallbackParameters parameters = checked(callback);
            inboxWriter.store(callback.type(), parameters, callback.sourceAddress()).whenComplete((outcome, failure) -> {
                if (failure == null) {
                    answer.complete(outcome);
                } else if (failure instanceof RejectedRequestException refused) {
                    // Recorded as rejected by the writer: the database refused one of its values.
                    LOG.warnf("Rejected %s callback from %s: %s", callback.type().path(), callback.sourceAddress(),
                            refused.getMessage());
                    answer.completeExceptionally(refused);
                } else {
                    answer.completeExceptionally(unavailable(callback, failure));
                }
            });
        } catch (Refusal refusal) {
            LOG.warnf("Rejected %s callback from %s: %s (%s)", callback.type().path(), callback.sourceAddress(),
                    refusal.error, refusal.getMessage());
            inboxWriter.recordRejected(callback.type(), refusal.parameters, callback.sourceAddress(), refusal.error,
                    refusal.getMessage()).whenComplete((recorded, failure) -> {
                if (failure != null) {
                    LOG.errorf("Could not record the rejected %s callback: %s", callback.type().path(), failure.toString());
                }
                answer.completeExceptionally(new RejectedRequestException(refusal.status, refusal.error,
                        refusal.getMessage()));
            });
        }
        return answer.whenComplete((outcome, failure) -> {
            String result = outcome != null ? outcome.apiName()
                    : failure instanceof RejectedRequestException e && e.status() == 503
                    ? "unavailable" : CallbackOutcome.REJECTED.apiName();
            registry.counter("kollus.platform.callbacks", "type", callback.type().path(), "outcome", result).increment();
            sample.stop(Timer.builder("kollus.platform.callback.ack")
                    .description("Time from receiving a platform callback to its answer")
                    .tag("type", callback.type().path())
                    .publishPercentileHistogram()
                    .register(registry));
        });
    }

    private static RejectedRequestException unavailable(IncomingCallback callback, Throwable failure) {
        if (failure instanceof GroupCommit.NotWrittenException notWritten && notWritten.busy()) {
            LOG.warnf("Refused %s callback for now: %s", callback.type().path(), failure.getMessage());
            return new RejectedRequestException(503, "busy", notWritten.getMessage() + "; retry later");
        }
        LOG.errorf("Could not store %s callback: %s", callback.type().path(),
                String.valueOf(failure.getCause() == null ? failure : failure.getCause()));
        return new RejectedRequestException(503, "storage_unavailable", "the callback could not be stored; retry later");
    }

    /** The callback's parameters once every check passed; a failed check throws the refusal to record and answer. */
    private CallbackParameters checked(IncomingCallback callback) {
        if (!settings.allowsSource(callback.sourceAddress())) {
            throw new Refusal(Map.of(), 403, "forbidden_source",
                    "callbacks from " + callback.sourceAddress() + " are not allowed");
        }
        long limit = config.maxBodySize().asLongValue();
        if (callback.body().length > limit) {
            throw new Refusal(Map.of(), 413, "payload_too_large",
                    "the body has " + callback.body().length + " bytes; the limit is " + limit);
        }
        if (!isForm(callback)) {
            throw new Refusal(rawExcerpt(callback.body()), 415, "unsupported_media_type",
                    "send application/x-www-form-urlencoded, not " + callback.contentType());
        }
        CallbackParameters parameters;
        try {
            parameters = CallbackParameters.ofForm(callback.query(), callback.body());
        } catch (RejectedRequestException e) {
            throw new Refusal(rawExcerpt(callback.body()), e.status(), e.error(), e.getMessage());
        }
        Map<String, String> received = parameters.asMap();
        String providerKey = parameters.get(CONTENT_PROVIDER_KEY).orElse(null);
        if (!Secrets.matches(providerKey, settings.serviceAccountKey())) {
            throw new Refusal(received, 403, "invalid_content_provider_key", providerKey == null
                    ? "content_provider_key is missing" : "content_provider_key is not this service account's key");
        }
        for (String required : required(callback.type())) {
            if (parameters.firstOf(required).isEmpty()) {
                throw new Refusal(received, 400, "missing_parameter", required + " is required");
            }
        }
        if (callback.type() == CallbackType.TRANSCODING
                && Catalog.transcodingResult(parameters.require(TRANSCODING_RESULT)).isEmpty()) {
            throw new Refusal(received, 400, "invalid_parameter",
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

    /** A failed check: the answer to give and the parameters to record with it. */
    private static final class Refusal extends RuntimeException {

        private final transient Map<String, String> parameters;
        private final int status;
        private final String error;

        Refusal(Map<String, String> parameters, int status, String error, String message) {
            super(message, null, false, false);
            this.parameters = parameters;
            this.status = status;
            this.error = error;
        }
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
