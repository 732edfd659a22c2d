package org.kollussuite.simulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.kollussuite.simulator.testing.AgainstStubSuite;
import org.kollussuite.simulator.testing.StubSuite;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusMainTest
class ScenarioCommandTest extends AgainstStubSuite {

    private LaunchResult scenario(QuarkusMainLauncher launcher, String... extra) {
        return launch(launcher, List.of("scenario", "--viewers", "2", "--catch-up", "PT2S"), extra);
    }

    @Test
    void aScenarioAgainstACorrectSuitePassesWithoutPrintingAnySecret(QuarkusMainLauncher launcher) {
        LaunchResult result = scenario(launcher);

        assertEquals(0, result.exitCode(), result.getOutput());
        assertTrue(result.getOutput().contains("0 violation(s)"), result.getOutput());
        assertTrue(result.getOutput().contains("\nPASS"), result.getOutput());
        for (String secret : List.of(StubSuite.TOKEN, StubSuite.ACCOUNT, StubSuite.SECURITY_KEY, StubSuite.CUSTOM_KEY, "stub-admin")) {
            assertFalse(result.getOutput().contains(secret), "printed " + secret);
        }
    }

    @Test
    void platformCallbacksArePostedAsFormsWithKollusFieldNames(QuarkusMainLauncher launcher) {
        scenario(launcher);

        StubSuite.Received upload = suite.received("/callbacks/platform/upload").get(0);
        assertTrue(upload.contentType().startsWith("application/x-www-form-urlencoded"), upload.contentType());
        assertEquals(Map.of("token", StubSuite.TOKEN), upload.query());
        assertEquals(Set.of("content_provider_key", "full_filename", "filename", "upload_file_key"), upload.form().keySet());
        assertEquals(StubSuite.ACCOUNT, upload.form().get("content_provider_key"));
        StubSuite.Received transcoding = suite.received("/callbacks/platform/transcoding").get(0);
        assertEquals(Set.of("content_provider_key", "filename", "upload_file_key", "transcoding_result"), transcoding.form().keySet());
        assertEquals("success", transcoding.form().get("transcoding_result"));
        StubSuite.Received channelAdd = suite.received("/callbacks/platform/channel-add").get(0);
        assertEquals(Set.of("content_provider_key", "full_filename", "filename", "upload_file_key", "media_content_key",
                "channel_key", "channel_name", "profile_key", "update_type"), channelAdd.form().keySet());
        assertEquals(StubSuite.CHANNEL, channelAdd.form().get("channel_key"));
        assertEquals(4, suite.received("/callbacks/platform/channel-add").size() + suite.received("/callbacks/platform/channel-remove").size());
    }

    @Test
    void playAndDrmCallbacksCarryTheirFieldsAndDrmItemsAreAJsonArray(QuarkusMainLauncher launcher) throws IOException {
        scenario(launcher);

        List<StubSuite.Received> plays = suite.received("/callbacks/channels/stub-channel/play");
        assertEquals(List.of("1", "3", "1", "3", "1", "3"), plays.stream().map(play -> play.form().get("kind")).toList());
        assertEquals(Set.of("kind", "client_user_id", "player_id", "hardware_id", "device_name", "media_content_key", "uservalues"),
                plays.get(0).form().keySet());
        assertTrue(JSON.readTree(plays.get(0).form().get("uservalues")).isObject());
        List<StubSuite.Received> drms = suite.received("/callbacks/channels/stub-channel/drm");
        assertEquals(Set.of("items"), drms.get(0).form().keySet());
        List<Integer> kinds = new ArrayList<>();
        for (StubSuite.Received drm : drms) {
            JsonNode items = JSON.readTree(drm.form().get("items"));
            assertTrue(items.isArray());
            assertTrue(items.get(0).path("kind").isInt(), "kind is a JSON number");
            kinds.add(items.get(0).path("kind").asInt());
        }
        assertEquals(List.of(1, 2, 3, 1, 2, 3, 1), kinds);
        JsonNode offline = JSON.readTree(drms.get(2).form().get("items")).get(0);
        assertTrue(offline.path("start_at").isIntegralNumber() && offline.path("session_key").isTextual(), offline.toString());
    }

