package org.kollussuite.lms.callback;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kollussuite.commons.config.Channel;
import org.kollussuite.commons.config.ChannelDirectory;
import org.kollussuite.commons.testing.Fuzzing;
import org.kollussuite.commons.testing.Metrics;
import org.kollussuite.commons.testing.RawHttp;
import org.kollussuite.lms.domain.Normalization;
import org.kollussuite.lms.domain.UnreadableSnapshotException.Reason;
import org.kollussuite.lms.quarantine.Quarantine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.kollussuite.lms.callback.LmsClient.MATH;
import static org.kollussuite.lms.callback.LmsClient.TOKEN;
import static org.kollussuite.lms.callback.LmsClient.newContent;
import static org.kollussuite.lms.callback.LmsClient.newUser;
import static org.kollussuite.lms.callback.LmsClient.progress;
import static org.kollussuite.lms.callback.LmsClient.snapshot;
import static org.kollussuite.lms.callback.LmsClient.store;

/**
 * Hostile requests to the LMS URL, with an honest player sending snapshots meanwhile: with the token each is
 * stored (merged or quarantined) and answered {@code {"result":1}}, never an error status; without it, or with
 * another method, it is refused and nothing is stored; no received value becomes a metric label.
 */
@QuarkusTest
class LmsFuzzTest {

    private static final String URL = "/callbacks/channels/" + MATH + "/lms";
    private static final List<String> NAMES = List.of("json_data", "client_user_id", "media_content_key", "start_at",
            "playtime", "real_playtime", "last_play_at", "duration", "playtime_percent", "block_count", "b0", "t0",
            "p0", "player_id", "hardware_id", "device_name", "content_provider_key");
    private static final List<String> OTHER_METHODS = List.of("GET", "PUT", "DELETE", "PATCH");
    private static final String STORED = "{\"result\":1}";
    private static final String SNAPSHOTS = "kollus_lms_snapshots_total";
    private static final String QUARANTINED = "kollus_lms_quarantined_total";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ChannelDirectory channels;

    private final AtomicInteger honestSent = new AtomicInteger();

    @AfterEach
    void noReceivedValueBecameALabel() {
        Map<String, Set<String>> labels = Metrics.labelValues("kollus_lms");
        Set<String> channelLabels = channels.all().stream().map(Channel::key).collect(Collectors.toCollection(HashSet::new));
        channelLabels.add(Quarantine.UNKNOWN_CHANNEL);
        assertTrue(channelLabels.containsAll(labels.getOrDefault("channel", Set.of())), labels.get("channel").toString());
        assertTrue(Arrays.stream(Reason.values()).map(Reason::label).toList()
                .containsAll(labels.getOrDefault("reason", Set.of())), labels.get("reason").toString());
        assertTrue(Arrays.stream(Normalization.values()).map(Normalization::label).toList()
                .containsAll(labels.getOrDefault("rule", Set.of())), labels.get("rule").toString());
        Set<String> uris = Metrics.labelValues("http_server_requests").getOrDefault("uri", Set.of());
        assertTrue(uris.size() <= 40 && uris.stream().noneMatch(uri -> uri.contains("%")), uris.toString());
    }

    @Test
    void everyHostileSnapshotWithTheTokenIsStoredAndAnsweredWithResultOne() throws SQLException {
        double before = Metrics.sum(SNAPSHOTS) + Metrics.sum(QUARANTINED);

        Fuzzing.fuzz("lms POST with the token", NAMES, inputs -> inputs.request("POST", URL + "?token=" + TOKEN),
                LmsFuzzTest::stored, honestPlayer());

        assertEquals(before + Fuzzing.inputs() + honestSent.get(), Metrics.sum(SNAPSHOTS) + Metrics.sum(QUARANTINED),
                "every snapshot was merged, found a duplicate or quarantined");
        assertEquals(0, count("""
                select count(*) from lms_session
                 where client_user_id ~ '[[:cntrl:]]' or media_content_key ~ '[[:cntrl:]]'
                    or player_id ~ '[[:cntrl:]]' or snapshot ~ '[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]'
                """), "no stored progress holds a control character");
    }

    @Test
    void hostileSnapshotsWithoutTheRightTokenAreRefusedAndStoreNothing() {
        double quarantined = Metrics.sum(QUARANTINED);
        double snapshots = Metrics.sum(SNAPSHOTS);

        Fuzzing.fuzz("lms POST without the token", NAMES, inputs -> inputs.request("POST", URL),
                answer -> refused(answer, 401), honestPlayer());
        Fuzzing.fuzz("lms POST with a wrong token", NAMES, inputs -> inputs.request("POST", URL + "?token=wrong"),
                answer -> refused(answer, 401), honestPlayer());

        assertEquals(quarantined, Metrics.sum(QUARANTINED), "nothing was quarantined");
        assertEquals(snapshots + honestSent.get(), Metrics.sum(SNAPSHOTS), "only the honest snapshots were merged");
    }

    @Test
    void hostileRequestsWithAnotherMethodAreNotAllowedAndStoreNothing() {
        double quarantined = Metrics.sum(QUARANTINED);
        double snapshots = Metrics.sum(SNAPSHOTS);
        AtomicInteger next = new AtomicInteger();

        Fuzzing.fuzz("lms other methods", NAMES, inputs -> inputs.request(
                        OTHER_METHODS.get(next.getAndIncrement() % OTHER_METHODS.size()), URL + "?token=" + TOKEN),
                answer -> refused(answer, 405), honestPlayer());

        assertEquals(quarantined, Metrics.sum(QUARANTINED), "nothing was quarantined");
        assertEquals(snapshots + honestSent.get(), Metrics.sum(SNAPSHOTS), "only the honest snapshots were merged");
    }

    private static void stored(RawHttp.Answer answer) {
        assertEquals(200, answer.status(), answer.text());
        assertEquals(STORED, answer.text());
    }

    private static void refused(RawHttp.Answer answer, int status) {
        assertEquals(status, answer.status(), answer.text());
        assertTrue(answer.text().contains("\"error\""), answer.text());
    }

    /** A learner's honest snapshot, merged into their progress. */
    private Callable<Boolean> honestPlayer() {
        return () -> {
            String user = newUser();
            String content = newContent();
            honestSent.incrementAndGet();
            store(snapshot(user, content, 100, 60, 60, 60, Set.of(0, 1)));
            return progress(MATH, content, user).getInt("percent") == 20;
        };
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
