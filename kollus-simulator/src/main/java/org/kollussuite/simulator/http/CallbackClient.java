package org.kollussuite.simulator.http;

import org.kollussuite.simulator.wire.CallbackRequest;
import org.kollussuite.simulator.wire.CallbackType;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * Sends callbacks with Kollus' limits: a connection must open within the connect timeout and the
 * answer arrive within the response timeout, or the attempt counts as failed. At most
 * {@code maxInFlight} callbacks of each type are on the wire at once, each on a kept-alive connection:
 * beyond that a sender of that type waits its turn, and since latency counts from the time a callback
 * was due, the wait is measured rather than hidden. Types have separate limits, as Kollus' platform
 * servers and its players are separate senders: a slow endpoint delays only its own callbacks.
 */
public final class CallbackClient {

    private final HttpClient client;
    private final Duration responseTimeout;
    private final Map<CallbackType, Semaphore> inFlight = new EnumMap<>(CallbackType.class);

    public CallbackClient(Duration connectTimeout, Duration responseTimeout, int maxInFlight) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.responseTimeout = responseTimeout;
        for (CallbackType type : CallbackType.values()) {
            inFlight.put(type, new Semaphore(maxInFlight));
        }
    }

    /** Completes with the answer or the failure; never completes exceptionally. */
    public CompletableFuture<Answer> send(CallbackRequest request) {
        HttpRequest http = HttpRequest.newBuilder(request.uri())
                .timeout(responseTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(request.form()))
                .build();
        Semaphore slots = inFlight.get(request.type());
        slots.acquireUninterruptibly();
        return exchange(http).whenComplete((answer, ignored) -> slots.release());
    }

    /** A request to an admin API, with the same limits. */
    public CompletableFuture<Answer> exchange(HttpRequest http) {
        return client.sendAsync(http, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(response.statusCode(),
                        name -> response.headers().firstValue(name), response.body(), null))
                .exceptionally(CallbackClient::failure);
    }

    private static Answer failure(Throwable thrown) {
        Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (cause instanceof HttpTimeoutException) {
            return Answer.failed("timeout");
        }
        // Only the exception's class is shown: some messages quote the URL, whose query holds the token.
        return Answer.failed(cause instanceof IOException ? "connection failed (" + cause.getClass().getSimpleName() + ")"
                : "failed (" + cause.getClass().getSimpleName() + ")");
    }
}
