package org.kollussuite.platform.messaging;

import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.EventTap;
import org.kollussuite.commons.testing.ServiceProcess;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.platform.callback.PlatformCallbacksClient.*;

/**
 * The service is killed with SIGKILL after it acknowledged a callback but before its relay published
 * the event (the relay is held back so the window is certain); the next process publishes it once.
 */
class OutboxCrashRecoveryIT {

    private static final String DATABASE = "kollus_platform_test";

    @Test
    void callbackAcknowledgedBeforeAKillIsPublishedOnceAfterTheRestart() throws Exception {
        String key = newUploadFileKey();
        try (EventTap tap = EventTap.open("kollus.content.*")) {
            Map<String, String> held = ServiceProcess.testEnvironment(DATABASE, ServiceProcess.freePort());
            held.put("OUTBOX_RELAY_ENABLED", "false");
            try (ServiceProcess service = ServiceProcess.start(held)) {
                awaitReady(service);
                given().baseUri(service.baseUrl()).queryParam("token", TOKEN)
                        .contentType("application/x-www-form-urlencoded").formParams(upload(key))
                        .post("/callbacks/platform/upload")
                        .then().statusCode(200).body("result", equalTo("accepted"));
                await().atMost(Duration.ofSeconds(10)).until(() -> hasOutboxRow(key));

                service.kill();
            }
            assertTrue(isPending(key), "the acknowledged event waits in the outbox");
            assertTrue(tap.matching(e -> key.equals(e.subject())).isEmpty());

            try (ServiceProcess restarted = ServiceProcess.start(
                    ServiceProcess.testEnvironment(DATABASE, ServiceProcess.freePort()))) {
                awaitReady(restarted);

                await().atMost(Duration.ofSeconds(30)).until(() -> !isPending(key));
                await().atMost(Duration.ofSeconds(10)).until(() -> !tap.matching(e -> key.equals(e.subject())).isEmpty());
                assertEquals(1, tap.matching(e -> key.equals(e.subject())).size());
                assertEquals("kollus.content.uploaded", tap.matching(e -> key.equals(e.subject())).get(0).routingKey());
            }
        }
    }

    private static void awaitReady(ServiceProcess service) {
        await().atMost(Duration.ofSeconds(60)).until(() -> service.isReady() || !service.isAlive());
        assertTrue(service.isAlive(), service::output);
    }

    private static boolean hasOutboxRow(String uploadFileKey) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + DATABASE,
                "kollus", "kollus");
             PreparedStatement query = connection.prepareStatement("select 1 from outbox_event where subject = ?")) {
            query.setString(1, uploadFileKey);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private static boolean isPending(String uploadFileKey) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + DATABASE,
                "kollus", "kollus");
             PreparedStatement query = connection.prepareStatement(
                     "select published_at is null from outbox_event where subject = ?")) {
            query.setString(1, uploadFileKey);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new AssertionError("no outbox row for " + uploadFileKey);
                }
                return row.getBoolean(1);
            }
        }
    }
}
