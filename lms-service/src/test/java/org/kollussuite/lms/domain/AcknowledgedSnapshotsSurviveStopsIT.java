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
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots answered {@code {"result":1}} are in the database whatever stops the process under load:
 * SIGKILL right after the answer, or SIGTERM as a rolling update sends it, when the service finishes
 * the requests in progress and commits its last batch before exiting. No snapshot is ever answered with
 * an error status: one that cannot be stored gets no answer, and the player sends it again.
 */
class AcknowledgedSnapshotsSurviveStopsIT {

    private static final String DATABASE = "kollus_lms_test";
    private static final int VIEWERS = 16;
    /** What Kubernetes waits after SIGTERM before SIGKILL (terminationGracePeriodSeconds in k8s/). */
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(35);

    /** What the viewers saw while the service was being stopped. */
    private record Outcome(Set<String> acknowledged, Map<Integer, Integer> otherStatuses, Set<String> stored) {
    }

    @Test
    void everyAcknowledgedSnapshotIsStoredAfterSigkillUnderLoad() throws Exception {
        Outcome outcome = loadThenStop(ServiceProcess::kill);

        assertNothingLost(outcome);
        assertTrue(outcome.otherStatuses().isEmpty(), "statuses other than 200: " + outcome.otherStatuses());
    }

    @Test
    void sigtermUnderLoadFinishesInFlightSnapshotsAndLosesNoAcknowledgedOne() throws Exception {
        int[] exitCode = new int[1];
        Outcome outcome = loadThenStop(service -> exitCode[0] = service.stop(GRACE_PERIOD));

        assertNothingLost(outcome);
        // An error status would lose the snapshot for good (the player never re-sends after an answer);
        // the JVM's own exit code for SIGTERM is 143.
        assertTrue(outcome.otherStatuses().isEmpty(), "statuses other than 200: " + outcome.otherStatuses());
        assertEquals(143, exitCode[0], "the service did not exit on its own within the grace period");
    }

    private static Outcome loadThenStop(Consumer<ServiceProcess> stop) throws Exception {
        Map<String, String> env = ServiceProcess.testEnvironment(DATABASE, ServiceProcess.freePort());
        env.put("KOLLUS_CHANNELS_MATH_KEY", LmsClient.MATH);
        String run = "stop-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<Integer, Integer> otherStatuses = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        ServiceProcess service = ServiceProcess.start(env);
        ExecutorService viewers = Executors.newFixedThreadPool(VIEWERS);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> service.isReady() || !service.isAlive());
            assertTrue(service.isAlive(), service::output);
            for (int t = 0; t < VIEWERS; t++) {
                viewers.submit(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        String user = run + sent.incrementAndGet();
                        String form = "json_data=" + URLEncoder.encode(LmsClient.snapshot(user, "mck-stop", 1000, 60, 60,
                                60, Set.of(0)).toString(), StandardCharsets.UTF_8);
                        try {
                            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                            URI.create(service.baseUrl() + "/callbacks/channels/" + LmsClient.MATH
                                                    + "/lms?token=" + LmsClient.TOKEN))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() == 200 && answer.body().contains("\"result\":1")) {
                                acknowledged.add(user);
                            } else {
                                otherStatuses.merge(answer.statusCode(), 1, Integer::sum);
                            }
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            // No answer (the port closed): not acknowledged, the player sends it again.
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 500);

            stop.accept(service);
        } finally {
            viewers.shutdownNow();
            viewers.awaitTermination(15, TimeUnit.SECONDS);
            service.close();
        }
        return new Outcome(Set.copyOf(acknowledged), Map.copyOf(otherStatuses), stored(run));
    }

    private static Set<String> stored(String run) throws Exception {
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
        return stored;
    }

    private static void assertNothingLost(Outcome outcome) {
        Set<String> lost = new HashSet<>(outcome.acknowledged());
        lost.removeAll(outcome.stored());
        assertTrue(lost.isEmpty(), lost.size() + " of " + outcome.acknowledged().size()
                + " acknowledged snapshots were lost");
    }
}
