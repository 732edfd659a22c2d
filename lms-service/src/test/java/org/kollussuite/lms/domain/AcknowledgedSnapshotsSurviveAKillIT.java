package org.kollussuite.lms.domain;

import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.ServiceProcess;
import org.kollussuite.lms.callback.LmsClient;

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
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshots answered {@code {"result":1}} are in the database even when the process is killed right after. */
class AcknowledgedSnapshotsSurviveAKillIT {

    private static final String DATABASE = "kollus_lms_test";

    @Test
    void everyAcknowledgedSnapshotIsStoredAfterSigkillUnderLoad() throws Exception {
        Map<String, String> env = ServiceProcess.testEnvironment(DATABASE, ServiceProcess.freePort());
        env.put("KOLLUS_CHANNELS_MATH_KEY", LmsClient.MATH);
        String run = "kill-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        ServiceProcess service = ServiceProcess.start(env);
        ExecutorService viewers = Executors.newFixedThreadPool(16);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> service.isReady() || !service.isAlive());
            assertTrue(service.isAlive(), service::output);
            for (int t = 0; t < 16; t++) {
                viewers.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        String user = run + sent.incrementAndGet();
                        String form = "json_data=" + URLEncoder.encode(LmsClient.snapshot(user, "mck-kill", 1000, 60, 60,
                                60, Set.of(0)).toString(), StandardCharsets.UTF_8);
                        try {
                            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                            URI.create(service.baseUrl() + "/callbacks/channels/" + LmsClient.MATH
                                                    + "/lms?token=" + LmsClient.TOKEN))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .timeout(Duration.ofSeconds(5))
                                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() == 200 && answer.body().contains("\"result\":1")) {
                                acknowledged.add(user);
                            }
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            // The process was killed: the request was not acknowledged, nothing to check.
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 500);

            service.kill();
        } finally {
            viewers.shutdownNow();
            viewers.awaitTermination(10, TimeUnit.SECONDS);
            service.close();
        }

        Set<String> stored = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + DATABASE,
                "kollus", "kollus");
             PreparedStatement select = connection.prepareStatement(
                     "select client_user_id from lms_progress where client_user_id like ? and playtime = 60")) {
            select.setString(1, run + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
            }
        }
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        assertTrue(lost.isEmpty(), lost.size() + " of " + acknowledged.size() + " acknowledged snapshots were lost");
    }
}
