package org.kollussuite.simulator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the whole suite on one port: answers every callback and the two admin APIs the
 * simulator uses as the suite-contract says, reads LMS snapshots of every shape as the suite does with
 * the channel settings docs/simulator.md gives, and records every request as received. Knobs make it
 * misbehave the ways the simulator must notice: another signing key, another user key, integers
 * sent as strings, failures of a given path for a number of requests (an error status, or the
 * connection closed without an answer), slow answers.
 */
public final class StubSuite implements AutoCloseable {

    public static final String SECURITY_KEY = "stub-security-key";
    public static final String CUSTOM_KEY = "stub-custom-key";
    public static final String TOKEN = "stub-token";
    public static final String ACCOUNT = "stub-account";
    public static final String CHANNEL = "stub-channel";

    /** One request as it arrived: path, decoded query and form fields, content type, raw body, time. */
    public record Received(String path, Map<String, String> query, Map<String, String> form, String contentType,
                           String body, long nanos) {
    }

    /** A learner's progress as the suite computes it from their latest snapshot. */
    private record Progress(int percent, int blockCount) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> entitled = ConcurrentHashMap.newKeySet();
    private final Set<String> platformSeen = ConcurrentHashMap.newKeySet();
    private final Map<String, Progress> latestProgress = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hangUps = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<String, Integer> failureStatus = new ConcurrentHashMap<>();
    private volatile String signingKey = SECURITY_KEY;
    private volatile String userKey = CUSTOM_KEY;
    private volatile boolean integersAsStrings;
    private volatile long delayMillis;
    private final Map<String, Long> pathDelayMillis = new ConcurrentHashMap<>();

    public StubSuite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The options pointing the simulator at this stub with its keys. */
    public List<String> options() {
        return List.of("--platform-url", url(), "--player-url", url(), "--lms-url", url(), "--channel", CHANNEL,
                "--token", TOKEN, "--service-account-key", ACCOUNT, "--security-key", SECURITY_KEY,
                "--custom-key", CUSTOM_KEY, "--admin-token", "stub-admin");
    }

    public void signWith(String key) {
        signingKey = key;
    }

    public void sendUserKey(String key) {
        userKey = key;
    }

    public void sendIntegersAsStrings() {
        integersAsStrings = true;
    }

    public void delayAnswers(long millis) {
        delayMillis = millis;
    }

    /** Requests whose path contains {@code pathPart} are answered {@code millis} late. */
    public void delayAnswers(String pathPart, long millis) {
        pathDelayMillis.put(pathPart, millis);
    }

    /** The next {@code count} requests whose path ends with {@code pathEnd} are answered {@code status}. */
    public void fail(String pathEnd, int count, int status) {
        failures.put(pathEnd, new AtomicInteger(count));
        failureStatus.put(pathEnd, status);
    }

    /**
     * The next {@code count} requests whose path ends with {@code pathEnd} get no answer at all: the
     * connection is closed, as the suite does with a snapshot it can neither merge nor quarantine.
     */
    public void closeWithoutAnswer(String pathEnd, int count) {
        hangUps.put(pathEnd, new AtomicInteger(count));
    }

