package org.kollussuite.notifier.delivery;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.testing.EventTapExtension;
import org.kollussuite.commons.testing.ProxiedDatabase;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.notifier.delivery.NotifierTestSupport.event;

@QuarkusTest
@WithTestResource(Receivers.class)
@WithTestResource(value = ProxiedDatabase.class,
        initArgs = @ResourceArg(name = ProxiedDatabase.DATABASE, value = "kollus_notifier_test"))
class DatabaseOutageTest {

    @RegisterExtension
    EventTapExtension events = EventTapExtension.on("kollus.test.none");

    @AfterEach
    void reconnect() {
        ProxiedDatabase.proxy().restore();
    }

    private static double failedGroupCommits() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("kollus_notifier_events_batch_failures_total "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElse(0);
    }

    private static long received(CloudEvent event) {
        return Receivers.receiver.on("/lms").stream().filter(r -> event.id().equals(r.header("webhook-id"))).count();
    }

    @Test
    void anEventReceivedWhileTheDatabaseIsDownIsDeliveredOnceItIsBackAndNeverDeadLettered() {
        double failuresBefore = failedGroupCommits();
        ProxiedDatabase.proxy().cut();
        CloudEvent during = event("kollus.lms.completed", "outage", null);
        events.tap().publish(during);

        await().atMost(Duration.ofSeconds(20)).until(() -> failedGroupCommits() >= failuresBefore + 2);
        assertEquals(0, received(during), "nothing can be delivered before it is stored");
        ProxiedDatabase.proxy().restore();

        await().atMost(Duration.ofSeconds(30)).until(() -> received(during) == 1);
        List<String> deadLettered = new ArrayList<>();
        byte[] message;
        while ((message = events.tap().take("notifier.events.dead-letter")) != null) {
            deadLettered.add(new String(message, StandardCharsets.UTF_8));
        }
        assertTrue(deadLettered.stream().noneMatch(body -> body.contains(during.id())),
                "the event was dead-lettered: " + deadLettered);
        assertEquals(1, received(during), "delivered exactly once");
    }
}