    @Test
    void lmsSnapshotsCarryTheJsonDocumentInTheFormAndTheSessionInTheQuery(QuarkusMainLauncher launcher) throws IOException {
        scenario(launcher);

        List<StubSuite.Received> snapshots = suite.received("/callbacks/channels/stub-channel/lms");
        StubSuite.Received first = snapshots.get(0);
        assertEquals(Set.of("json_data"), first.form().keySet());
        assertEquals(Set.of("token", "client_user_id", "start_at"), first.query().keySet());
        JsonNode document = JSON.readTree(first.form().get("json_data"));
        assertEquals(first.query().get("client_user_id"), document.at("/user_info/client_user_id").asText());
        assertEquals(Long.parseLong(first.query().get("start_at")), document.at("/content_info/start_at").asLong());
        for (String integer : List.of("/content_info/duration", "/content_info/playtime", "/content_info/real_playtime",
                "/content_info/last_play_at", "/block_info/block_count", "/block_info/blocks/b0", "/block_info/blocks/t0",
                "/block_info/blocks/p0")) {
            assertTrue(document.at(integer).isIntegralNumber(), integer + " in " + document);
        }
        Map<String, Long> copies = snapshots.stream().collect(Collectors.groupingBy(StubSuite.Received::body, Collectors.counting()));
        assertTrue(copies.containsValue(2L), "a stored snapshot is sent again exactly");
    }

    @Test
    void theProgressOfADocumentChannelIsDueFromItsBlocks(QuarkusMainLauncher launcher) {
        LaunchResult result = scenario(launcher, "--lms-shape", "document");

        assertEquals(0, result.exitCode(), result.getOutput());
        assertTrue(result.getOutput().contains("LMS shape document"), result.getOutput());
        assertTrue(result.getOutput().contains("200 percent 90 and blockCount 10, 90 and 10 due"), result.getOutput());
    }

    @Test
    void aFlatChannelGetsOnlyRenamedFlatParametersWithOneBasedBlocksAndNoDocument(QuarkusMainLauncher launcher) {
        LaunchResult result = scenario(launcher, "--lms-shape", "flat");

        assertEquals(0, result.exitCode(), result.getOutput());
        List<StubSuite.Received> snapshots = suite.received("/lms");
        Set<String> expected = new HashSet<>(Set.of("ID", "MCK", "TM", "PT", "real_playtime", "ET", "DUR", "status"));
        for (int block = 1; block <= 10; block++) {
            expected.addAll(List.of("B" + block, "T" + block));
        }
        for (StubSuite.Received snapshot : snapshots) {
            assertEquals(expected, snapshot.form().keySet());
            assertEquals(Set.of("token"), snapshot.query().keySet());
        }
        List<StubSuite.Received> first = snapshots.stream()
                .filter(snapshot -> snapshot.form().get("ID").equals(snapshots.get(0).form().get("ID"))).toList();
        assertEquals(List.of("play", "play", "stop"), first.subList(0, 3).stream().map(snapshot -> snapshot.form().get("status")).toList(),
                "the third snapshot is the one sent on pause");
        StubSuite.Received last = first.get(first.size() - 1);
        assertEquals("stop", last.form().get("status"));
        assertEquals("600", last.form().get("ET"));
        assertEquals("600", last.form().get("DUR"));
        assertEquals("0", last.form().get("B4"), "the fourth block was skipped by the seek forward");
        assertEquals("1", last.form().get("B10"));
        assertTrue(result.getOutput().contains("200 percent 90 and blockCount 10, 90 and 10 due"), result.getOutput());
    }

    @Test
    void aChannelWithoutBlockInformationGetsTheDocumentWithoutBlockInfoAndProgressFromRealPlaytime(QuarkusMainLauncher launcher)
            throws IOException {
        LaunchResult result = scenario(launcher, "--lms-shape", "no-blocks");

        assertEquals(0, result.exitCode(), result.getOutput());
        for (StubSuite.Received snapshot : suite.received("/lms")) {
            assertEquals(Set.of("json_data"), snapshot.form().keySet());
            assertEquals(Set.of("token", "client_user_id", "start_at"), snapshot.query().keySet());
            JsonNode document = JSON.readTree(snapshot.form().get("json_data"));
            assertTrue(document.path("block_info").isMissingNode(), document.toString());
            assertTrue(document.at("/content_info/real_playtime").isIntegralNumber()
                    && document.at("/content_info/duration").isIntegralNumber(), document.toString());
        }
        // 540 of 600 seconds watched: the never watched part is the same 10% the blocks show.
        assertTrue(result.getOutput().contains("200 percent 90 and blockCount 0, 90 and 0 due"), result.getOutput());
    }