    public List<Received> received(String pathEnd) {
        return received.stream().filter(request -> request.path().endsWith(pathEnd)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> form = contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                ? decode(body) : Map.of();
        Map<String, String> query = decode(exchange.getRequestURI().getRawQuery());
        received.add(new Received(path, query, form, contentType, body, System.nanoTime()));
        if (delayMillis > 0) {
            pause(delayMillis);
        }
        pathDelayMillis.forEach((pathPart, millis) -> {
            if (path.contains(pathPart)) {
                pause(millis);
            }
        });
        for (Map.Entry<String, AtomicInteger> hangUp : hangUps.entrySet()) {
            if (path.endsWith(hangUp.getKey()) && hangUp.getValue().getAndDecrement() > 0) {
                // Closed before any response header was sent, the exchange closes the connection itself.
                exchange.close();
                return;
            }
        }
        for (Map.Entry<String, AtomicInteger> failure : failures.entrySet()) {
            if (path.endsWith(failure.getKey()) && failure.getValue().getAndDecrement() > 0) {
                answer(exchange, failureStatus.get(failure.getKey()), "application/json", "{\"error\":\"stub_failure\"}");
                return;
            }
        }
        if (path.startsWith("/callbacks/platform/")) {
            boolean fresh = platformSeen.add(body);
            answer(exchange, 200, "application/json", "{\"result\":\"" + (fresh ? "accepted" : "duplicate") + "\"}");
        } else if (path.endsWith("/play")) {
            play(exchange, form);
        } else if (path.endsWith("/drm")) {
            drm(exchange, form);
        } else if (path.endsWith("/next-episode")) {
            nextEpisode(exchange, form);
        } else if (path.endsWith("/lms")) {
            lms(form);
            answer(exchange, 200, "application/json", "{\"result\":1}");
        } else if (path.equals("/api/v1/entitlements/import")) {
            String[] lines = body.strip().split("\n");
            for (String line : lines) {
                entitled.add(JSON.readTree(line).path("clientUserId").asText());
            }
            answer(exchange, 200, "application/json", "{\"lines\":" + lines.length + ",\"imported\":" + lines.length + "}");
        } else if (path.startsWith("/api/v1/progress/")) {
            progress(exchange, path.split("/"));
        } else {
            answer(exchange, 404, "application/json", "{\"error\":\"not_found\"}");
        }
    }

    /**
     * A flat snapshot (no document, {@code ID}, {@code MCK}, 1-based {@code B<n>}) or the document under the
     * form's one field; progress from the blocks, or from real playtime over duration when there are none.
     */
    private void lms(Map<String, String> form) throws IOException {
        if (form.containsKey("ID")) {
            int count = 0;
            int watched = 0;
            while (form.containsKey("B" + (count + 1))) {
                count++;
                watched += Integer.parseInt(form.get("B" + count));
            }
            latestProgress.put(form.get("ID") + "/" + form.get("MCK"), new Progress(watched * 100 / count, count));
            return;
        }
        JsonNode snapshot = JSON.readTree(form.values().iterator().next());
        JsonNode blocks = snapshot.path("block_info");
        int count = blocks.path("block_count").asInt();
        int watched = 0;
        for (int block = 0; block < count; block++) {
            watched += blocks.at("/blocks/b" + block).asInt();
        }
        int percent = blocks.isMissingNode()
                ? (int) (snapshot.at("/content_info/real_playtime").asLong() * 100 / snapshot.at("/content_info/duration").asLong())
                : watched * 100 / count;
        latestProgress.put(snapshot.at("/user_info/client_user_id").asText() + "/"
                + snapshot.at("/content_info/media_content_key").asText(), new Progress(percent, count));
    }

    private void play(HttpExchange exchange, Map<String, String> form) throws IOException {
        boolean allowed = entitled.contains(form.get("client_user_id"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("result", allowed ? 1 : 0);
        if (form.get("kind").equals("1") && allowed) {
            data.put("expiration_date", 1800000000L);
            data.put("expiration_playtime", 0);
            data.put("vmcheck", 1);
        }
        if (form.get("kind").equals("3")) {
            data.put("content_expired", allowed ? 0 : 1);
        }
        if (!allowed) {
            data.put("message", "not allowed");
        }
        jwtAnswer(exchange, data);
    }

    private void drm(HttpExchange exchange, Map<String, String> form) throws IOException {
        List<Object> data = new ArrayList<>();
        for (JsonNode item : JSON.readTree(form.get("items"))) {
            boolean allowed = entitled.contains(item.path("client_user_id").asText());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("kind", item.path("kind").asInt());
            result.put("media_content_key", item.path("media_content_key").asText());
            result.put("result", allowed ? 1 : 0);
            if (item.path("kind").asInt() == 3) {
                result.put("session_key", item.path("session_key").asText());
                result.put("start_at", item.path("start_at").asLong());
                result.put("content_expired", allowed ? 0 : 1);
            }
            if (!allowed) {
                result.put("message", "not allowed");
            }
            data.add(result);
        }
        jwtAnswer(exchange, data);
    }

    /** The scenario's episodes are sim-<run>-mck-1 and -2: the next of 1 is 2; no other content has a next one. */
    private void nextEpisode(HttpExchange exchange, Map<String, String> form) throws IOException {
        String current = form.get("mck");
        Map<String, Object> data = new LinkedHashMap<>();
        if (current.matches("sim-[0-9a-f]{8}-mck-1")) {
            String next = current.substring(0, current.length() - 1) + "2";
            String playerJwt = sign(Map.of("cuid", form.get("client_user_id"), "expt", 1800000000L,
                    "mc", List.of(Map.of("mckey", next)), "next_episode", false));
            data.put("result", 1);
            data.put("media_content_key", next);
            data.put("title", "episode 2");
            data.put("url", "https://v.kr.kollus.com/s?jwt=" + playerJwt + "&custom_key="
                    + URLEncoder.encode(userKey, StandardCharsets.UTF_8));
        } else {
            data.put("result", 0);
            data.put("message", "no next episode");
        }
        jwtAnswer(exchange, data);
    }

    private void progress(HttpExchange exchange, String[] segments) throws IOException {
        Progress progress = latestProgress.get(segments[6] + "/" + segments[5]);
        if (progress == null) {
            answer(exchange, 404, "application/json", "{\"error\":\"not_found\"}");
            return;
        }
        answer(exchange, 200, "application/json", JSON.writeValueAsString(progress));
    }

    private void jwtAnswer(HttpExchange exchange, Object data) throws IOException {
        exchange.getResponseHeaders().add("X-Kollus-UserKey", userKey);
        answer(exchange, 200, "text/plain; charset=utf-8", sign(Map.of("data", data)));
    }

    private String sign(Object payload) throws IOException {
        String json = JSON.writeValueAsString(payload);
        if (integersAsStrings) {
            json = json.replaceAll("\"result\":(\\d+)", "\"result\":\"$1\"");
        }
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String input = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + encoder.encodeToString(json.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + encoder.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
