package org.kollussuite.platform.health;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.outbox.Outbox;
import org.kollussuite.commons.testing.EventTap;
import org.kollussuite.platform.callback.PlatformCallbacksClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@WithTestResource(ProxiedInfrastructure.class)
class ReadinessTest {

    @Inject
    Outbox outbox;

    @AfterEach
    void reconnect() {
        ProxiedInfrastructure.database.restore();
        ProxiedInfrastructure.broker.restore();
    }

    @Test
    void readinessGoesDownWithTheBrokerAndEventsFlowAgainAfterItReturns() {
        awaitReady();
        publishAndAwait("before the outage");

        ProxiedInfrastructure.broker.cut();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(503).body("status", is("DOWN")));
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));

        ProxiedInfrastructure.broker.restore();

        awaitReady();
        publishAndAwait("after the outage");
    }

    private void publishAndAwait(String subject) {
        try (EventTap tap = EventTap.open("kollus.test.#")) {
            CloudEvent event = CloudEvent.create("urn:test", "kollus.test.readiness", subject, null);
            QuarkusTransaction.requiringNew().run(() -> outbox.append(event));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !tap.matching(e -> e.id().equals(event.id())).isEmpty());
        }
    }

    @Test
    void readinessGoesDownWithTheDatabaseAndRecoversWithoutARestart() {
        awaitReady();

        ProxiedInfrastructure.database.cut();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(503).body("checks.status", hasItem("DOWN")));
        given().get("/q/health/live").then().statusCode(200);

        ProxiedInfrastructure.database.restore();

        awaitReady();
    }

    @Test
    void callbackDuringADatabaseOutageAnswers503AndIsAcceptedOnceTheDatabaseReturns() {
        awaitReady();
        String key = PlatformCallbacksClient.newUploadFileKey();

        ProxiedInfrastructure.database.cut();

        PlatformCallbacksClient.post("upload", PlatformCallbacksClient.upload(key))
                .statusCode(503).body("error", is("storage_unavailable"));

        ProxiedInfrastructure.database.restore();
        awaitReady();
        PlatformCallbacksClient.post("upload", PlatformCallbacksClient.upload(key))
                .statusCode(200).body("result", is("accepted"));
    }

    private static void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200).body("status", is("UP")));
    }
}
