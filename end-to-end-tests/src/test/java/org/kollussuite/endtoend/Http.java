package org.kollussuite.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** HTTP as the end-to-end tests speak it: forms posted the way Kollus posts them, admin API calls with the bearer token. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Kollus gives a platform callback 2 s to connect and 3 s to answer; a database outage may hold an answer longer. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);

    /** An HTTP answer. */
    record Answer(int status, String body, HttpHeaders headers) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private Http() {
    }

    /** Posts {@code form} url-encoded; a connection error or no answer in time is thrown, as Kollus would see it. */
    static Answer postForm(String url, Map<String, String> form) throws IOException {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static Answer adminGet(String url) {
        return unchecked(HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER_TIMEOUT)
                .header("Authorization", "Bearer " + Suite.ADMIN_TOKEN).GET().build());
    }

    static Answer adminPut(String url, Object json) {
        try {
            return unchecked(HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER_TIMEOUT)
                    .header("Authorization", "Bearer " + Suite.ADMIN_TOKEN).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(json))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Answer unchecked(HttpRequest request) {
        try {
            return send(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
