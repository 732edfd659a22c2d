package org.kollussuite.platform.messaging;

import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.EventTap;
import org.kollussuite.commons.testing.ServiceProcess;
import org.kollussuite.commons.testing.TcpProxy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.*;

/**
 * The broker connection drops and comes back while callbacks keep being acknowledged: batches the relay
 * publishes during the outage are never confirmed, and yet every event is published once the broker is back,
 * each under one id.
 */
class BrokerOutageRecoveryIT {

    private static final String DATABASE = "kollus_platform_test";

    @Test
    void eventsOfCallbacksAcknowledgedAcrossABrokerOutageArePublishedOnceTheBrokerIsBack() throws Exception {
        try (EventTap tap = EventTap.open("kollus.content.*"); TcpProxy broker = TcpProxy.to(5672)) {
            Map<String, String> env = ServiceProcess.testEnvironment(DATABASE, ServiceProcess.freePort());
            env.put("RABBITMQ_PORT", String.valueOf(broker.port()));
            env.put("OUTBOX_CONFIRM_TIMEOUT", "2s");
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            ScheduledExecutorService kollus = Executors.newSingleThreadScheduledExecutor();
            try (ServiceProcess service = ServiceProcess.start(env)) {
                await().atMost(Duration.ofSeconds(90)).until(() -> service.isReady() || !service.isAlive());
                assertTrue(service.isAlive(), service::output);
                kollus.scheduleAtFixedRate(() -> {
                    String key = newUploadFileKey();
                    if (given().baseUri(service.baseUrl()).queryParam("token", TOKEN)
                            .contentType("application/x-www-form-urlencoded").formParams(upload(key))
                            .post("/callbacks/platform/upload").statusCode() == 200) {
                        acknowledged.add(key);
                    }
                }, 0, 50, TimeUnit.MILLISECONDS);

                broker.cut();
                await().atMost(Duration.ofSeconds(30)).until(() -> !service.isReady());
                // Long enough for the relay to fail a batch while callbacks keep coming.
                await().atMost(Duration.ofSeconds(30)).until(() -> service.output().contains("events not confirmed"));
                broker.restore();
                await().atMost(Duration.ofSeconds(60)).until(service::isReady);
                int afterOutage = acknowledged.size();
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= afterOutage + 20);
                kollus.shutdown();
                assertTrue(kollus.awaitTermination(30, TimeUnit.SECONDS));

                await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.stream()
                        .allMatch(key -> !tap.matching(e -> key.equals(e.subject())).isEmpty()));
                for (String key : acknowledged) {
                    assertEquals(1, tap.matching(e -> key.equals(e.subject())).stream().map(r -> r.event().id())
                            .distinct().count(), key + " was published under one id");
                }
            } finally {
                kollus.shutdownNow();
            }
        }
    }
}
