package org.kollussuite.player.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kollussuite.commons.event.CloudEvent;
import org.kollussuite.commons.event.EventTypes;
import org.kollussuite.commons.testing.EventTapExtension;
import org.kollussuite.player.domain.ChannelEpisodes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.player.callback.PlayerCallbacksClient.ADMIN;
import static org.kollussuite.player.callback.PlayerCallbacksClient.COURSE;
import static org.kollussuite.player.callback.PlayerCallbacksClient.RENAMED;
import static org.kollussuite.player.callback.PlayerCallbacksClient.SERIES;
import static org.kollussuite.player.callback.PlayerCallbacksClient.fieldNames;
import static org.kollussuite.player.callback.PlayerCallbacksClient.form;
import static org.kollussuite.player.callback.PlayerCallbacksClient.grant;
import static org.kollussuite.player.callback.PlayerCallbacksClient.metric;
import static org.kollussuite.player.callback.PlayerCallbacksClient.newUser;
import static org.kollussuite.player.callback.PlayerCallbacksClient.nextEpisode;
import static org.kollussuite.player.callback.PlayerCallbacksClient.rejectedRecordOf;
import static org.kollussuite.player.callback.PlayerCallbacksClient.verified;

@QuarkusTest
class NextEpisodeTest {

    @RegisterExtension
    EventTapExtension events = EventTapExtension.on("kollus.channel.#");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ChannelEpisodes episodes;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void emptyTheTestChannels() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "delete from channel_content where channel_key in (?, ?, ?)")) {
            delete.setString(1, COURSE);
            delete.setString(2, SERIES);
            delete.setString(3, RENAMED);
            delete.executeUpdate();
        }
        episodes.invalidate(COURSE);
        episodes.invalidate(SERIES);
        episodes.invalidate(RENAMED);
    }

    private String key(String name) {
        return name + "-" + run;
    }

    private void added(String channel, String content, String filename, Instant at) {
        events.tap().publish(event(EventTypes.CHANNEL_CONTENT_ADDED, channel, content, filename, at));
    }

    private void removed(String channel, String content, Instant at) {
        events.tap().publish(event(EventTypes.CHANNEL_CONTENT_REMOVED, channel, content, null, at));
    }

    private static CloudEvent event(String type, String channel, String content, String filename, Instant at) {
        var data = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("channelKey", channel).put("channelName", "Test channel").put("mediaContentKey", content)
                .put("uploadFileKey", "ufk-" + content).put("filename", filename);
        return new CloudEvent(UUID.randomUUID().toString(), CloudEvent.sourceOf("platform-callback-service"), type, at,
                content, data, Map.of(CloudEvent.CHANNEL_EXTENSION, channel));
    }

    private static JsonNode after(String channel, String user, String content) {
        return nextEpisode(channel, form("mck", content, "client_user_id", user));
    }

    private static void awaitNext(String channel, String user, String content, String expected) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode data = after(channel, user, content);
            assertEquals(expected, data.path("media_content_key").asText(null), data.toString());
        });
    }

    @Test
    void nextEpisodeFollowsTheNaturalTitleOrderAndCarriesAPlayerUrl() {
        String user = newUser();
        grant(user, COURSE, null, null, false);
        Instant now = Instant.now();
        added(COURSE, key("l10"), "Lesson 10.mp4", now);
        added(COURSE, key("l2"), "Lesson 2.mp4", now);
        added(COURSE, key("l1"), "Lesson 1.mp4", now);

        awaitNext(COURSE, user, key("l2"), key("l10"));
        long before = Instant.now().getEpochSecond();
        JsonNode data = after(COURSE, user, key("l1"));

        assertEquals(java.util.Set.of("result", "media_content_key", "title", "url"), fieldNames(data));
        assertEquals(1, data.get("result").intValue());
        assertEquals(key("l2"), data.get("media_content_key").textValue());
        assertEquals("Lesson 2.mp4", data.get("title").textValue());
        String url = data.get("url").textValue();
        assertTrue(url.startsWith("https://v.kr.kollus.com/s?jwt="), url);
        assertTrue(url.endsWith("&custom_key=test-custom-key"), url);
        String playerJwt = URLDecoder.decode(url.substring(url.indexOf("jwt=") + 4, url.indexOf("&custom_key")),
                StandardCharsets.UTF_8);
        JsonNode player = verified(playerJwt);
        assertEquals(user, player.get("cuid").textValue());
        long expt = player.get("expt").longValue();
        assertTrue(expt >= before + 7200 - 5 && expt <= before + 7200 + 5, "expt is now + PT2H: " + expt);
        assertEquals(key("l2"), player.get("mc").get(0).get("mckey").textValue());
        assertTrue(player.get("next_episode").booleanValue(), "Lesson 10 follows Lesson 2");

        JsonNode last = verified(URLDecoder.decode(after(COURSE, user, key("l2")).get("url").textValue()
                .replaceAll(".*jwt=([^&]*)&.*", "$1"), StandardCharsets.UTF_8));
        assertEquals(false, last.get("next_episode").booleanValue(), "Lesson 10 is the last episode");
        JsonNode none = after(COURSE, user, key("l10"));
        assertEquals(0, none.get("result").intValue());
        assertEquals(java.util.Set.of("result", "message"), fieldNames(none));
    }

    @Test
    void aRemovedContentIsSkippedAndAnOlderEventArrivingLateChangesNothing() {
        String user = newUser();
        grant(user, COURSE, null, null, false);
        Instant start = Instant.now().minusSeconds(60);
        added(COURSE, key("a1"), "Part 1", start);
        added(COURSE, key("a2"), "Part 2", start);
        added(COURSE, key("a3"), "Part 3", start);
        awaitNext(COURSE, user, key("a1"), key("a2"));

        removed(COURSE, key("a2"), start.plusSeconds(30));
        awaitNext(COURSE, user, key("a1"), key("a3"));

        added(COURSE, key("a2"), "Part 2", start.plusSeconds(10));
        removed(COURSE, key("a3"), start.minusSeconds(10));
        added(COURSE, key("marker"), "Part 0", start.plusSeconds(40));
        awaitNext(COURSE, user, key("marker"), key("a1"));

        assertEquals(key("a3"), after(COURSE, user, key("a1")).get("media_content_key").textValue(),
                "the late add of Part 2 and the late removal of Part 3 are older than what was applied");
    }

    @Test
    void addedOrderFollowsTheOrderOfAddition() {
        String user = newUser();
        Instant now = Instant.now();
        added(SERIES, key("s1"), "Zebra", now.minusSeconds(3));
        added(SERIES, key("s2"), "Apple", now.minusSeconds(2));
        added(SERIES, key("s3"), "Mango", now.minusSeconds(1));

        awaitNext(SERIES, user, key("s1"), key("s2"));
        awaitNext(SERIES, user, key("s2"), key("s3"));
    }

    @Test
    void aUserWhoMayNotPlayTheNextEpisodeGetsNone() {
        String entitled = newUser();
        grant(entitled, COURSE, null, null, false);
        Instant now = Instant.now();
        added(COURSE, key("e1"), "Episode 1", now);
        added(COURSE, key("e2"), "Episode 2", now);
        awaitNext(COURSE, entitled, key("e1"), key("e2"));

        JsonNode data = after(COURSE, newUser(), key("e1"));

        assertEquals(0, data.get("result").intValue());
        assertEquals("You are not allowed to play this content.", data.get("message").textValue());
    }

    @Test
    void aCallbackWithoutContentKeyGetsASignedNoAndIsRecorded() {
        String user = newUser();

        JsonNode data = nextEpisode(SERIES, form("client_user_id", user));

        assertEquals(0, data.get("result").intValue());
        assertEquals("You are not allowed to play this content.", data.get("message").textValue(),
                "the viewer reads the channel's text, not the parser's");
        Map<String, Object> record = rejectedRecordOf(SERIES, user);
        assertEquals("missing_parameter", record.get("error"));
        assertEquals("no mck or media_content_key parameter (the channel's next-episode-param-mck)", record.get("message"));
    }

    @Test
    void aChannelThatRenamedItsParametersIsReadThroughItsOwnNames() {
        String user = newUser();
        Instant now = Instant.now();
        added(RENAMED, key("r1"), "One", now.minusSeconds(2));
        added(RENAMED, key("r2"), "Two", now.minusSeconds(1));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(key("r2"),
                nextEpisode(RENAMED, form("content_id", key("r1"), "userid", user)).path("media_content_key").asText(null),
                "the second user name of the list is tried when the first is absent"));
        JsonNode renamed = nextEpisode(RENAMED, form("content_id", key("r1"), "member", user));
        String url = renamed.get("url").textValue();
        JsonNode player = verified(URLDecoder.decode(url.replaceAll(".*jwt=([^&]*)&.*", "$1"), StandardCharsets.UTF_8));
        assertEquals(user, player.get("cuid").textValue());

        JsonNode defaults = nextEpisode(RENAMED, form("mck", key("r1"), "client_user_id", user));
        assertEquals(0, defaults.get("result").intValue(), "the default names are not this channel's");
        assertEquals("missing_parameter", rejectedRecordOf(RENAMED, key("r1")).get("error"));
    }

    @Test
    void anUnknownContentAndTheLastEpisodeAnswerNoWithDistinctReasons() {
        String user = newUser();
        Instant now = Instant.now();
        added(SERIES, key("only1"), "First", now.minusSeconds(2));
        added(SERIES, key("only2"), "Second", now.minusSeconds(1));
        awaitNext(SERIES, user, key("only1"), key("only2"));
        double last = metric("kollus_player_next_episode_none_total", "channel=\"SERIES\"", "reason=\"last_episode\"");
        double unknown = metric("kollus_player_next_episode_none_total", "channel=\"SERIES\"",
                "reason=\"unknown_content\"");

        JsonNode lastAnswer = after(SERIES, user, key("only2"));
        JsonNode unknownAnswer = after(SERIES, user, key("never-added"));

        assertEquals(0, lastAnswer.get("result").intValue());
        assertEquals(0, unknownAnswer.get("result").intValue());
        assertEquals(last + 1, metric("kollus_player_next_episode_none_total", "channel=\"SERIES\"",
                "reason=\"last_episode\""));
        assertEquals(unknown + 1, metric("kollus_player_next_episode_none_total", "channel=\"SERIES\"",
                "reason=\"unknown_content\""));
        Map<String, Object> record = rejectedRecordOf(SERIES, key("never-added"));
        assertEquals("unknown_content", record.get("error"));
        assertTrue(record.get("message").toString().contains(key("never-added")), record.toString());
        assertTrue(rejectedList(SERIES).stream().noneMatch(r -> r.get("parameters").toString().contains(key("only2"))),
                "the last episode is an answer, not a rejection");
    }

    private static List<Map<String, Object>> rejectedList(String channel) {
        return given().header("Authorization", ADMIN).queryParam("status", "rejected")
                .queryParam("channel", channel).queryParam("limit", 200).get("/api/v1/callbacks").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }
}
