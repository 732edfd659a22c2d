package org.kollussuite.player.callback;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.player.callback.PlayerCallbacksClient.CLOSED;
import static org.kollussuite.player.callback.PlayerCallbacksClient.COURSE;
import static org.kollussuite.player.callback.PlayerCallbacksClient.FOREVER;
import static org.kollussuite.player.callback.PlayerCallbacksClient.OPEN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.fieldNames;
import static org.kollussuite.player.callback.PlayerCallbacksClient.grant;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newContent;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.play;
import static org.kollussuite.player.callback.PlayerCallbacksClient.playForm;
import static org.kollussuite.player.callback.PlayerCallbacksClient.revoke;

@QuarkusTest
class PlayCallbackTest {

    private static final Set<String> KIND1_ALLOWED = Set.of("result", "expiration_date", "expiration_playtime", "vmcheck");
    private static final Set<String> KIND3_ALLOWED = Set.of("result", "content_expired");

    @Test
    void allowPolicyKind1AnswersTheChannelLimits() {
        long before = Instant.now().getEpochSecond();
        JsonNode data = play(OPEN, playForm(1, newUser(), newContent()));

        assertEquals(KIND1_ALLOWED, fieldNames(data));
        assertEquals(1, data.get("result").intValue());
        long expected = before + Duration.ofHours(2).toSeconds();
        assertTrue(Math.abs(data.get("expiration_date").longValue() - expected) <= 5, data.toString());
        assertEquals(3600, data.get("expiration_playtime").intValue());
        assertEquals(0, data.get("vmcheck").intValue());
    }

    @Test
    void allowPolicyKind3LetsThePlayerPlay() {
        JsonNode data = play(OPEN, playForm(3, newUser(), newContent()));

        assertEquals(KIND3_ALLOWED, fieldNames(data));
        assertEquals(1, data.get("result").intValue());
        assertEquals(0, data.get("content_expired").intValue());
    }

    @Test
    void denyPolicyKind1AnswersTheChannelMessage() {
        JsonNode data = play(CLOSED, playForm(1, newUser(), newContent()));

        assertEquals(Set.of("result", "message"), fieldNames(data));
        assertEquals(0, data.get("result").intValue());
        assertEquals("This channel is closed.", data.get("message").textValue());
    }

    @Test
    void denyPolicyKind3ExpiresTheContent() {
        JsonNode data = play(CLOSED, playForm(3, newUser(), newContent()));

        assertEquals(Set.of("result", "content_expired", "message"), fieldNames(data));
        assertEquals(0, data.get("result").intValue());
        assertEquals(1, data.get("content_expired").intValue());
    }

    @Test
    void entitlementPolicyDeniesAUserWithoutEntitlement() {
        JsonNode data = play(COURSE, playForm(1, newUser(), newContent()));

        assertEquals(0, data.get("result").intValue());
        assertEquals("You are not allowed to play this content.", data.get("message").textValue());
    }

    @Test
    void entitlementPolicyAllowsAnEntitledUserUntilTheEntitlementEnds() {
        String user = newUser();
        String content = newContent();
        Instant end = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        grant(user, COURSE, content, end.toString(), false);

        JsonNode data = play(COURSE, playForm(1, user, content));

        assertEquals(KIND1_ALLOWED, fieldNames(data));
        assertEquals(1, data.get("result").intValue());
        assertEquals(end.getEpochSecond(), data.get("expiration_date").longValue(),
                "PT24H of the channel is cut at the entitlement's end");
        assertEquals(0, data.get("expiration_playtime").intValue());
        assertEquals(1, data.get("vmcheck").intValue());
    }

    @Test
    void aWholeChannelEntitlementCoversEveryContentButAnotherUserGetsNothing() {
        String user = newUser();
        grant(user, COURSE, null, null, false);

        assertEquals(1, play(COURSE, playForm(1, user, newContent())).get("result").intValue());
        assertEquals(0, play(COURSE, playForm(3, user, newContent())).get("content_expired").intValue());
        assertEquals(0, play(COURSE, playForm(1, newUser(), newContent())).get("result").intValue());
    }

    @Test
    void anEntitlementForOneContentDoesNotCoverAnother() {
        String user = newUser();
        String content = newContent();
        grant(user, COURSE, content, null, false);

        assertEquals(1, play(COURSE, playForm(1, user, content)).get("result").intValue());
        assertEquals(0, play(COURSE, playForm(1, user, newContent())).get("result").intValue());
    }

    @Test
    void kind3ExpiresTheContentOnceTheEntitlementWasRevokedSinceKind1() {
        String user = newUser();
        String content = newContent();
        long id = grant(user, COURSE, content, null, false);
        assertEquals(1, play(COURSE, playForm(1, user, content)).get("result").intValue());

        revoke(id);
        JsonNode data = play(COURSE, playForm(3, user, content));

        assertEquals(0, data.get("result").intValue());
        assertEquals(1, data.get("content_expired").intValue());
    }

    @Test
    void anEndedEntitlementNoLongerAllowsPlayback() {
        String user = newUser();
        String content = newContent();
        grant(user, COURSE, content, Instant.now().plusSeconds(2).toString(), false);
        assertEquals(0, play(COURSE, playForm(3, user, content)).get("content_expired").intValue());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> play(COURSE, playForm(3, user, content)).get("content_expired").intValue() == 1);
    }

    @Test
    void expirationDateNeverPassesTheLastDateKollusAccepts() {
        JsonNode data = play(FOREVER, playForm(1, newUser(), newContent()));

        assertEquals(1_893_455_999L, data.get("expiration_date").longValue(), "P3650D is clamped to 2029-12-31");
    }
}
