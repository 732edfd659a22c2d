package org.kollussuite.platform.callback;

import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.ServiceProcess;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rolling update sends SIGTERM while Kollus is calling: the service finishes the callbacks in
 * progress, answers new ones 503 (Kollus retries them) and exits; every callback it answered 200 is
 * in the inbox.
 */
class AcknowledgedCallbacksSurviveSigtermIT {

    private static final String DATABASE = "kollus_platform_test";
    private static final int SENDERS = 16;
    /** What Kubernetes waits after SIGTERM before SIGKILL (terminationGracePeriodSeconds in k8s/). */
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(35);

    @Test
    void sigtermUnderLoadLosesNoAcknowledgedCallbackAndAnswersOnly503Meanwhile() throws Exception {
        String run = "sigterm" + UUID.randomUUID().toString().substring(0, 8);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<Integer, Integer> otherStatuses = new ConcurrentHashMap<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int exitCode;

        ServiceProcess service = ServiceProcess.start(ServiceProcess.testEnvironment(DATABASE, ServiceProcess.freePort()));
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> service.isReady() || !service.isAlive());
            assertTrue(service.isAlive(), service::output);
            for (int t = 0; t < SENDERS; t++) {
                int sender = t;
                senders.submit(() -> {
                    for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                        String key = run + "s" + sender + "n" + i;
                        String form = PlatformCallbacksClient.upload(key).entrySet().stream()
                                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                                .collect(Collectors.joining("&"));
                        try {
                            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(
                                            service.baseUrl() + "/callbacks/platform/upload?token="
                                                    + PlatformCallbacksClient.TOKEN))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() == 200) {
                                acknowledged.add(key);
                            } else {
                                otherStatuses.merge(answer.statusCode(), 1, Integer::sum);
                            }
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            // No answer (the port closed): not acknowledged, Kollus sends it again.
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 300);

            exitCode = service.stop(GRACE_PERIOD);
        } finally {
            senders.shutdownNow();
            senders.awaitTermination(15, TimeUnit.SECONDS);
            service.close();
        }

        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(inbox(run));
        assertTrue(lost.isEmpty(), lost.size() + " of " + acknowledged.size() + " acknowledged callbacks were lost");
        assertTrue(otherStatuses.keySet().stream().allMatch(status -> status == 503),
                "statuses other than 200 and 503: " + otherStatuses);
        assertEquals(143, exitCode, "the service did not exit on its own within the grace period");
    }

    private static Set<String> inbox(String run) throws Exception {
        Set<String> stored = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + DATABASE,
                "kollus", "kollus");
             PreparedStatement select = connection.prepareStatement(
                     "select upload_file_key from callback_inbox where upload_file_key like ? and status = 'ACCEPTED'")) {
            select.setString(1, run + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
        }
        return stored;
    }
}
