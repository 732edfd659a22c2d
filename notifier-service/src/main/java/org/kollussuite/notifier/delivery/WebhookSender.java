package org.kollussuite.notifier.delivery;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.text.StorableText;
import org.kollussuite.commons.text.Truncation;
import org.kollussuite.notifier.config.NotifierConfig;
import org.kollussuite.notifier.config.Webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Posts one delivery with the Standard Webhooks headers on the non-blocking HTTP client, so a slow
 * or hanging receiver holds no thread: it only holds its own endpoint's in-flight slots until the
 * endpoint's timeout cuts it off. Each endpoint has a client of its own whose pool holds as many
 * connections as the endpoint has attempts in flight, so an attempt never waits for a connection with
 * its timeout running, and endpoints on one host never wait for each other's connections. Response
 * bodies are read up to a limit, then the connection is closed; the excerpt kept is made storable.
 */
@ApplicationScoped
public class WebhookSender {

    static final int EXCERPT_LENGTH = 2000;

    private final Vertx vertx;
    private final long maxResponseSize;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final Map<String, WebhookSignature> signatures = new ConcurrentHashMap<>();

    public WebhookSender(Vertx vertx, NotifierConfig config) {
        this.vertx = vertx;
        this.maxResponseSize = config.maxResponseSize().asLongValue();
    }

    private HttpClient clientOf(Webhook webhook) {
        return clients.computeIfAbsent(webhook.name(), name -> vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(webhook.maxInFlight())
                .setKeepAlive(true)
                .setConnectTimeout(5_000)));
    }

    /** A delivery as the dispatcher claimed it. */
    public record Claimed(long id, String endpoint, String eventId, String payload) {
    }

    public CompletionStage<AttemptResult> send(Webhook webhook, Claimed delivery) {
        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        Instant attemptedAt = Instant.now();
        long start = System.nanoTime();
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = attemptedAt.getEpochSecond();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(webhook.url().toString())
                .putHeader("content-type", CloudEvent.CONTENT_TYPE)
                .putHeader("user-agent", "kollus-suite-notifier")
                .putHeader("webhook-id", delivery.eventId())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signatures
                        .computeIfAbsent(webhook.name(), name -> new WebhookSignature(webhook.secretKey()))
                        .sign(delivery.eventId(), timestamp, body));
        Attempt attempt = new Attempt(delivery, webhook.name(), attemptedAt, start, result);
        long timer = vertx.setTimer(webhook.timeout().toMillis(), id -> {
            attempt.finish(null, "no complete answer within " + webhook.timeout().toMillis() + " ms");
            attempt.cancel();
        });
        attempt.onFinish(() -> vertx.cancelTimer(timer));
        post(clientOf(webhook), options, body, attempt, true);
        return result;
    }

    /**
     * Sends the request; when the connection closes or is reset before any answer on the first try, sends it once
     * more on a new connection, within the same timeout. A receiver closes (or resets) a kept-alive connection when
     * it likes (its idle timeout, a restart), and the attempt that reused it at that moment must not cost a retry:
     * the request carries its webhook-id, so a receiver that got it before closing sees a duplicate.
     */
    private void post(HttpClient client, RequestOptions options, byte[] body, Attempt attempt, boolean firstTry) {
        client.request(options).onComplete(requested -> {
            if (requested.failed()) {
                attempt.finish(null, describe(requested.cause()));
                return;
            }
            HttpClientRequest request = requested.result();
            attempt.request = request;
            request.send(Buffer.buffer(body)).onComplete(answered -> {
                if (answered.succeeded()) {
                    read(answered.result(), attempt);
                } else if (firstTry && lostConnection(answered.cause()) && !attempt.finished.get()) {
                    post(client, options, body, attempt, false);
                } else {
                    attempt.finish(null, describe(answered.cause()));
                }
            });
        });
    }

    /** A connection closed or reset under the request, as opposed to a timeout or a refused connection. */
    private static boolean lostConnection(Throwable failure) {
        return failure instanceof HttpClosedException
                || (failure instanceof IOException && String.valueOf(failure.getMessage()).contains("reset"));
    }

    private void read(HttpClientResponse response, Attempt attempt) {
        attempt.retryAfter = retryAfter(response.getHeader("Retry-After"));
        response.handler(chunk -> {
            attempt.received += chunk.length();
            int room = EXCERPT_LENGTH - attempt.excerpt.length();
            if (room > 0) {
                attempt.excerpt.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
            }
            if (attempt.received > maxResponseSize) {
                attempt.finish(response.statusCode(), "response body cut off after " + maxResponseSize + " bytes");
                attempt.cancel();
            }
        });
        response.exceptionHandler(e -> attempt.finish(response.statusCode(), describe(e)));
        response.endHandler(done -> attempt.finish(response.statusCode(), null));
    }

    /** Seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(Instant.now(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    void close(@Observes ShutdownEvent event) {
        clients.values().forEach(HttpClient::close);
    }

    /** The state of one attempt, finished exactly once by whichever comes first: the answer, an error or the timer. */
    private static final class Attempt {

        private final Claimed delivery;
        private final String endpoint;
        private final Instant attemptedAt;
        private final long start;
        private final CompletableFuture<AttemptResult> result;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final Buffer excerpt = Buffer.buffer();
        private Runnable onFinish = () -> { };
        private HttpClientRequest request;
        private Duration retryAfter;
        private long received;

        Attempt(Claimed delivery, String endpoint, Instant attemptedAt, long start, CompletableFuture<AttemptResult> result) {
            this.delivery = delivery;
            this.endpoint = endpoint;
            this.attemptedAt = attemptedAt;
            this.start = start;
            this.result = result;
        }

        void onFinish(Runnable action) {
            this.onFinish = action;
        }

        void cancel() {
            if (request != null) {
                request.reset();
            }
        }

        void finish(Integer status, String error) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            onFinish.run();
            long latency = (System.nanoTime() - start) / 1_000_000;
            // A receiver's bytes are whatever it sent: escaped and cut so that the log can store them.
            String text = Truncation.truncate(StorableText.escaped(excerpt.toString(StandardCharsets.UTF_8)), EXCERPT_LENGTH);
            result.complete(new AttemptResult(delivery.id(), endpoint, attemptedAt, status, latency,
                    text.isEmpty() ? null : text, StorableText.escaped(error), retryAfter));
        }
    }
}
