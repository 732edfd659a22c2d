package org.kollussuite.commons.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A CMS or LMS as the notifier meets it: a real HTTP server on a free port that records every request
 * per path and answers as the test scripts it (a status, a delay, a hang).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String path, Map<String, List<String>> headers, String body, Instant receivedAt) {

        public String header(String name) {
            return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(h -> h.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** How to answer the request number {@code n} (0-based) on a path. */
    public record Answer(int status, long delayMillis, Map<String, String> headers, int bodySize, String body) {

        public Answer(int status, long delayMillis, Map<String, String> headers, int bodySize) {
            this(status, delayMillis, headers, bodySize, null);
        }

        public Answer(int status, long delayMillis, Map<String, String> headers) {
            this(status, delayMillis, headers, 0);
        }

        /** {@code status} with exactly {@code body}, whatever bytes it holds. */
        public static Answer withBody(int status, String body) {
            return new Answer(status, 0, Map.of(), 0, body);
        }

        public static Answer ok() {
            return new Answer(200, 0, Map.of());
        }

        public static Answer status(int status) {
            return new Answer(status, 0, Map.of());
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Received, Answer>> behaviours = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "webhook-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers requests on {@code path} as {@code behaviour} says; 200 at once when nothing is set. */
    public void on(String path, Function<Received, Answer> behaviour) {
        behaviours.put(path, behaviour);
    }

    public List<Received> on(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Received request = new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), Instant.now());
        received.add(request);
        Answer answer = behaviours.getOrDefault(request.path(), r -> Answer.ok()).apply(request);
        try {
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        String text = answer.body() != null ? answer.body()
                : answer.bodySize() > 0 ? "x".repeat(answer.bodySize()) : "{\"status\":" + answer.status() + "}";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), body.length);
        try {
            exchange.getResponseBody().write(body);
        } catch (IOException e) {
            // The notifier cut the answer off; that is what some tests expect.
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