    @Test
    void anUnknownLmsShapeNamesTheOptionAndExitsWithStatus2(QuarkusMainLauncher launcher) {
        LaunchResult result = scenario(launcher, "--lms-shape", "blocks");

        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("Invalid value for option '--lms-shape': 'blocks' is not an LMS shape, "
                + "shapes: document, flat, no-blocks"), result.getErrorOutput());
    }

    @Test
    void aCustomLmsParameterNameCarriesTheJsonDocument(QuarkusMainLauncher launcher) {
        scenario(launcher, "--lms-json-param", "progress");

        assertEquals(Set.of("progress"), suite.received("/lms").get(0).form().keySet());
    }

    @Test
    void aJwtSignedWithAnotherKeyIsAViolationAndFailsTheScenario(QuarkusMainLauncher launcher) {
        suite.signWith("someone-elses-key");

        LaunchResult result = scenario(launcher);

        assertEquals(1, result.exitCode());
        assertTrue(result.getOutput().contains("VIOLATION signature: signature does not verify with the security key"), result.getOutput());
        assertTrue(result.getOutput().contains("\nFAIL"), result.getOutput());
    }

    @Test
    void aWrongUserKeyHeaderIsAViolation(QuarkusMainLauncher launcher) {
        suite.sendUserKey("another-user-key");

        LaunchResult result = scenario(launcher);

        assertEquals(1, result.exitCode());
        assertTrue(result.getOutput().contains("VIOLATION user-key: X-Kollus-UserKey is not the custom key"), result.getOutput());
    }

    @Test
    void aResultSentAsAStringIsAViolation(QuarkusMainLauncher launcher) {
        suite.sendIntegersAsStrings();

        LaunchResult result = scenario(launcher);

        assertEquals(1, result.exitCode());
        assertTrue(result.getOutput().contains("VIOLATION integer-type: result is STRING \"1\", not an integer"), result.getOutput());
    }

    @Test
    void aTranscodingCallbackAnsweredWith500IsRetriedThreeTimesAtTheScaledInterval(QuarkusMainLauncher launcher) {
        suite.fail("/callbacks/platform/transcoding", 100, 500);

        LaunchResult result = scenario(launcher, "--retry-interval", "PT0.2S");

        assertEquals(1, result.exitCode());
        String first = suite.received("/transcoding").get(0).form().get("upload_file_key");
        List<StubSuite.Received> attempts = suite.received("/transcoding").stream()
                .filter(attempt -> attempt.form().get("upload_file_key").equals(first)).toList();
        assertEquals(4, attempts.size(), "the first attempt and three retries");
        for (int i = 1; i < attempts.size(); i++) {
            long gap = attempts.get(i).nanos() - attempts.get(i - 1).nanos();
            assertTrue(gap >= Duration.ofMillis(200).toNanos(), "retry " + i + " came " + gap / 1_000_000 + " ms after");
        }
        assertTrue(result.getOutput().contains("VIOLATION given-up: not delivered after 4 attempt(s), last: 500"), result.getOutput());
    }

    @Test
    void aPlatformCallbackThatFailsOnceIsDeliveredByItsRetry(QuarkusMainLauncher launcher) {
        suite.fail("/callbacks/platform/upload", 1, 503);

        LaunchResult result = scenario(launcher, "--retry-interval", "PT0.1S");

        assertEquals(0, result.exitCode(), result.getOutput());
        assertTrue(result.getOutput().contains("attempt 1 of upload"), result.getOutput());
        assertTrue(result.getOutput().contains("200 after 2 attempts"), result.getOutput());
    }

    @Test
    void anLmsSnapshotAnswered503IsReportedLostAndNeverSentAgain(QuarkusMainLauncher launcher) {
        suite.fail("/lms", 1, 503);

        LaunchResult result = scenario(launcher, "--lms-resend-interval", "PT0.1S");

        assertEquals(1, result.exitCode(), result.getOutput());
        assertTrue(result.getOutput().contains("VIOLATION snapshot-lost: snapshot lost: the player does not re-send after an "
                + "HTTP answer, and this one was 503, not 200"), result.getOutput());
        assertTrue(result.getOutput().contains("1 violation(s)"), result.getOutput());
        List<StubSuite.Received> snapshots = suite.received("/lms");
        assertEquals(2, snapshots.stream().filter(snapshot -> snapshot.body().equals(snapshots.get(0).body())).count(),
                "the first snapshot: its one attempt and the scenario's own re-send of it, no player re-send");
    }

    @Test
    void anLmsSnapshotWhoseConnectionIsClosedWithoutAnAnswerIsSentAgainAndThenStored(QuarkusMainLauncher launcher) {
        suite.closeWithoutAnswer("/lms", 1);

        LaunchResult result = scenario(launcher, "--lms-resend-interval", "PT0.1S");

        assertEquals(0, result.exitCode(), result.getOutput());
        List<StubSuite.Received> snapshots = suite.received("/lms");
        assertEquals(3, snapshots.stream().filter(snapshot -> snapshot.body().equals(snapshots.get(0).body())).count(),
                "the first snapshot: the attempt without answer, the player's re-send, and the scenario's own re-send of it");
        assertTrue(snapshots.get(1).nanos() - snapshots.get(0).nanos() >= Duration.ofMillis(100).toNanos());
        assertTrue(result.getOutput().contains("200 after 2 attempts"), result.getOutput());
    }
}
