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
import org.kollussuite.platform.config.PlatformSettings;

import java.util.LinkedHashMap;
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
    private static final String MALFORMED_FORM = "malformed_form";

    private final InboxWriter inboxWriter;
    private final PlatformSettings settings;
    private final StoredSecrets secrets;
    private final MeterRegistry registry;

    public PlatformCallbacks(InboxWriter inboxWriter, PlatformSettings settings, StoredSecrets secrets,
                             MeterRegistry registry) {
        this.inboxWriter = inboxWriter;
        this.settings = settings;
        this.secrets = secrets;
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
            record(callback, refusal, answer);
        }
        return counted(callback.type(), sample, answer);
    }

    /**
     * Records and answers a callback refused before its body could be read ({@code refusal}: a body over the
     * limit, an unreadable {@code Content-Length}); nothing of the body is kept.
     */
    public CompletionStage<CallbackOutcome> refuseUnread(CallbackType type, String sourceAddress,
                                                         RejectedRequestException refusal) {
        Timer.Sample sample = Timer.start(registry);
        CompletableFuture<CallbackOutcome> answer = new CompletableFuture<>();
        IncomingCallback callback = new IncomingCallback(type, new byte[0], null, null, sourceAddress);
        record(callback, new Refusal(Map.of(), refusal.status(), refusal.error(), refusal.getMessage()), answer);
        return counted(type, sample, answer);
    }

    private void record(IncomingCallback callback, Refusal refusal, CompletableFuture<CallbackOutcome> answer) {
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

    /** Counts the outcome and times the answer; every tag comes from a fixed set, never from the request. */
    private CompletionStage<CallbackOutcome> counted(CallbackType type, Timer.Sample sample,
                                                     CompletableFuture<CallbackOutcome> answer) {
        return answer.whenComplete((outcome, failure) -> {
            String result = outcome != null ? outcome.apiName()
                    : failure instanceof RejectedRequestException e && e.status() == 503
                    ? "unavailable" : CallbackOutcome.REJECTED.apiName();
            registry.counter("kollus.platform.callbacks", "type", type.path(), "outcome", result).increment();
            sample.stop(Timer.builder("kollus.platform.callback.ack")
                    .description("Time from receiving a platform callback to its answer")
                    .tag("type", type.path())
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
        if (!isForm(callback)) {
            throw new Refusal(secrets.rawExcerpt(callback.body()), 415, "unsupported_media_type",
                    "send application/x-www-form-urlencoded, not " + callback.contentType());
        }
        CallbackParameters parameters;
        try {
            parameters = CallbackParameters.ofForm(callback.query(), callback.body());
            FieldLimits.check(parameters);
        } catch (RejectedRequestException e) {
            throw new Refusal(asReceived(callback, e), e.status(), e.error(), e.getMessage());
        }
        Map<String, String> received = secrets.forRejection(parameters.asMap());
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

    /**
     * What a callback refused for its values carried, as its rejected record keeps it: its parameters as far as
     * they can be read, and the start of the body itself when it cannot be read as a form.
     */
    private Map<String, String> asReceived(IncomingCallback callback, RejectedRequestException refusal) {
        Map<String, String> received = new LinkedHashMap<>(secrets.forRejection(
                CallbackParameters.asReceived(callback.query(), callback.contentType(), callback.body()).asMap()));
        if (MALFORMED_FORM.equals(refusal.error())) {
            received.putAll(secrets.rawExcerpt(callback.body()));
        }
        return received;
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
}
