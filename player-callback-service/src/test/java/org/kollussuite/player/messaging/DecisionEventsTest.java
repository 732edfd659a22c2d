package org.kollussuite.player.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.testing.Metrics;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.testing.EventTap;
import org.kollussuite.commons.testing.EventTapExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.player.callback.PlayerCallbacksClient.CLOSED;
import static org.kollussuite.player.callback.PlayerCallbacksClient.COURSE;
import static org.kollussuite.player.callback.PlayerCallbacksClient.OPEN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.drm;
import static org.kollussuite.player.callback.PlayerCallbacksClient.form;
import static org.kollussuite.player.callback.PlayerCallbacksClient.grant;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newContent;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.play;
import static org.kollussuite.player.callback.PlayerCallbacksClient.playForm;

@QuarkusTest
class DecisionEventsTest {

    @RegisterExtension
    EventTapExtension events = EventTapExtension.on("kollus.playback.*", "kollus.download.*", "suite.player.#");

    private List<EventTap.Received> awaitEventsOf(String user, int count) {
        return await().atMost(Duration.ofSeconds(15)).until(
                () -> events.tap().matching(e -> user.equals(e.user())), received -> received.size() >= count);
    }

    @Test
    void everyPlayDecisionBecomesAnEventWithTheViewerAndTheReason() {
        String user = newUser();
        String content = newContent();
        long expirationDate = play(OPEN, playForm(1, user, content)).get("expiration_date").longValue();
        play(CLOSED, playForm(1, user, content));

        List<EventTap.Received> received = awaitEventsOf(user, 2);

        CloudEvent authorized = received.stream().map(EventTap.Received::event)
                .filter(e -> e.type().equals("kollus.playback.authorized")).findFirst().orElseThrow();
        assertEquals(content, authorized.subject());
        assertEquals(OPEN, authorized.channel());
        assertEquals("urn:kollus-suite:player-callback-service", authorized.source());
        JsonNode data = authorized.data();
        assertEquals(1, data.get("kind").intValue());
        assertEquals(OPEN, data.get("channelKey").textValue());
        assertEquals(content, data.get("mediaContentKey").textValue());
        assertEquals(user, data.get("clientUserId").textValue());
        assertEquals("iPhone10,5", data.get("deviceName").textValue());
        assertEquals(expirationDate, data.get("expirationDate").longValue());
        assertEquals("policy_allow", data.get("reason").textValue());
        CloudEvent denied = received.stream().map(EventTap.Received::event)
                .filter(e -> e.type().equals("kollus.playback.denied")).findFirst().orElseThrow();
        assertEquals("policy_deny", denied.data().get("reason").textValue());
        assertEquals(CLOSED, denied.channel());
        assertTrue(received.stream().allMatch(r -> r.properties().getDeliveryMode() == 2), "persistent messages");
    }

    @Test
    void everyDrmItemBecomesAnEventOfItsKind() {
        String user = newUser();
        String content = newContent();
        drm(OPEN, form("items", "[{\"kind\":1,\"client_user_id\":\"" + user + "\",\"media_content_key\":\"" + content
                + "\"},{\"kind\":2,\"client_user_id\":\"" + user + "\",\"media_content_key\":\"" + content
                + "\"},{\"kind\":3,\"client_user_id\":\"" + user + "\",\"media_content_key\":\"" + content
                + "\",\"session_key\":\"sk\",\"start_at\":1735689600,\"reset_req\":1,\"check_expired\":0,"
                + "\"localtime\":1735689612,\"expiration_date\":1767225599,\"uservalues\":{\"uservalue0\":\"course-42\"}}]"));

        List<String> types = awaitEventsOf(user, 3).stream().map(r -> r.event().type()).toList();

        assertEquals(List.of("kollus.download.authorized", "kollus.download.completed", "kollus.download.offline-checked"),
                types.stream().sorted().toList());
        JsonNode offline = events.tap().matching(e -> e.type().equals("kollus.download.offline-checked")
                && user.equals(e.user())).get(0).event().data();
        assertEquals("sk", offline.get("sessionKey").textValue());
        assertEquals(1735689600L, offline.get("startAt").longValue());
        assertFalse(offline.get("contentExpired").booleanValue());
        JsonNode request = offline.get("request");
        assertEquals(1, request.get("reset_req").intValue(), "a bulk renewal is visible to consumers");
        assertEquals(0, request.get("check_expired").intValue());
        assertEquals(1735689612L, request.get("localtime").longValue());
        assertEquals(1767225599L, request.get("expiration_date").longValue());
        assertEquals("course-42", request.get("uservalues").get("uservalue0").textValue());
    }

    @Test
    void aRefusedCallbackIsADenialEventWithTheErrorAsReason() {
        String user = newUser();
        play(COURSE, form("kind", "1", "client_user_id", user));

        CloudEvent denied = awaitEventsOf(user, 1).get(0).event();

        assertEquals("kollus.playback.denied", denied.type());
        assertEquals("missing_parameter", denied.data().get("reason").textValue());
    }

    @Test
    void grantingAnEntitlementAnnouncesItToEveryReplica() {
        String user = newUser();
        grant(user, COURSE, null, null, false);

        CloudEvent changed = awaitEventsOf(user, 1).get(0).event();

        assertEquals("suite.player.entitlements-changed", changed.type());
        assertEquals(COURSE, changed.data().get("channelKey").textValue());
        assertEquals(user, changed.data().get("clientUserId").textValue());
    }

    @Test
    void aDecisionEventTheDatabaseRefusesIsDroppedAloneAndEveryOtherDecisionIsPublished() {
        String user = newUser();
        double refusedBefore = Metrics.sum("kollus_player_decision_events_refused_total");
        List<CompletableFuture<JsonNode>> plays = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // A media content key longer than the outbox's subject column: its decision event cannot be stored.
            String content = i == 10 ? "m".repeat(600) : newContent();
            plays.add(CompletableFuture.supplyAsync(() -> play(OPEN, playForm(1, user, content))));
        }
        plays.forEach(CompletableFuture::join);

        List<EventTap.Received> received = awaitEventsOf(user, 29);

        assertEquals(29, received.stream().map(r -> r.event().subject()).distinct().count(),
                "every other decision reached the broker, once");
        assertTrue(received.stream().noneMatch(r -> r.event().subject().length() > 500));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Metrics.sum("kollus_player_decision_events_refused_total") == refusedBefore + 1);
    }

}
